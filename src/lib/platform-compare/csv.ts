/**
 * The comparison as a CSV: one line per provision of a platform in a category, and one line with empty provision
 * fields for a platform that has none there (absence is part of the answer), categories in page order, platforms in
 * column order. Long rather than wide, so two or four platforms give the same columns and a spreadsheet can pivot it.
 */
import type { Row } from '$lib/db/values';
import type { ExportColumn } from '$lib/export/source';
import type { PlatformCompareData } from './load-platform-compare';

export const PVP_CSV_COLUMNS: readonly ExportColumn[] = [
  'category_id',
  'category_name',
  'group_name',
  'coverage',
  'differs',
  'platform_id',
  'platform_name',
  'tracked',
  'worst_severity',
  'record_id',
  'title',
  'severity',
  'document_id',
  'document_title',
  'clause_text'
].map((key) => ({ key, label: key }));

/** The lines of the download, for the categories shown (`keep`: all, or only those that differ). */
export function comparisonRows(data: PlatformCompareData, keep: (category: PlatformCompareData['categories'][number]) => boolean = () => true): Row[] {
  const names = new Map(data.platforms.map((p) => [p.platform_id, p.name]));
  const out: Row[] = [];
  for (const c of data.categories) {
    if (!keep(c)) continue;
    const head = { category_id: c.category_id, category_name: c.name, group_name: c.group_name, coverage: c.coverage, differs: c.differs };
    for (const cell of c.cells) {
      const platform = { platform_id: cell.platform_id, platform_name: names.get(cell.platform_id) ?? null, tracked: cell.tracked, worst_severity: cell.worst };
      const none = { record_id: null, title: null, severity: null, document_id: null, document_title: null, clause_text: null };
      if (cell.items.length === 0) out.push({ ...head, ...platform, ...none });
      for (const item of cell.items) out.push({ ...head, ...platform, ...item });
    }
  }
  return out;
}
