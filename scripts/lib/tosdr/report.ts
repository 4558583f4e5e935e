/**
 * What a ToS;DR import imported and what it skipped, with counts and reasons: printed at the end of the import and
 * written as `import-report.json` beside the export. It holds no time or path of the machine, so the same input gives
 * the same report. Nothing the source holds is dropped without a line here.
 */

/** Why an approved-looking point did not become a provision, or why a point was not approved. */
export const POINT_SKIP_REASONS = {
  unreadable: 'the file is not a readable JSON object',
  duplicate_id: 'another point file has the same id',
  needs_moderation: 'not approved: marked needModeration',
  closed_irrelevant: 'not approved: closed as irrelevant',
  no_case: 'not approved: names no case',
  unknown_case: 'names a case that does not exist in cases/',
  no_service: 'names no service',
  unknown_service: 'names only services that are not in services/',
  skipped_service: 'names only services that were skipped (spam or empty names)',
  no_category: 'its case and topics map to no Termscope category'
} as const;
export type PointSkipReason = keyof typeof POINT_SKIP_REASONS;

export interface NamedCount {
  name: string;
  count: number;
}

export interface ImportReport {
  source: { name: string; licence: string; attribution: string; url: string; data_as_of: string };
  imported: {
    platforms: number;
    platforms_without_provisions: number;
    documents: number;
    categories: number;
    provisions: number;
    provisions_without_document: number;
    provisions_unrated: number;
    provision_versions: 0;
  };
  services: {
    files: number;
    unreadable: { file: string; error: string }[];
    /** Groups of files that are one platform (only groups of two files or more). */
    merged: { platform_id: string; files: string[]; ids: string[]; slugs: string[] }[];
    skipped: { files: string[]; name: string | null; reason: string }[];
    names_cleaned: { platform_id: string; from: string; to: string }[];
    /** Other names the merged files gave the same platform (the first clean one is used). */
    names_ignored: { platform_id: string; name: string; file: string }[];
    junk_websites: { platform_id: string; value: string; reason: string }[];
    platforms_without_website: number;
    /** Two groups whose slugs clean to the same platform_id; the later one gets a suffix. */
    id_collisions: { platform_id: string; files: string[] }[];
  };
  topics: {
    files: number;
    /** Topic ids of topics/ that topics.json does not list: points naming them cannot be mapped by topic. */
    not_in_mapping: string[];
    unreadable: { file: string; error: string }[];
  };
  cases: {
    files: number;
    distinct: number;
    unreadable: { file: string; error: string }[];
    duplicates: { name: string; files: string[]; same_rating: boolean }[];
  };
  points: {
    files: number;
    /** Approved by the rule (not needModeration, not closed as irrelevant, a case that exists). */
    approved: number;
    /** Points that gave at least one provision. */
    imported: number;
    /** Points (not provisions) by the reason they gave no provision. */
    skipped: Partial<Record<PointSkipReason, number>>;
    unreadable: { file: string; error: string }[];
    duplicate_ids: { id: string; files: string[] }[];
    unknown_cases: NamedCount[];
    /** Service names points refer to that no service file has (counted per point and name). */
    unknown_services: NamedCount[];
    /**
     * Approved points whose case and topics map to no category, by case: `in_mapping` false means cases.json does not
     * list the case at all (a case newer than the mapping), true that it lists it with category null.
     */
    unmapped_cases: { case: string; rating: string | null; points: number; in_mapping: boolean }[];
    /** Points naming several platforms (one provision each). */
    multi_platform: number;
    category_source: { case: number; topic: number };
    /** Topic names in approved points that topics.json does not know (they cannot help map a point). */
    unknown_topics: NamedCount[];
    /** Ratings that no rule of ratings.json names: such provisions are unrated. */
    unknown_ratings: NamedCount[];
    summaries_dropped: NamedCount[];
    /** Provisions whose text held HTML (tags or entities) that was converted to plain text. */
    html_converted: { clause_text: number; title: number; summary: number };
    without_quote: number;
  };
  documents: {
    by_doc_type: Record<string, number>;
    /** Spellings of one document's name merged into one (title = the most frequent). */
    merged_names: { document_id: string; names: string[] }[];
    with_source_url: number;
    junk_urls: { document_id: string; value: string }[];
  };
  categories_used: { category_id: string; provisions: number }[];
  severity: Record<string, number>;
  polarity: Record<string, number>;
}

