/**
 * The change feed's rows as typed values, their labels, and the columns of its download. Relative imports: the
 * export writer (scripts/lib/atom-feed.ts) runs it in Node too.
 */
import type { Row } from '../db/values';
import type { ExportColumn } from '../export/source';
import { countCell, nullableStringCell, stringCell } from '../queries/cells';
import { CHANGE_KINDS, type ChangeKind } from '../queries/changes';
import { isSeverityKey, type SeverityKey } from '../queries/severity';

export const CHANGE_LABELS: Record<ChangeKind, string> = {
  added: 'Added',
  raised: 'Severity raised',
  lowered: 'Severity lowered',
  rating_changed: 'Rating changed',
  text_changed: 'Text changed',
  other: 'New version, no visible change',
  removed: 'Removed'
};

export const CHANGE_HELP: Record<ChangeKind, string> = {
  added: 'The provision appeared (first seen, or back after a removal).',
  raised: 'Re-rated to a worse severity (the text may have changed too).',
  lowered: 'Re-rated to a milder severity (the text may have changed too).',
  rating_changed: 'The severity went from unrated to a level, or back.',
  text_changed: 'The clause was reworded; the severity stayed.',
  other: 'A new version whose text (by hash) and severity are the same as before.',
  removed: 'The provision is no longer in the document.'
};

export interface Change {
  changedAt: Date;
  day: string;
  kind: ChangeKind;
  platformId: string;
  platformName: string | null;
  categoryId: string;
  categoryName: string | null;
  recordId: string;
  title: string | null;
  version: number;
  /** Null before an addition; 'unrated' for a version without a rating. */
  oldSeverity: SeverityKey | null;
  /** Null after a removal. */
  newSeverity: SeverityKey | null;
  /** Null for additions and removals. */
  textChanged: boolean | null;
}

function severity(what: string, row: Row, column: string): SeverityKey | null {
  const v = row[column];
  if (v === null || isSeverityKey(v)) return v;
  throw new Error(`${what}: column "${column}" holds ${JSON.stringify(v)}, not a severity`);
}

export function readChanges(rows: readonly Row[]): Change[] {
  const what = 'change feed';
  return rows.map((r) => {
    const kind = r.kind;
    if (!CHANGE_KINDS.includes(kind as ChangeKind)) throw new Error(`${what}: unexpected kind ${JSON.stringify(kind)}`);
    if (!(r.changed_at instanceof Date)) throw new Error(`${what}: changed_at should be a timestamp, got ${JSON.stringify(r.changed_at)}`);
    const text = r.text_changed;
    return {
      changedAt: r.changed_at,
      day: stringCell(what, r, 'day'),
      kind: kind as ChangeKind,
      platformId: stringCell(what, r, 'platform_id'),
      platformName: nullableStringCell(what, r, 'platform_name'),
      categoryId: stringCell(what, r, 'category_id'),
      categoryName: nullableStringCell(what, r, 'category_name'),
      recordId: stringCell(what, r, 'record_id'),
      title: nullableStringCell(what, r, 'title'),
      version: countCell(what, r, 'version'),
      oldSeverity: severity(what, r, 'old_severity'),
      newSeverity: severity(what, r, 'new_severity'),
      textChanged: typeof text === 'boolean' ? text : null
    };
  });
}

/** The CSV download: every column of `changesQuery`, as the query names them. */
export const CHANGE_EXPORT_COLUMNS: ExportColumn[] = [
  { key: 'changed_at', label: 'changed_at', type: 'TIMESTAMP' },
  { key: 'day', label: 'day', type: 'DATE' },
  { key: 'kind', label: 'kind', type: 'VARCHAR' },
  { key: 'platform_id', label: 'platform_id', type: 'VARCHAR' },
  { key: 'platform_name', label: 'platform_name', type: 'VARCHAR' },
  { key: 'category_id', label: 'category_id', type: 'VARCHAR' },
  { key: 'category_name', label: 'category_name', type: 'VARCHAR' },
  { key: 'record_id', label: 'record_id', type: 'VARCHAR' },
  { key: 'title', label: 'title', type: 'VARCHAR' },
  { key: 'version', label: 'version', type: 'INTEGER' },
  { key: 'old_severity', label: 'old_severity', type: 'VARCHAR' },
  { key: 'new_severity', label: 'new_severity', type: 'VARCHAR' },
  { key: 'text_changed', label: 'text_changed', type: 'BOOLEAN' },
  { key: 'recorded_change_kind', label: 'recorded_change_kind', type: 'VARCHAR' }
];

export interface CategorySummary {
  categoryId: string;
  categoryName: string | null;
  raised: number;
  lowered: number;
  added: number;
  removed: number;
  textChanged: number;
  changes: number;
}

export function readSummary(rows: readonly Row[]): CategorySummary[] {
  const what = 'change summary';
  return rows.map((r) => ({
    categoryId: stringCell(what, r, 'category_id'),
    categoryName: nullableStringCell(what, r, 'category_name'),
    raised: countCell(what, r, 'raised'),
    lowered: countCell(what, r, 'lowered'),
    added: countCell(what, r, 'added'),
    removed: countCell(what, r, 'removed'),
    textChanged: countCell(what, r, 'text_changed'),
    changes: countCell(what, r, 'changes')
  }));
}
