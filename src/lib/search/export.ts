/** The search results' CSV: every result of the search, best first, with its rank and BM25 score. */
import type { ExportColumn } from '$lib/export/source';

export const SEARCH_EXPORT_COLUMNS: readonly ExportColumn[] = [
  { key: 'rank', label: 'Rank' },
  { key: 'score', label: 'BM25 score' },
  { key: 'record_id', label: 'Record id' },
  { key: 'platform_id', label: 'Platform id' },
  { key: 'platform_name', label: 'Platform' },
  { key: 'category_id', label: 'Category id' },
  { key: 'category_name', label: 'Category' },
  { key: 'severity', label: 'Severity' },
  { key: 'status', label: 'Status' },
  { key: 'first_tracked', label: 'First tracked (UTC)' },
  { key: 'title', label: 'Title' },
  { key: 'clause_text', label: 'Clause text' }
];
