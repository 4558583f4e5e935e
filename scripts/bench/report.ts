/** docs/BENCHMARKS.md, written from one `npm run bench` run. */
import type { LabRun } from './engine-lab';
import type { Machine } from './machine';
import type { LoadMarks } from './page-timing';
import type { ExportSize, FileSize } from './sizes';
import { mebibytes, seconds, summarize, type Summary } from './stats';
import type { NativeTiming } from './view-statements';

export interface LoadSeries {
  title: string;
  /** The URL path measured, e.g. `/?export=bench-1m`. */
  path: string;
  runs: LoadMarks[];
}

/** One export, loaded both ways, and what its loading is made of. */
export interface ExportBench {
  title: string;
  exportSize: ExportSize;
  note?: string;
  /** The app on the export's engine file, and on its Parquet files alone (the path every export took before). */
  engineFile: LoadSeries;
  parquet: LoadSeries | null;
  /** Engine lab: attaching the engine file read in ranges, fetched whole, and in ranges with the hot tables copied. */
  attach: { mode: 'ranges' | 'whole' | 'copy'; runs: LabRun[] }[];
  /** The views' statements on a fresh wasm engine (engine lab, ranges) and on native DuckDB, same file. */
  wasm: LabRun | null;
  native: NativeTiming[];
}

export interface BenchResults {
  machine: Machine;
  buildMs: number | null;
  app: { totalBytes: number; largest: FileSize[] };
  /** Engine lab, mode floor: duckdb-wasm started and SELECT 1 answered, nothing else. */
  floor: LabRun[];
  exports: ExportBench[];
  bigGeneratedMs: number | null;
}

const ms = (v: number) => `${Math.round(v)} ms`;
const range = (s: Summary, fmt: (v: number) => string = seconds) => `${fmt(s.median)} (${fmt(s.min)}–${fmt(s.max)})`;

function pick(runs: readonly LoadMarks[], key: 'fcp' | 'chart' | 'dbReady' | 'live'): Summary | null {
  const values = runs.map((r) => r[key]).filter((v): v is number => v !== undefined);
  return values.length > 0 ? summarize(values) : null;
}

/** Median of the floor (SELECT 1 answered, from navigation). */
export function floorMedian(floor: readonly LabRun[]): number | null {
  const values = floor.map((r) => r.select1).filter((v): v is number => v !== undefined);
  return values.length > 0 ? summarize(values).median : null;
}

function loadTable(bench: ExportBench, floor: number | null): string[] {
  const rows: [string, keyof LoadMarks & ('fcp' | 'chart' | 'dbReady' | 'live')][] = [
    ['First contentful paint', 'fcp'],
    ['Overview chart drawn (`svg` in `[data-testid="severity-by-category-chart"]`)', 'chart'],
    ['Engine ready: export queryable (`<html data-db="ready">`)', 'dbReady'],
    ['Overview showing live query results (`data-overview-source="live"`)', 'live']
  ];
  const lines = [
    '| from navigation to | engine file | ÷ floor | Parquet files | ÷ floor |',
    '|---|---:|---:|---:|---:|'
  ];
  const ratio = (s: Summary | null) => (s && floor ? `${(s.median / floor).toFixed(2)}×` : '');
  for (const [label, key] of rows) {
    const a = pick(bench.engineFile.runs, key);
    const b = bench.parquet ? pick(bench.parquet.runs, key) : null;
    lines.push(`| ${label} | ${a ? range(a) : '—'} | ${ratio(a)} | ${b ? range(b) : '—'} | ${ratio(b)} |`);
  }
  const bytes = (series: LoadSeries | null) => {
    const values = series?.runs.map((r) => r.bytes).filter((b) => b !== undefined) ?? [];
    if (values.length === 0) return '—';
    const s = summarize(values.map((b) => b!.exportFiles));
    const requests = summarize(values.map((b) => b!.exportRequests)).median;
    return `${mebibytes(s.median)} in ${requests} requests`;
  };
  lines.push(`| Export bytes received until the live overview | ${bytes(bench.engineFile)} | | ${bytes(bench.parquet)} | |`);
  const failed = [bench.engineFile, bench.parquet].flatMap((s) => s?.runs.filter((r) => r.error) ?? []);
  const paths = [...new Set(bench.engineFile.runs.map((r) => r.path))];
  if (paths.some((p) => p !== 'engine-file')) lines.push('', `**The engine-file runs loaded by: ${paths.join(', ')}.**`);
  if (failed.length > 0) lines.push('', `**${failed.length} load(s) failed:** ${[...new Set(failed.map((r) => r.error))].join('; ')}`);
  return lines;
}