export function emptyReport(source: ImportReport['source']): ImportReport {
  return {
    source,
    imported: {
      platforms: 0,
      platforms_without_provisions: 0,
      documents: 0,
      categories: 0,
      provisions: 0,
      provisions_without_document: 0,
      provisions_unrated: 0,
      provision_versions: 0
    },
    services: {
      files: 0,
      unreadable: [],
      merged: [],
      skipped: [],
      names_cleaned: [],
      names_ignored: [],
      junk_websites: [],
      platforms_without_website: 0,
      id_collisions: []
    },
    topics: { files: 0, not_in_mapping: [], unreadable: [] },
    cases: { files: 0, distinct: 0, unreadable: [], duplicates: [] },
    points: {
      files: 0,
      approved: 0,
      imported: 0,
      skipped: {},
      unreadable: [],
      duplicate_ids: [],
      unknown_cases: [],
      unknown_services: [],
      unmapped_cases: [],
      multi_platform: 0,
      category_source: { case: 0, topic: 0 },
      unknown_topics: [],
      unknown_ratings: [],
      summaries_dropped: [],
      html_converted: { clause_text: 0, title: 0, summary: 0 },
      without_quote: 0
    },
    documents: { by_doc_type: {}, merged_names: [], with_source_url: 0, junk_urls: [] },
    categories_used: [],
    severity: {},
    polarity: {}
  };
}

/** Counts by name, listed most frequent first, then by name (code point order, so the list is the same everywhere). */
export class Tally {
  private counts = new Map<string, number>();
  add(name: string, by = 1): void {
    this.counts.set(name, (this.counts.get(name) ?? 0) + by);
  }
  get(name: string): number {
    return this.counts.get(name) ?? 0;
  }
  get size(): number {
    return this.counts.size;
  }
  list(): NamedCount[] {
    return [...this.counts].map(([name, count]) => ({ name, count })).sort(byCountThenName);
  }
  /** Counts as an object with keys in the given order (absent keys omitted). */
  record(order: readonly string[]): Record<string, number> {
    const out: Record<string, number> = {};
    for (const key of order) if (this.counts.has(key)) out[key] = this.counts.get(key)!;
    for (const [key, count] of [...this.counts].sort(([a], [b]) => compareText(a, b))) if (!(key in out)) out[key] = count;
    return out;
  }
}

export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function byCountThenName(a: NamedCount, b: NamedCount): number {
  return b.count - a.count || compareText(a.name, b.name);
}

/** Total of the points skipped for any reason. */
export function skippedPoints(report: ImportReport): number {
  return Object.values(report.points.skipped).reduce((sum, n) => sum + (n ?? 0), 0);
}

