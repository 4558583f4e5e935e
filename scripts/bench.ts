/**
 * `npm run bench`: what loading costs, against the floor, in one run — export and app sizes; the floor (duckdb-wasm
 * alone, SELECT 1); the app's first chart, engine-ready and live overview on the demo export and on 1,000,000
 * provisions, each through its engine file and through its Parquet files; attaching the engine file in ranges, whole
 * or with its hot tables copied; the views' statements on duckdb-wasm and on native DuckDB (wasm ÷ native); and at
 * 1,000,000 provisions a compare and a timeline filter change. Prints the numbers and writes docs/BENCHMARKS.md
 * (keeping the sections of `bench:sql`, `bench:compare` and `bench:timeline`). Not part of `npm test`.
 *
 *   tsx scripts/bench.ts [--runs 5] [--big-runs 3] [--lab-runs 3] [--provisions 1000000] [--skip-big]
 *                        [--regenerate] [--rebuild] [--no-write] [--save FILE] [--from FILE]
 *
 * The raw results are saved as JSON (--save, default <tmp>/termscope-bench/results.json); --from FILE writes the
 * report from such a file without measuring anything.
 * --rebuild times a fresh `vite build` (replacing build/); --regenerate remakes the large export even when a
 * current one is kept in the temp folder.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { CHROMIUM_PATH } from '../tests/e2e/browser';
import { ensureBigExport, withoutEngineFile, type BigExport } from './bench/big-export';
import { measureCompareExport } from './bench/compare';
import { buildEngineLab, measureLab, writeLabQueries, type LabQuery, type LabRun } from './bench/engine-lab';
import { describeMachine } from './bench/machine';
import { measurePageLoad, type LoadMarks } from './bench/page-timing';
import { floorMedian, keepMarkedSections, renderReport, type BenchResults, type ExportBench, type TargetRow } from './bench/report';
import { appSize, exportSize } from './bench/sizes';
import { formatSummary, mebibytes, seconds, summarize } from './bench/stats';
import { measureTimeline } from './bench/timeline';
import { benchStatements, nativeTimings } from './bench/view-statements';
import { openEngineFile } from './lib/export-io';
import { startServer } from './serve';
import { ROOT, snapshotApp, withBuildLock } from './start';

const { values: args } = parseArgs({
  options: {
    runs: { type: 'string', default: '5' },
    'big-runs': { type: 'string', default: '3' },
    'lab-runs': { type: 'string', default: '3' },
    provisions: { type: 'string', default: '1000000' },
    'skip-big': { type: 'boolean', default: false },
    regenerate: { type: 'boolean', default: false },
    rebuild: { type: 'boolean', default: false },
    'no-write': { type: 'boolean', default: false },
    /** Where the raw results go (JSON), so the report can be written again without measuring (`--from`). */
    save: { type: 'string', default: join(tmpdir(), 'termscope-bench', 'results.json') },
    from: { type: 'string' }
  }
});

function positiveInt(name: string, text: string): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1) throw new Error(`--${name} must be a positive integer, got "${text}".`);
  return value;
}

async function timedViteBuild(): Promise<number> {
  const started = performance.now();
  await new Promise<void>((ok, fail) => {
    const child = spawn(join(ROOT, 'node_modules', '.bin', 'vite'), ['build', '--logLevel', 'warn'], { cwd: ROOT, stdio: 'inherit' });
    child.once('error', fail);
    child.once('exit', (code) => (code === 0 ? ok() : fail(new Error(`vite build exited with ${code}`))));
  });
  return performance.now() - started;
}

async function measureRuns(baseUrl: string, path: string, runs: number, timeoutMs: number): Promise<LoadMarks[]> {
  const results: LoadMarks[] = [];
  for (let i = 1; i <= runs; i++) {
    const marks = await measurePageLoad(`${baseUrl}${path}`, timeoutMs);
    const shown = (['fcp', 'chart', 'dbReady', 'live', 'dbError'] as const)
      .filter((k) => marks[k] !== undefined)
      .map((k) => `${k} ${seconds(marks[k]!)}`)
      .join(', ');
    const bytes = marks.bytes ? `, export ${mebibytes(marks.bytes.exportFiles)} in ${marks.bytes.exportRequests} requests` : '';
    const steps = Object.entries(marks.steps ?? {}).map(([k, v]) => `${k} ${seconds(v)}`).join(', ');
    console.log(`  run ${i}/${runs} (${marks.path ?? '?'}): ${shown}${bytes}${steps ? `\n    loader: ${steps}` : ''}${marks.error ? `\n    load failed: ${marks.error}` : ''}`);
    results.push(marks);
  }
  return results;
}