function sizeTable(size: ExportSize): string[] {
  const lines = ['| file | rows | size |', '|---|---:|---:|'];
  for (const f of size.files) {
    lines.push(`| ${f.name} | ${f.rows === undefined ? '' : f.rows.toLocaleString('en')} | ${mebibytes(f.bytes)} |`);
  }
  lines.push(`| **total on the host** | | **${mebibytes(size.totalBytes)}** |`);
  return lines;
}

function attachTable(bench: ExportBench): string[] {
  const lines = [
    '| engine file | attached (from navigation) | overview statements done | then, a statement (median) | bytes of the file received | requests |',
    '|---|---:|---:|---:|---:|---:|'
  ];
  const label = { ranges: 'read in ranges (what the app does)', whole: 'fetched whole, then attached', copy: 'in ranges, first view’s tables copied to memory' };
  for (const { mode, runs } of bench.attach) {
    if (runs.length === 0) continue;
    const attached = summarize(runs.map((r) => (mode === 'copy' ? r.copied! : r.attached!)));
    const done = summarize(runs.map((r) => r.queriesDone!));
    const later = summarize(runs.flatMap((r) => r.queries.flatMap((q) => q.repeats)));
    const bytes = summarize(runs.map((r) => r.fileBytes));
    const requests = summarize(runs.map((r) => r.fileRequests));
    lines.push(`| ${label[mode]} | ${range(attached)} | ${range(done)} | ${ms(later.median)} | ${mebibytes(bytes.median)} | ${requests.median} |`);
  }
  return lines;
}

/**
 * What the attach experiments decide, in the numbers of this run: read in ranges, or fetch whole (and verify the
 * hash), or copy the first view's tables into memory.
 */
function attachDecision(bench: ExportBench): string[] {
  const runs = (mode: 'ranges' | 'whole' | 'copy') => bench.attach.find((a) => a.mode === mode)?.runs ?? [];
  const [ranges, whole, copy] = [runs('ranges'), runs('whole'), runs('copy')];
  if (ranges.length === 0 || whole.length === 0 || copy.length === 0) return [];
  const med = (values: number[]) => summarize(values).median;
  const done = (r: LabRun[]) => med(r.map((x) => x.queriesDone! - x.select1!));
  const later = (r: LabRun[]) => med(r.flatMap((x) => x.queries.flatMap((q) => q.repeats)));
  const bytes = (r: LabRun[]) => med(r.map((x) => x.fileBytes));
  const fetchMs = med(whole.map((x) => x.fetched! - x.select1!));
  const hash = whole.map((x) => x.hashMs).filter((v): v is number => v !== undefined);
  return [
    `From the engine's start to the overview's statements done: in ranges ${seconds(done(ranges))} reading`,
    `${mebibytes(bytes(ranges))}; fetched whole ${seconds(done(whole))} (${seconds(fetchMs)} of it the download of`,
    `${mebibytes(bytes(whole))}); ranges with the first view's tables copied to memory ${seconds(done(copy))}`,
    `(${mebibytes(bytes(copy))}). Once the blocks are in, a statement takes about as long either way (${ms(later(ranges))},`,
    `${ms(later(whole))}, ${ms(later(copy))}): DuckDB's buffer pool keeps what it read. Verifying the file's SHA-256 in`,
    `the browser would add the whole download plus ${hash.length > 0 ? seconds(med(hash)) : '—'} of hashing to every load. Hence the app`,
    'reads in ranges, copies nothing, and leaves the hash to the validator; DuckDB checks every block it reads against',
    'the block\u2019s own checksum (a corrupt block sends the app to the Parquet files).'
  ];
}

