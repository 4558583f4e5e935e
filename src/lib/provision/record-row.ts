/**
 * The provision's one-row CSV: every column of `provisionQuery`, then the capture its citation names — when it was
 * taken, its SHA-256 and its archive link — so the file holds the evidence the citation rests on. Empty capture
 * columns when none is cited (no snapshots table, no document named, or no capture as old as the last verification).
 */
import type { Row } from '$lib/db/values';
import type { Snapshot } from './load-provision';

export const CAPTURE_COLUMNS = ['capture_snapshot_id', 'capture_captured_at', 'capture_sha256', 'capture_archive_url'] as const;

export function withCapture(row: Row, capture: Snapshot | null): Row {
  for (const column of CAPTURE_COLUMNS) {
    if (column in row) throw new Error(`The provision already has a column "${column}": the capture columns would hide it`);
  }
  return {
    ...row,
    capture_snapshot_id: capture?.snapshot_id ?? null,
    capture_captured_at: capture?.captured_at ?? null,
    capture_sha256: capture?.sha256 ?? null,
    capture_archive_url: capture?.archive_url ?? null
  };
}
