/**
 * The views' statements the benchmark times on both engines (duckdb-wasm in the engine lab, @duckdb/node-api here in
 * Node), on the same engine file: one of each kind the pages send, taken from the catalogue the Node tests hold both
 * load paths to (tests/helpers/view-queries.ts), with arguments from the export's own data.
 */
import type { NodeDb } from '../lib/duckdb-node';
import { openEngineFile } from '../lib/export-io';
import { viewQueries } from '../../tests/helpers/view-queries';
import type { LabQuery } from './engine-lab';
import { summarize } from './stats';

/** The kinds of statement timed, by the catalogue's names: the first statement matching each is taken. */
const KINDS: [label: string, name: RegExp][] = [
  ['overview: row counts', /^overview row counts$/],
  ['overview: severity by category', /^overview severity by category today$/],
  ['overview: category coverage', /^overview coverage today$/],
  ['overview: as of a day', /^overview severity by category \d{4}-\d{2}-\d{2}$/],
  ['compare: today', /^compare \S+ today all platforms \[\]$/],
  ['compare: as of a day', /^compare \S+ \d{4}-\d{2}-\d{2} all platforms \[\]$/],
  ['compare: categories', /^compare categories$/],
  ['matrix: cells', /^matrix cells today all platforms$/],
  ['platform page: provisions', /^platform \S+ provisions$/],
  ['provision page: versions', /^provision \S+ versions$/],
  ['provision page: snapshots', /^document \S+ snapshots$/],
  ['timeline: a point per month', /^timeline month filter 0$/],
  ['timeline: version index', /^timeline version index$/],
  ['changes: count', /^changes count \[\] filter 0$/],
  ['changes: a page', /^changes page 2 \[\] filter 0$/],
  ['strips: by worst', /^strips \S+ by worst$/]
];

/** The statements to time for the export in `dir`, labelled by kind. */
export async function benchStatements(dir: string): Promise<LabQuery[]> {
  const { db, manifest } = await openEngineFile(dir);
  try {
    const all = await viewQueries(db, manifest, 3);
    return KINDS.flatMap(([label, name]) => {
      const found = all.find((q) => name.test(q.name));
      return found ? [{ name: `${label} (${found.name})`, sql: found.query.sql, params: [...found.query.params] }] : [];
    });
  } finally {
    db.close();
  }
}

export interface NativeTiming {
  name: string;
  /** The statement's first run on a freshly opened engine (the file attached, nothing read yet). */
  first: number;
  /** Median of the repeats. */
  median: number;
  rows: number;
}

async function timed(db: NodeDb, q: LabQuery): Promise<{ ms: number; rows: number }> {
  const started = performance.now();
  const rows = await db.query(q.sql, q.params);
  return { ms: performance.now() - started, rows: rows.length };
}

/**
 * Each statement on native DuckDB (the same version as the browser's) over the export's engine file: once on a fresh
 * instance (the first query of a fresh engine), then `repeat` times.
 */
export async function nativeTimings(dir: string, queries: readonly LabQuery[], repeat = 5): Promise<NativeTiming[]> {
  const out: NativeTiming[] = [];
  for (const q of queries) {
    const fresh = await openEngineFile(dir);
    try {
      const first = await timed(fresh.db, q);
      const repeats: number[] = [];
      for (let i = 0; i < repeat; i++) repeats.push((await timed(fresh.db, q)).ms);
      out.push({ name: q.name, first: first.ms, median: summarize(repeats).median, rows: first.rows });
    } finally {
      fresh.db.close();
    }
  }
  return out;
}