function ratioTable(bench: ExportBench): string[] {
  if (!bench.wasm) return [];
  const lines = ['| statement | native (median) | wasm (median) | wasm ÷ native |', '|---|---:|---:|---:|'];
  const ratios: number[] = [];
  for (const w of bench.wasm.queries) {
    const n = bench.native.find((x) => x.name === w.name);
    if (!n) continue;
    if (w.error) {
      lines.push(`| ${w.name} | ${n.median.toFixed(1)} ms | **failed**: ${w.error.replace(/\|/g, '/')} | |`);
      continue;
    }
    const wasm = summarize(w.repeats).median;
    // Sub-millisecond native times make ratios meaningless noise: floor both at 0.1 ms.
    const ratio = Math.max(wasm, 0.1) / Math.max(n.median, 0.1);
    ratios.push(ratio);
    lines.push(`| ${w.name} | ${n.median.toFixed(1)} ms | ${wasm.toFixed(1)} ms | ${ratio.toFixed(2)}× |`);
  }
  const first = bench.wasm.queries[0];
  const nativeFirst = bench.native.find((x) => x.name === first?.name);
  if (ratios.length > 0) lines.push(`| **median of the statements** | | | **${summarize(ratios).median.toFixed(2)}×** |`);
  if (first && nativeFirst) {
    lines.push(
      `| first statement of a fresh engine (${first.name.split(' (')[0]}) | ${nativeFirst.first.toFixed(1)} ms | ${first.first.toFixed(1)} ms | ${(first.first / Math.max(nativeFirst.first, 0.1)).toFixed(2)}× |`
    );
  }
  return lines;
}

export interface TargetRow {
  target: string;
  limit: string;
  measured: string;
  verdict: string;
}