async function labRuns(baseUrl: string, runs: number, options: Parameters<typeof measureLab>[1]): Promise<LabRun[]> {
  const out: LabRun[] = [];
  for (let i = 1; i <= runs; i++) {
    const run = await measureLab(baseUrl, options);
    const marks = (['engineStarted', 'select1', 'fetched', 'attached', 'copied', 'firstQuery', 'queriesDone'] as const)
      .filter((k) => run[k] !== undefined)
      .map((k) => `${k} ${seconds(run[k]!)}`)
      .join(', ');
    const hash = run.hashMs !== undefined ? `, SHA-256 ${seconds(run.hashMs)}` : '';
    const failed = run.queries.filter((q) => q.error).map((q) => `\n    failed: ${q.name}: ${q.error}`).join('');
    console.log(`  ${options.mode} ${i}/${runs}: ${marks}, file ${mebibytes(run.fileBytes)} in ${run.fileRequests} requests${hash}${failed}`);
    out.push(run);
  }
  return out;
}

/** The overview's statements, for the attach experiments. */
function overviewStatements(all: readonly LabQuery[]): LabQuery[] {
  return all.filter((q) => q.name.startsWith('overview: ') && !q.name.startsWith('overview: as of'));
}

interface Scale {
  compareMs: number[];
  timelineMs: number[];
}

/** Filter changes at scale on the engine-file path: compare (query + draw) and timeline (click → chart). */
async function measureScale(baseUrl: string, exportName: string, categories: string[]): Promise<Scale> {
  console.log('Compare, category changes:');
  const compare = await measureCompareExport(baseUrl, exportName, categories, 6, false, (l) => console.log(l));
  console.log('Timeline, severity filter changes:');
  const timeline = await measureTimeline(
    baseUrl,
    { title: 'timeline', path: `/timeline?export=${exportName}`, note: '', timeoutMs: 900_000 },
    6
  );
  return { compareMs: compare.today.map((s) => s.queryMs + s.renderMs), timelineMs: timeline.runs.map((r) => r.totalMs) };
}

/** Nearest-rank 95th percentile: of six samples, the largest. */
function p95(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(0.95 * sorted.length) - 1)]!;
}

function verdict(value: number, limit: number, unit: (v: number) => string): string {
  return value <= limit ? 'met' : `**missed** by ${unit(value - limit)} (${(value / limit).toFixed(1)}× the limit)`;
}

