/** The timeline's numbers as a download: one row per bucket, exactly the counts (and shares) the chart shows. */
import type { Row } from '$lib/db/values';
import type { ExportColumn } from '$lib/export/source';
import { SEVERITY_KEYS } from '$lib/queries/severity';
import { shares, type TimelinePoint } from './series';
import type { Measure } from './params';

export function timelineExport(points: readonly TimelinePoint[], measure: Measure): { rows: Row[]; columns: ExportColumn[] } {
  const columns: ExportColumn[] = [
    { key: 'bucket', label: 'bucket_start', type: 'DATE' },
    { key: 'as_of', label: 'state_at_end_of', type: 'DATE' },
    ...SEVERITY_KEYS.map((k) => ({ key: k, label: k, type: 'BIGINT' as const })),
    { key: 'total', label: 'total', type: 'BIGINT' }
  ];
  if (measure === 'share') columns.push(...SEVERITY_KEYS.map((k) => ({ key: `share_${k}`, label: `share_${k}`, type: 'DOUBLE' as const })));
  const rows = points.map((p) => {
    const row: Row = { bucket: p.bucket, as_of: p.asOf, ...p.counts, total: p.total };
    if (measure === 'share') {
      const s = shares(p);
      for (const k of SEVERITY_KEYS) row[`share_${k}`] = s[k];
    }
    return row;
  });
  return { rows, columns };
}