export function renderReport(r: BenchResults, targets: readonly TargetRow[]): string {
  const m = r.machine;
  const floor = floorMedian(r.floor);
  const out = [
    '# Benchmarks',
    '',
    `Written by \`npm run bench\` (scripts/bench.ts) on ${m.date.slice(0, 10)}. One machine, one run of the script: every`,
    'number below was measured in that run, side by side; compare numbers measured on the same machine only.',
    '',
    '## Machine',
    '',
    '| | |',
    '|---|---|',
    `| date | ${m.date} |`,
    `| CPU | ${m.cpu} |`,
    `| nproc | ${m.nproc} |`,
    `| RAM | ${m.ramGiB} GiB |`,
    `| OS | ${m.os} |`,
    `| Node.js | ${m.node} |`,
    `| Chromium | ${m.chromium} (headless, via playwright-core) |`,
    `| load average at start (1 min) | ${m.loadAverage} |`,
    '',
    '## Method',
    '',
    '- A copy of the fresh build (`build/`) is served by `scripts/serve.ts` (the server `npm start` uses, which answers',
    '  range requests as static hosts do) on 127.0.0.1; large exports are served beside it from the temp folder.',
    '- Each run launches Chromium with a fresh, empty profile: no HTTP cache, no storage, a cold start every time.',
    '- Times are taken inside the page: a MutationObserver installed before any app script stamps',
    '  `performance.now()` (milliseconds since navigation start) when each signal first appears. Medians, with the',
    '  smallest and largest run in brackets.',
    '- Every run also checks that the page requested nothing outside the app\u2019s own origin.',
    '- **The floor** is the engine lab (`scripts/bench/engine-lab/`): a page that only starts the app\u2019s own engine',
    '  (`src/lib/db/engine.ts`: fetch, compile and instantiate duckdb-wasm\u2019s 33 MB `eh` bundle, open it) and answers',
    '  `SELECT 1`. Nothing the app does can be faster than that.',
    '- **Engine file vs Parquet files**: the same export with its engine file (`termscope.duckdb`, attached and read in',
    '  ranges), and without it (the manifest without `engine`), which makes the app fetch, hash, decode and insert',
    '  every Parquet file — the only path before engine files.',
    '- The overview of the demo export is prerendered with its numbers and chart; other exports paint the chart from',
    '  their precomputed `overview.json` once the manifest is read.',
    '- **wasm ÷ native**: the views\u2019 statements (scripts/bench/view-statements.ts) on the same engine file, in the',
    '  engine lab (duckdb-wasm 1.32, file attached in ranges) and on `@duckdb/node-api` 1.4.3 (the same DuckDB, file',
    '  on local disk): each run once, then five times more; the ratio is of the medians of those five.',
    '- Other work on the machine slows every number down: see the load average above.',
    ''
  ];
  out.push('## Targets', '', '| target | limit | measured (median) | |', '|---|---:|---:|---|');
  for (const t of targets) out.push(`| ${t.target} | ${t.limit} | ${t.measured} | ${t.verdict} |`);
  out.push('');
  if (r.buildMs !== null) out.push('## Build', '', `\`vite build\` (fresh): ${seconds(r.buildMs)}.`, '');
  out.push(
    '## App size',
    '',
    `The built app without exports: ${mebibytes(r.app.totalBytes)} (uncompressed). Largest files:`,
    '',
    '| file | size |',
    '|---|---:|',
    ...r.app.largest.map((f) => `| ${f.name} | ${mebibytes(f.bytes)} |`),
    ''
  );
  out.push('## The floor: duckdb-wasm alone', '', `Engine lab, \`/lab/index.html?mode=floor\`, ${r.floor.length} runs.`, '');
  if (r.floor.length > 0) {
    out.push('| from navigation to | median (min–max) |', '|---|---:|');
    out.push(`| engine started (wasm fetched, compiled, instantiated, opened) | ${range(summarize(r.floor.map((x) => x.engineStarted!)))} |`);
    out.push(`| \`SELECT 1\` answered: **the floor** | ${range(summarize(r.floor.map((x) => x.select1!)))} |`, '');
  }
  for (const bench of r.exports) {
    out.push(`## ${bench.title}`, '');
    if (bench.note) out.push(bench.note, '');
    out.push('### Export size', '', ...sizeTable(bench.exportSize), '');
    out.push('### Load time, engine file against Parquet files', '');
    out.push(
      `Engine file: page \`${bench.engineFile.path}\`, ${bench.engineFile.runs.length} runs` +
        (bench.parquet ? `; Parquet files: page \`${bench.parquet.path}\`, ${bench.parquet.runs.length} runs.` : '.'),
      ''
    );
    out.push(...loadTable(bench, floor), '');
    if (bench.attach.some((a) => a.runs.length > 0)) {
      out.push('### Attaching the engine file: in ranges, whole, or copied', '');
      out.push(
        'Engine lab: start, attach, then the overview\u2019s four statements (each once, then five times more). “Then, a',
        'statement” is the median of the repeats: the cost of a query once its blocks are in.',
        '',
        ...attachTable(bench),
        '',
        ...attachDecision(bench),
        ''
      );
    }
    if (bench.wasm) out.push('### wasm ÷ native', '', ...ratioTable(bench), '');
  }
  if (r.bigGeneratedMs !== null) {
    out.push(`Generating the large export took ${seconds(r.bigGeneratedMs)} (scripts/generate-demo.ts, engine file included).`, '');
  }
  return out.join('\n');
}

const SECTION = /<!-- ([\w-]+):start -->[\s\S]*?<!-- \1:end -->/g;

/**
 * The new report followed by the sections other benchmarks keep in the same file between `<!-- name:start -->` and
 * `<!-- name:end -->` markers (`npm run bench:sql`, `npm run bench:compare`), carried over unchanged.
 */
export function keepMarkedSections(report: string, previous: string): string {
  const kept = previous.match(SECTION) ?? [];
  return kept.length === 0 ? report : `${report.trimEnd()}\n\n${kept.join('\n\n')}\n`;
}
