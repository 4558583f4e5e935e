/**
 * The CSV of each chart and summary that had none: the rows and columns of the table the view shows beside it, with the
 * same numbers (counts as counts, the index unrounded, dates as the days or instants behind the labels). Each builder
 * takes what the component already holds, so the file is what is on screen, not a query run again.
 */
import type { Row } from '../db/values';
import type { ExportColumn } from './source';
import { SEVERITY_KEYS } from '../queries/severity';
import type { CategoryCoverage, CategorySeverity, OverviewData } from '../queries/overview-data';
import { STANDINGS, type StandingCounts } from '../compare/summary';
import { indexOfCounts, type IndexPoint, type TimelinePoint } from '../timeline/series';
import type { StripPlatform, StripSegment } from '../timeline/strips';
import type { CategorySummary } from '../changes/feed';
import type { CellProvision } from '../queries/matrix';
import type { CitationRecord } from '../citations/record';

export interface TableExport {
  rows: Row[];
  columns: ExportColumn[];
}

/** A column whose header is its key (text, or of the type given); `count` is the same for counts. */
const column = (key: string, type?: ExportColumn['type']): ExportColumn => (type ? { key, label: key, type } : { key, label: key });
const count = (key: string, label = key): ExportColumn => ({ key, label, type: 'BIGINT' });

/** The overview's severity by category: one row per category (those without provisions too), as its table. */
export function severityByCategoryExport(rows: readonly CategorySeverity[]): TableExport {
  return {
    columns: [
      column('category_id'),
      column('category'),
      column('group'),
      ...SEVERITY_KEYS.map((k) => count(k)),
      count('total')
    ],
    rows: rows.map((r) => ({ category_id: r.category_id, category: r.name, group: r.group_name, ...r.counts, total: r.total }))
  };
}

/** The overview's "Loaded export": one row per table of the export, with its rows. */
export function tableRowsExport(rowCounts: OverviewData['row_counts']): TableExport {
  return {
    columns: [column('table'), count('rows')],
    rows: Object.entries(rowCounts).map(([table, rows]) => ({ table, rows }))
  };
}

/**
 * The overview's provisions by severity: one row per level, worst first and unrated last (zeros included), with its
 * share of the provisions counted (null when there are none).
 */
export function severityBreakdownExport(bySeverity: OverviewData['by_severity'], counted: number): TableExport {
  return {
    columns: [column('severity'), count('provisions'), { key: 'share', label: 'share_of_counted', type: 'DOUBLE' }],
    rows: bySeverity.map((b) => ({ severity: b.severity, provisions: b.count, share: counted > 0 ? b.count / counted : null }))
  };
}

/** The overview's categories: one row per category in the page's order, the platforms that have it out of all. */
export function categoryCoverageExport(rows: readonly CategoryCoverage[], platformTotal: number): TableExport {
  return {
    columns: [
      column('category_id'),
      column('category'),
      column('group'),
      count('platforms', 'platforms_with_provision'),
      count('platform_total', 'platforms_in_export'),
      count('provisions')
    ],
    rows: rows.map((r) => ({
      category_id: r.category_id,
      category: r.name,
      group: r.group_name,
      platforms: r.platforms,
      platform_total: platformTotal,
      provisions: r.provisions
    }))
  };
}

/** The search's results by platform and by category: one row per name, platforms first, each most results first. */
export function searchCountsExport(platforms: readonly { id: string; label: string; n: number }[], categories: readonly { id: string; label: string; n: number }[]): TableExport {
  const rows = (facet: string, list: readonly { id: string; label: string; n: number }[]) => list.map((f) => ({ facet, id: f.id, name: f.label, results: f.n }));
  return {
    columns: [{ key: 'facet', label: 'by' }, column('id'), column('name'), count('results')],
    rows: [...rows('platform', platforms), ...rows('category', categories)]
  };
}

/** Compare's bars (by worst severity, or by sector): one row per bar, platforms per standing ("none": no provision). */
export function standingExport(rows: readonly { id: string; label: string; counts: StandingCounts; total: number }[], rowKey: string): TableExport {
  return {
    columns: [{ key: 'id', label: rowKey }, { key: 'label', label: `${rowKey}_label` }, ...STANDINGS.map((s) => count(s, s === 'none' ? 'no_provision' : s)), count('total', 'platforms')],
    rows: rows.map((r) => ({ id: r.id, label: r.label, ...r.counts, total: r.total }))
  };
}

/**
 * The severity index, long: one row per period and line ("all" for everything shown, then each group), with the
 * index (null where nothing rated is in force) and the rated and unrated provisions it averages.
 */