function plural(n: number, word: string, many = `${word}s`): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? word : many}`;
}

/** The report as text for people: what was imported, then everything skipped or changed, with reasons. */
export function formatImportReport(report: ImportReport, limit = 10): string {
  const lines: string[] = [];
  const { imported: im, services: sv, cases: cs, points: pt, documents: dc } = report;
  const more = (list: unknown[]) =>
    list.length > limit ? [`      … and ${list.length - limit} more (import-report.json lists all)`] : [];
  lines.push(`Imported from ${report.source.name} (data as of ${report.source.data_as_of}):`);
  const n = (value: number) => value.toLocaleString('en-US');
  lines.push(
    `  ${plural(im.platforms, 'platform')} (${n(im.platforms_without_provisions)} without provisions), ` +
      `${plural(im.documents, 'document')}, ${plural(im.categories, 'category', 'categories')}, ` +
      `${plural(im.provisions, 'provision')} (${n(im.provisions_without_document)} from an unnamed document, ` +
      `${n(im.provisions_unrated)} unrated); no provision versions (ToS;DR keeps no history)`
  );
  lines.push(`  severity: ${Object.entries(report.severity).map(([k, v]) => `${k} ${v}`).join(', ')}`);
  lines.push(`  polarity: ${Object.entries(report.polarity).map(([k, v]) => `${k} ${v}`).join(', ')}`);
  lines.push(`  categories: ${report.categories_used.map((c) => `${c.category_id} ${c.provisions}`).join(', ')}`);
  lines.push(`  category from the case: ${pt.category_source.case}, from a topic: ${pt.category_source.topic}`);

  lines.push(`Services: ${plural(sv.files, 'file')} → ${plural(im.platforms, 'platform')}`);
  lines.push(`  merged: ${plural(sv.merged.length, 'platform')} from several files`);
  for (const m of sv.merged.slice(0, limit)) lines.push(`      ${m.platform_id}: ${m.files.join(', ')}`);
  lines.push(...more(sv.merged));
  lines.push(`  skipped: ${plural(sv.skipped.length, 'service')}`);
  for (const s of sv.skipped.slice(0, limit)) lines.push(`      ${JSON.stringify(s.name)} (${s.files.join(', ')}): ${s.reason}`);
  lines.push(...more(sv.skipped));
  lines.push(`  unreadable files: ${sv.unreadable.length}`);
  for (const u of sv.unreadable.slice(0, limit)) lines.push(`      ${u.file}: ${u.error}`);
  lines.push(`  names cleaned: ${sv.names_cleaned.length}`);
  for (const c of sv.names_cleaned.slice(0, limit)) {
    lines.push(`      ${c.platform_id}: ${JSON.stringify(c.from)} → ${JSON.stringify(c.to)}`);
  }
  lines.push(...more(sv.names_cleaned));
  lines.push(`  other names of merged files ignored: ${sv.names_ignored.length}`);
  lines.push(`  junk websites dropped: ${sv.junk_websites.length}`);
  for (const w of sv.junk_websites.slice(0, limit)) lines.push(`      ${w.platform_id}: ${JSON.stringify(w.value)} (${w.reason})`);
  lines.push(...more(sv.junk_websites));
  lines.push(`  platforms without a website: ${sv.platforms_without_website}`);
  if (sv.id_collisions.length > 0) lines.push(`  platform ids made unique: ${sv.id_collisions.map((c) => c.platform_id).join(', ')}`);

  lines.push(`Cases: ${plural(cs.files, 'file')} → ${plural(cs.distinct, 'distinct case')}`);
  const differing = cs.duplicates.filter((d) => !d.same_rating).length;
  lines.push(`  files holding the same case: ${cs.duplicates.length} (${differing} with different ratings)`);
  lines.push(`  unreadable files: ${cs.unreadable.length}`);
  for (const u of cs.unreadable.slice(0, limit)) lines.push(`      ${u.file}: ${u.error}`);

  lines.push(`Topics: ${plural(report.topics.files, 'file')}; not in topics.json: ${report.topics.not_in_mapping.join(', ') || 'none'}`);
  for (const u of report.topics.unreadable.slice(0, limit)) lines.push(`  unreadable: ${u.file}: ${u.error}`);
  lines.push(
    `Points: ${plural(pt.files, 'file')}, ${n(pt.approved)} approved, ${n(pt.imported)} imported, ${n(skippedPoints(report))} skipped:`
  );
  for (const [reason, count] of Object.entries(pt.skipped)) {
    lines.push(`  ${String(count).padStart(6)}  ${reason}: ${POINT_SKIP_REASONS[reason as PointSkipReason]}`);
  }
  if (pt.unmapped_cases.length > 0) {
    lines.push(`  cases that fell into no category (${pt.unmapped_cases.length}):`);
    for (const u of pt.unmapped_cases.slice(0, limit)) {
      const note = `${u.rating ?? 'no rating'}${u.in_mapping ? '' : '; not in cases.json'}`;
      lines.push(`      ${String(u.points).padStart(4)}  ${JSON.stringify(u.case)} (${note})`);
    }
    lines.push(...more(pt.unmapped_cases));
  }
  const named = (title: string, list: NamedCount[]) => {
    if (list.length === 0) return;
    lines.push(`  ${title} (${list.length}):`);
    for (const n of list.slice(0, limit)) lines.push(`      ${String(n.count).padStart(4)}  ${JSON.stringify(n.name)}`);
    lines.push(...more(list));
  };
  named('unknown cases', pt.unknown_cases);
  named('unknown services', pt.unknown_services);
  named('unknown topics (ignored)', pt.unknown_topics);
  named('ratings no rule names (imported unrated)', pt.unknown_ratings);
  named('boilerplate summaries dropped', pt.summaries_dropped);
  for (const u of pt.unreadable.slice(0, limit)) lines.push(`  unreadable: ${u.file}: ${u.error}`);
  for (const d of pt.duplicate_ids.slice(0, limit)) lines.push(`  duplicate id ${d.id}: ${d.files.join(', ')}`);
  lines.push(`  points naming several platforms: ${pt.multi_platform}; approved points without a quote: ${pt.without_quote}`);
  lines.push(
    `  HTML converted to text: ${pt.html_converted.clause_text} clauses, ${pt.html_converted.title} titles, ` +
      `${pt.html_converted.summary} summaries`
  );
  lines.push(
    `Documents: ${Object.entries(dc.by_doc_type).map(([k, v]) => `${k} ${v}`).join(', ')}; ${dc.with_source_url} with a source URL; ` +
      `${dc.merged_names.length} with several spellings merged; ${dc.junk_urls.length} junk URLs dropped`
  );
  return lines.join('\n');
}
