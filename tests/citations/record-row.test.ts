/** The provision CSV's capture columns (`provision/record-row.ts`) over the fixture, checked against its records. */
import { describe, expect, it } from 'vitest';
import { TABLE_NAMES } from '../../src/lib/contract/schema';
import { rowsToCsv } from '../../src/lib/export/csv';
import { loadProvisionPage } from '../../src/lib/provision/load-provision';
import { CAPTURE_COLUMNS, withCapture } from '../../src/lib/provision/record-row';
import { fixtureRows, loadFixture } from '../helpers/fixture';
import { openedExport } from '../helpers/opened-export';
import { nodeDbAdapter } from '../helpers/node-db-adapter';
import { readCsv } from '../export/csv-read';

const fixture = openedExport(loadFixture);

describe('provision CSV with its capture', () => {
  it('adds the cited capture’s id, time, SHA-256 and archive link after the provision’s columns', async () => {
    const data = (await loadProvisionPage(nodeDbAdapter(fixture.loaded.db), 'FX-P-001', [...TABLE_NAMES]))!;
    const row = withCapture(data.row, data.citationSnapshot);
    expect(Object.keys(row).slice(-4)).toEqual([...CAPTURE_COLUMNS]);
    // The reference: the latest capture of FX-D-002 at or before 2026-09-28T06:00Z.
    const expected = fixtureRows<{ document_id: string; captured_at: string; snapshot_id: string; sha256: string; archive_url: string }>('snapshots')
      .filter((s) => s.document_id === 'FX-D-002' && s.captured_at <= '2026-09-28T06:00:00Z')
      .sort((a, b) => (a.captured_at < b.captured_at ? 1 : -1))[0]!;
    expect(row.capture_snapshot_id).toBe(expected.snapshot_id);
    expect(row.capture_sha256).toBe(expected.sha256);
    expect(row.capture_archive_url).toBe(expected.archive_url);
    const csv = readCsv(rowsToCsv([row], Object.keys(row).map((key) => ({ key, label: key }))));
    expect(csv[0]!.slice(-2)).toEqual(['capture_sha256', 'capture_archive_url']);
    expect(csv[1]!.slice(-2)).toEqual([expected.sha256, expected.archive_url]);
  });

  it('leaves the capture columns empty when none is cited, and refuses to hide a column', () => {
    expect(withCapture({ record_id: 'x' }, null)).toEqual({ record_id: 'x', capture_snapshot_id: null, capture_captured_at: null, capture_sha256: null, capture_archive_url: null });
    expect(() => withCapture({ capture_sha256: 'a' }, null)).toThrow(/already has a column "capture_sha256"/);
  });
});
