/**
 * The engine lab page (built by scripts/bench/engine-lab.ts, not part of the app): the app's own `Engine` started on
 * its own, timed from navigation, for the benchmark's floor and its loading experiments. `?mode=`
 *  - floor:  start duckdb-wasm (fetch, compile, instantiate, open) and run SELECT 1 — nothing of the app around it;
 *  - ranges: then attach the engine file `?file=` read in ranges, as the app does;
 *  - whole:  fetch the whole file first, then attach it from memory (a Blob) — and, at the end, hash it (SHA-256);
 *  - copy:   attach in ranges, then copy the first view's tables into memory and query the copies;
 * and run the statements of `?queries=` (a JSON list of { name, sql, params }): each once (the first, cold), then
 * `?repeat=` times more. Results land in `window.__lab`.
 */
import { DATA_CATALOG, Engine, type EngineFileSource } from '../../../src/lib/db/engine';
import type { LabQuery, LabResult } from './result';

/** Tables the overview reads: what "copy" takes into memory. */
const HOT = ['platforms', 'categories', 'documents', 'provisions'];

const params = new URLSearchParams(location.search);
const mode = params.get('mode') ?? 'floor';
const result: LabResult = { mode, queries: [], done: false };
// Read by scripts/bench/engine-lab.ts.
(window as unknown as { __lab: LabResult }).__lab = result;

async function run(): Promise<void> {
  const engine = await Engine.start();
  result.engineStarted = performance.now();
  await engine.ping();
  result.select1 = performance.now();
  if (mode === 'floor') return;

  const url = new URL(params.get('file')!, location.href).href;
  // The size only sets the watchdog's heartbeat, and this page never arms the watchdog.
  let source: EngineFileSource = { kind: 'ranges', url, bytes: 0 };
  if (mode === 'whole') {
    source = { kind: 'whole', blob: await (await fetch(url, { cache: 'no-store' })).blob() };
    result.fetched = performance.now();
  }
  await engine.attachEngineFile(source);
  result.attached = performance.now();
  let rewrite = (sql: string) => sql;
  if (mode === 'copy') {
    for (const table of HOT) await engine.exec(`CREATE TABLE memory.main.${table} AS SELECT * FROM ${DATA_CATALOG}.main.${table}`);
    result.copied = performance.now();
    // Tables named after FROM or JOIN (never columns or aliases of the same name) read the copies.
    const names = new RegExp(`\\b(FROM|JOIN)\\s+"?(${HOT.join('|')})"?(?=[\\s)]|$)`, 'gi');
    rewrite = (sql) => sql.replace(names, '$1 memory.main."$2"');
  }
  // The watchdog stays off: this page times statements, and one that reads a large part of a file in ranges holds the
  // worker longer than the watchdog's heartbeat allows (the app's own answer to that is in engine.ts).
  await engine.lockDown({ watch: false });

  const list = params.get('queries');
  if (!list) return;
  const queries = (await (await fetch(list)).json()) as LabQuery[];
  const repeat = Number(params.get('repeat') ?? '5');
  for (const q of queries) {
    const sql = rewrite(q.sql);
    let started = performance.now();
    try {
      const rows = await engine.query(sql, q.params);
      const first = performance.now() - started;
      result.firstQuery ??= performance.now();
      const repeats: number[] = [];
      for (let i = 0; i < repeat; i++) {
        started = performance.now();
        await engine.query(sql, q.params);
        repeats.push(performance.now() - started);
      }
      result.queries.push({ name: q.name, first, repeats, rows: rows.length });
    } catch (error) {
      // A statement that fails (out of memory at scale, say) is a result to report, and the others still run.
      result.queries.push({ name: q.name, first: performance.now() - started, repeats: [], rows: 0, error: error instanceof Error ? error.message.split('\n')[0] : String(error) });
    }
  }
  result.queriesDone = performance.now();
  if (source.kind === 'whole') {
    // What verifying the file's SHA-256 in the browser would cost on top of fetching it whole (timed after the rest).
    const started = performance.now();
    await crypto.subtle.digest('SHA-256', await source.blob.arrayBuffer());
    result.hashMs = performance.now() - started;
  }
}

run()
  .catch((error: unknown) => {
    result.error = error instanceof Error ? error.message : String(error);
  })
  .finally(() => {
    result.done = true;
  });
