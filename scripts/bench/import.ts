/**
 * How long the importers take and how much memory they need, on the real samples in ../shared/data:
 * `npm run bench:import` (or `tsx scripts/bench/import.ts [--runs 3] [--no-write]`). Writes the "Importers" section of
 * docs/BENCHMARKS.md between markers and leaves the rest of the file as it was.
 *
 * Method: each importer runs `runs` times, one after the other, as its own Node process (`node --import tsx`, as
 * `npm run import:*` does, with the same arguments), into a fresh output folder. Wall time is from spawn to exit;
 * peak memory is the process's maximum resident set (getrusage, printed by a preloaded hook on exit) — child
 * processes (the `git` readers of the OTA importer) are not included. The OTA bundle is cloned once beforehand
 * (not timed). Medians with min and max; the load average says how busy the machine was.
 */
import { spawn, execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { Manifest } from '../../src/lib/contract/schema';
import { ROOT } from '../start';
import { reportSection, sectionMarkers } from './sections';
import { summarize } from './stats';

const SHARED = resolve(ROOT, '../shared/data');
const MARKERS = sectionMarkers('import');

interface ImportRun {
  ms: number;
  peakMiB: number;
}

interface ImportSeries {
  title: string;
  input: string;
  runs: ImportRun[];
  /** Rows per table of the export the last run wrote. */
  rows: Partial<Record<string, number>>;
}

async function runOnce(script: string, args: string[]): Promise<ImportRun> {
  const started = performance.now();
  const child = spawn(process.execPath, ['--import', 'tsx', '--import', './scripts/bench/peak-rss.mjs', script, ...args], {
    cwd: ROOT,
    stdio: ['ignore', 'ignore', 'pipe']
  });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const code = await new Promise<number | null>((done) => child.on('close', done));
  const ms = performance.now() - started;
  if (code !== 0) throw new Error(`${script} ${args.join(' ')} exited with ${code}:\n${stderr.slice(-2000)}`);
  const peak = /@@peak-rss-kb (\d+)/.exec(stderr);
  if (!peak) throw new Error(`${script}: no peak memory line on stderr`);
  return { ms, peakMiB: Number(peak[1]) / 1024 };
}

async function measure(title: string, input: string, shown: string, script: string, extra: string[], runs: number): Promise<ImportSeries> {
  const work = await mkdtemp(join(tmpdir(), 'termscope-bench-import-'));
  try {
    const results: ImportRun[] = [];
    let out = '';
    for (let i = 0; i < runs; i++) {
      out = join(work, `out-${i}`);
      const run = await runOnce(script, [input, out, ...extra]);
      console.log(`${title}: run ${i + 1}/${runs} ${(run.ms / 1000).toFixed(2)} s, peak ${run.peakMiB.toFixed(0)} MiB`);
      results.push(run);
    }
    const manifest = JSON.parse(await readFile(join(out, 'manifest.json'), 'utf8')) as Manifest;
    const rows = Object.fromEntries(Object.entries(manifest.tables).map(([t, e]) => [t, e!.rows]));
    return { title, input: shown, runs: results, rows };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

export function renderImportSection(series: readonly ImportSeries[], runs: number): string {
  const [load1] = loadavg();
  const lines = [
    MARKERS.start,
    '## Importers',
    '',
    `Measured with \`npm run bench:import\` (scripts/bench/import.ts) on ${new Date().toISOString().slice(0, 10)}, ${availableParallelism()} cores,`,
    `load average ${load1!.toFixed(1)} at the end of the run. Each importer ran ${runs} time${runs === 1 ? '' : 's'} as its own Node process with the`,
    'arguments `npm run import:*` takes, into a fresh folder; wall time from spawn to exit (reading the source, the',
    "builder's checks, Parquet, `overview.json`, the validator's report); peak memory is the process's maximum resident",
    "set (getrusage), without the `git` processes the OTA importer reads through.",
    '',
    '| import | input | wall time, median (min–max) | peak memory, median (min–max) | rows written |',
    '|---|---|---:|---:|---|'
  ];
  for (const s of series) {
    const t = summarize(s.runs.map((r) => r.ms));
    const m = summarize(s.runs.map((r) => r.peakMiB));
    const rows = Object.entries(s.rows)
      .map(([table, n]) => `${table} ${n!.toLocaleString('en')}`)
      .join(', ');
    lines.push(
      `| ${s.title} | ${s.input} | ${(t.median / 1000).toFixed(2)} s (${(t.min / 1000).toFixed(2)}–${(t.max / 1000).toFixed(2)}) | ${m.median.toFixed(0)} MiB (${m.min.toFixed(0)}–${m.max.toFixed(0)}) | ${rows} |`
    );
  }
  lines.push(MARKERS.end);
  return lines.join('\n');
}


async function main(): Promise<void> {
  const { values } = parseArgs({ options: { runs: { type: 'string', default: '3' }, 'no-write': { type: 'boolean', default: false } } });
  const runs = Number(values.runs);
  const tosdr = join(SHARED, 'tosdr-2021-sample');
  const bundle = join(SHARED, 'ota-genai-eu-2026/genai-eu-versions.bundle');
  if (!existsSync(tosdr) || !existsSync(bundle)) throw new Error(`The samples are not in ${SHARED} (see its README): nothing to measure.`);
  const clones = await mkdtemp(join(tmpdir(), 'termscope-bench-ota-'));
  try {
    const clone = join(clones, 'genai-eu-versions');
    execFileSync('git', ['clone', '--quiet', bundle, clone]);
    const series = [
      await measure('ToS;DR', tosdr, '../shared/data/tosdr-2021-sample', 'scripts/import-tosdr.ts', ['--data-as-of', '2021-01-09'], runs),
      await measure('Open Terms Archive', clone, 'a clone of ../shared/data/ota-genai-eu-2026/genai-eu-versions.bundle', 'scripts/import-ota.ts', [], runs)
    ];
    await reportSection(renderImportSection(series, runs), MARKERS, 'the importers section', !values['no-write']);
  } finally {
    await rm(clones, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