function targetRows(floor: number | null, demo: ExportBench, big: ExportBench | null, scale: Scale | null): TargetRow[] {
  const median = (runs: LoadMarks[], key: 'chart' | 'dbReady' | 'live') => {
    const values = runs.map((r) => r[key]).filter((v): v is number => v !== undefined);
    return values.length > 0 ? summarize(values).median : null;
  };
  const rows: TargetRow[] = [];
  const chart = median(demo.engineFile.runs, 'chart');
  if (chart !== null) rows.push({ target: 'Demo export: first chart, from navigation', limit: '0.75 s', measured: seconds(chart), verdict: verdict(chart, 750, seconds) });
  const ready = median(demo.engineFile.runs, 'dbReady');
  if (ready !== null && floor !== null) {
    rows.push({
      target: 'Demo export: engine ready ÷ the floor',
      limit: '1.3×',
      measured: `${(ready / floor).toFixed(2)}× (${seconds(ready)} ÷ ${seconds(floor)})`,
      verdict: verdict(ready / floor, 1.3, (v) => `${v.toFixed(2)}×`)
    });
  }
  if (big) {
    const live = median(big.engineFile.runs, 'live');
    if (live !== null) rows.push({ target: '1,000,000 provisions: first view ready (overview live)', limit: '10 s', measured: seconds(live), verdict: verdict(live, 10_000, seconds) });
    const bytes = big.engineFile.runs.map((r) => r.bytes?.exportFiles).filter((b): b is number => b !== undefined);
    if (bytes.length > 0) {
      const fileSize = big.exportSize.files.find((f) => f.name.startsWith('termscope.duckdb'))?.bytes ?? 0;
      rows.push({
        target: '1,000,000 provisions: bytes fetched before the first view',
        limit: 'what its queries read',
        measured: `${mebibytes(summarize(bytes).median)} (of a ${mebibytes(fileSize)} engine file)`,
        verdict: 'reported'
      });
    }
  }
  if (scale) {
    const c = p95(scale.compareMs);
    const t = p95(scale.timelineMs);
    const ms = (v: number) => `${Math.round(v)} ms`;
    rows.push({ target: `1,000,000 provisions: compare, filter → chart, p95 of ${scale.compareMs.length} (query + draw)`, limit: '100 ms', measured: ms(c), verdict: verdict(c, 100, ms) });
    rows.push({ target: `1,000,000 provisions: timeline, filter → chart, p95 of ${scale.timelineMs.length} (click → chart)`, limit: '100 ms', measured: ms(t), verdict: verdict(t, 100, ms) });
  }
  for (const bench of [demo, big]) {
    if (!bench?.wasm) continue;
    const ratios = bench.wasm.queries.flatMap((w) => {
      const n = bench.native.find((x) => x.name === w.name);
      return n && !w.error ? [Math.max(summarize(w.repeats).median, 0.1) / Math.max(n.median, 0.1)] : [];
    });
    const failed = bench.wasm.queries.filter((w) => w.error);
    if (failed.length > 0) {
      rows.push({
        target: `${bench.title}: the views’ statements run in duckdb-wasm`,
        limit: 'all',
        measured: `${bench.wasm.queries.length - failed.length} of ${bench.wasm.queries.length}`,
        verdict: `**missed**: ${failed.map((w) => `${w.name.split(' (')[0]} (${w.error})`).join('; ')}`
      });
    }
    if (ratios.length > 0) {
      const worst = Math.max(...ratios);
      rows.push({
        target: `${bench.title}: wasm ÷ native on the views’ statements (median; worst)`,
        limit: '2×',
        measured: `${summarize(ratios).median.toFixed(2)}×; ${worst.toFixed(2)}×`,
        verdict: verdict(summarize(ratios).median, 2, (v) => `${v.toFixed(2)}×`) + (worst > 2 ? ` (${ratios.filter((x) => x > 2).length} of ${ratios.length} statements over 2×)` : '')
      });
    }
    const first = bench.wasm.queries[0];
    const nativeFirst = bench.native.find((x) => x.name === first?.name);
    if (first && nativeFirst) {
      const ratio = first.first / Math.max(nativeFirst.first, 0.1);
      rows.push({ target: `${bench.title}: first statement of a fresh engine, wasm ÷ native`, limit: '3×', measured: `${ratio.toFixed(2)}×`, verdict: verdict(ratio, 3, (v) => `${v.toFixed(2)}×`) });
    }
  }
  return rows;
}

interface SavedResults {
  results: BenchResults;
  scale: Scale | null;
}

async function writeReport({ results, scale }: SavedResults): Promise<void> {
  const floorMs = floorMedian(results.floor);
  const targets = targetRows(floorMs, results.exports[0]!, results.exports[1] ?? null, scale);
  for (const t of targets) console.log(`${t.target}: ${t.measured} (limit ${t.limit}) ${t.verdict}`);
  const report = renderReport(results, targets);
  if (args['no-write']) return;
  const file = join(ROOT, 'docs', 'BENCHMARKS.md');
  const previous = existsSync(file) ? await readFile(file, 'utf8') : '';
  await writeFile(file, keepMarkedSections(report, previous));
  console.log('\nWrote docs/BENCHMARKS.md');
}