export function severityIndexExport(points: readonly TimelinePoint[], rows: readonly IndexPoint[], groups: readonly { id: string; label: string }[]): TableExport {
  const byKey = new Map(rows.map((r) => [`${r.group}\u0000${r.bucket}`, r]));
  const out: Row[] = [];
  for (const p of points) {
    const unrated = p.counts.unrated;
    out.push({ bucket: p.bucket, as_of: p.asOf, group: 'all', group_label: 'All shown', index: indexOfCounts(p.counts), rated: p.total - unrated, unrated });
    for (const g of groups) {
      const r = byKey.get(`${g.id}\u0000${p.bucket}`);
      out.push({ bucket: p.bucket, as_of: p.asOf, group: g.id, group_label: g.label, index: r?.index ?? null, rated: r?.rated ?? 0, unrated: r?.unrated ?? 0 });
    }
  }
  return {
    columns: [
      { key: 'bucket', label: 'bucket_start', type: 'DATE' },
      { key: 'as_of', label: 'state_at_end_of', type: 'DATE' },
      column('group'),
      column('group_label'),
      { key: 'index', label: 'severity_index', type: 'DOUBLE' },
      count('rated'),
      count('unrated')
    ],
    rows: out
  };
}

/** The timeline's strips on screen: one row per period of a platform (its worst version in force), platforms in order. */
export function stripsExport(platforms: readonly StripPlatform[], segments: readonly StripSegment[]): TableExport {
  const order = new Map(platforms.map((p, i) => [p.platformId, i]));
  const names = new Map(platforms.map((p) => [p.platformId, p.name]));
  const sorted = segments
    .filter((s) => order.has(s.platformId))
    .sort((a, b) => order.get(a.platformId)! - order.get(b.platformId)! || a.from.getTime() - b.from.getTime());
  return {
    columns: [
      column('platform_id'),
      column('platform'),
      column('from', 'TIMESTAMP'),
      column('to', 'TIMESTAMP'),
      column('severity'),
      column('record_id'),
      column('version', 'INTEGER'),
      column('valid_from', 'TIMESTAMP'),
      column('valid_to', 'TIMESTAMP'),
      count('in_force', 'provisions_in_force')
    ],
    rows: sorted.map((s) => ({
      platform_id: s.platformId,
      platform: names.get(s.platformId)!,
      from: s.from,
      to: s.to,
      severity: s.severity,
      record_id: s.recordId,
      version: s.version,
      valid_from: s.validFrom,
      valid_to: s.validTo,
      in_force: s.inForce
    }))
  };
}

/** The change summary's table: one row per category with changes in the period, by kind. */
export function changeSummaryExport(rows: readonly CategorySummary[]): TableExport {
  return {
    columns: [
      column('category_id'),
      column('category'),
      count('lowered'),
      count('raised'),
      count('added'),
      count('removed'),
      count('reworded'),
      count('changes')
    ],
    rows: rows.map((r) => ({
      category_id: r.categoryId,
      category: r.categoryName ?? r.categoryId,
      lowered: r.lowered,
      raised: r.raised,
      added: r.added,
      removed: r.removed,
      reworded: r.textChanged,
      changes: r.changes
    }))
  };
}

/**
 * The matrix cell panel's provisions, worst first as listed, with their provenance, when last verified, and the capture
 * a citation of them names (`loadCitations`; absent from `cited` while it is read, or without a snapshots table).
 */
export function cellProvisionsExport(provisions: readonly CellProvision[], cited: ReadonlyMap<string, CitationRecord>): TableExport {
  return {
    columns: [
      column('record_id'),
      column('title'),
      column('severity'),
      column('document_id'),
      column('document_title'),
      column('doc_type'),
      column('last_verified', 'TIMESTAMP'),
      column('classified_by'),
      column('source_rating'),
      column('source_id'),
      column('source_url'),
      column('snapshot_id'),
      column('captured_at', 'TIMESTAMP'),
      column('capture_sha256'),
      column('archive_url')
    ],
    rows: provisions.map((p) => {
      const cite = cited.get(p.record_id);
      const c = cite?.capture;
      return {
        record_id: p.record_id,
        title: p.title,
        severity: p.severity,
        document_id: p.document_id,
        document_title: p.document_title,
        doc_type: p.doc_type,
        last_verified: cite?.lastVerified ?? null,
        classified_by: p.provenance.classified_by,
        source_rating: p.provenance.source_rating,
        source_id: p.provenance.source_id,
        source_url: p.provenance.source_url,
        snapshot_id: c?.snapshotId ?? null,
        captured_at: c?.capturedAt ?? null,
        capture_sha256: c?.sha256 ?? null,
        archive_url: c?.archiveUrl ?? null
      };
    })
  };
}
