/**
 * An export opened in Node DuckDB for the tests of one file: opened before them, closed after them. `run` runs a
 * query as the app builds it ({ sql, params }); `loaded` is the export itself (its manifest, its database).
 */
import { afterAll, beforeAll } from 'vitest';
import type { LoadedExport } from '../../scripts/lib/export-io';
import type { Query } from '../../src/lib/db/types';

export function openedExport<E extends LoadedExport>(open: () => Promise<E>) {
  let opened: E | undefined;
  beforeAll(async () => {
    opened = await open();
  });
  afterAll(() => opened?.db.close());
  const loaded = (): E => {
    if (!opened) throw new Error('The export is opened in beforeAll: use it inside a test or a hook.');
    return opened;
  };
  return { get loaded() { return loaded(); }, run: (q: Query) => loaded().db.query(q.sql, q.params) };
}