async function main(): Promise<void> {
  if (args.from) return writeReport(JSON.parse(await readFile(args.from, 'utf8')) as SavedResults);
  const runs = positiveInt('runs', args.runs);
  const bigRuns = positiveInt('big-runs', args['big-runs']);
  const lab = positiveInt('lab-runs', args['lab-runs']);
  const provisions = positiveInt('provisions', args.provisions);

  const machine = describeMachine(CHROMIUM_PATH);
  console.log(`${machine.cpu} × ${machine.nproc}, ${machine.ramGiB} GiB, Node ${machine.node}, ${machine.chromium}, load ${machine.loadAverage}`);

  const buildMs = args.rebuild ? await withBuildLock(timedViteBuild) : null;
  if (buildMs !== null) console.log(`vite build: ${seconds(buildMs)}`);

  const big = args['skip-big'] ? null : await ensureBigExport(provisions, args.regenerate);
  const bigParquet = big ? await withoutEngineFile(big) : null;
  const app = await snapshotApp();
  const size = appSize(app.dir);
  const demo: BigExport = { dir: join(app.dir, 'exports', 'demo'), name: 'demo', generatedMs: null };
  const demoParquet = await withoutEngineFile(demo);
  const engineLab = await buildEngineLab();
  const mounts: Record<string, string> = { '/lab': engineLab.dir };
  for (const e of [big, bigParquet]) if (e) mounts[`/exports/${e.name}`] = e.dir;
  const server = await startServer({ dir: app.dir, port: 0, mounts }).catch(async (error: unknown) => {
    await app.remove();
    await engineLab.remove();
    throw error;
  });

  const exports: ExportBench[] = [];
  let floor: LabRun[] = [];
  let scale: Scale | null = null;
  try {
    console.log(`The floor (duckdb-wasm started, SELECT 1), ${runs} runs:`);
    floor = await labRuns(server.url, runs, { mode: 'floor' });

    const targets: { title: string; source: BigExport; parquet: BigExport; path: string; runs: number; timeoutMs: number; note?: string }[] = [
      { title: 'Demo export', source: demo, parquet: demoParquet, path: '/', runs, timeoutMs: 180_000 }
    ];
    if (big && bigParquet) {
      targets.push({
        title: `${provisions.toLocaleString('en')}-provision export`,
        source: big,
        parquet: bigParquet,
        path: `/?export=${big.name}`,
        runs: bigRuns,
        timeoutMs: 900_000,
        note: `Generated with \`tsx scripts/generate-demo.ts --provisions ${provisions} --out <tmp>/exports/${big.name}\` and served beside the app.`
      });
    }
    for (const t of targets) {
      const file = `/exports/${t.source.name}/termscope.duckdb`;
      const statements = await benchStatements(t.source.dir);
      const all = await writeLabQueries(engineLab.dir, `${t.source.name}-views`, statements);
      const overview = await writeLabQueries(engineLab.dir, `${t.source.name}-overview`, overviewStatements(statements));
      console.log(`${t.title}, engine file, ${t.runs} runs:`);
      const engineFile = { title: 'engine file', path: t.path, runs: await measureRuns(server.url, t.path, t.runs, t.timeoutMs) };
      const parquetPath = `/?export=${t.parquet.name}`;
      console.log(`${t.title}, Parquet files, ${t.runs} runs:`);
      const parquet = { title: 'Parquet files', path: parquetPath, runs: await measureRuns(server.url, parquetPath, t.runs, t.timeoutMs) };
      const attach: ExportBench['attach'] = [];
      for (const mode of ['ranges', 'whole', 'copy'] as const) {
        console.log(`${t.title}, engine lab, ${mode}:`);
        attach.push({ mode, runs: await labRuns(server.url, lab, { mode, file, queries: overview, timeoutMs: t.timeoutMs }) });
      }
      console.log(`${t.title}, the views' statements on duckdb-wasm and on native DuckDB:`);
      const [wasm] = await labRuns(server.url, 1, { mode: 'ranges', file, queries: all, timeoutMs: t.timeoutMs });
      const native = await nativeTimings(t.source.dir, statements);
      exports.push({ title: t.title, exportSize: await exportSize(t.source.dir), note: t.note, engineFile, parquet, attach, wasm: wasm ?? null, native });
    }
    if (big) {
      const { db } = await openEngineFile(big.dir);
      const ids = (await db.query('SELECT category_id FROM categories ORDER BY category_id')).map((r) => String(r.category_id));
      db.close();
      scale = await measureScale(server.url, big.name, ids);
    }
  } finally {
    await server.close();
    await app.remove();
    await engineLab.remove();
  }

  const floorMs = floorMedian(floor);
  console.log('');
  if (floorMs !== null) console.log(`floor: ${seconds(floorMs)}`);
  for (const e of exports) {
    for (const series of [e.engineFile, e.parquet]) {
      if (!series) continue;
      for (const key of ['fcp', 'chart', 'dbReady', 'live'] as const) {
        const values = series.runs.map((r) => r[key]).filter((v): v is number => v !== undefined);
        if (values.length > 0) console.log(`${e.title}, ${series.title}: ${key.padEnd(8)} ${formatSummary(summarize(values))}`);
      }
    }
  }
  const saved: SavedResults = { results: { machine, buildMs, app: size, floor, exports, bigGeneratedMs: big?.generatedMs ?? null }, scale };
  await mkdir(dirname(args.save), { recursive: true });
  await writeFile(args.save, JSON.stringify(saved));
  console.log(`Raw results: ${args.save}`);
  await writeReport(saved);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
