/**
 * `npm run bench`: export sizes and load times of the built app in headless Chromium, for the demo export and a
 * 1,000,000-provision one; prints the numbers and writes docs/BENCHMARKS.md. Not part of `npm test`.
 *
 *   tsx scripts/bench.ts [--runs 5] [--big-runs 3] [--provisions 1000000] [--skip-big] [--regenerate]
 *                        [--rebuild] [--no-write]
 *
 * --rebuild times a fresh `vite build` (replacing build/); --regenerate remakes the large export even when a
 * current one is kept in the temp folder.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { CHROMIUM_PATH } from '../tests/e2e/browser';
import { ensureBigExport, requiredTablesOnly } from './bench/big-export';
import { describeMachine } from './bench/machine';
import { measurePageLoad, type LoadMarks } from './bench/page-timing';
import { keepMarkedSections, renderReport, type LoadSeries } from './bench/report';
import { appSize, exportSize } from './bench/sizes';
import { formatSummary, mebibytes, seconds, summarize } from './bench/stats';
import { startServer } from './serve';
import { ROOT, snapshotApp, withBuildLock } from './start';

const { values: args } = parseArgs({
  options: {
    runs: { type: 'string', default: '5' },
    'big-runs': { type: 'string', default: '3' },
    provisions: { type: 'string', default: '1000000' },
    'skip-big': { type: 'boolean', default: false },
    regenerate: { type: 'boolean', default: false },
    rebuild: { type: 'boolean', default: false },
    'no-write': { type: 'boolean', default: false }
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
    const child = spawn(join(ROOT, 'node_modules', '.bin', 'vite'), ['build', '--logLevel', 'warn'], {
      cwd: ROOT,
      stdio: 'inherit'
    });
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
    console.log(`  run ${i}/${runs}: ${shown}${marks.error ? `\n    load failed: ${marks.error}` : ''}`);
    results.push(marks);
  }
  return results;
}

function printSummary(series: LoadSeries): void {
  console.log(`${series.title}: export ${mebibytes(series.exportSize.totalBytes)}`);
  for (const key of ['fcp', 'chart', 'dbReady', 'live', 'dbError'] as const) {
    const values = series.runs.map((r) => r[key]).filter((v): v is number => v !== undefined);
    if (values.length > 0) console.log(`  ${key.padEnd(8)} ${formatSummary(summarize(values))}`);
  }
}

async function main(): Promise<void> {
  const runs = positiveInt('runs', args.runs);
  const bigRuns = positiveInt('big-runs', args['big-runs']);
  const provisions = positiveInt('provisions', args.provisions);

  const machine = describeMachine(CHROMIUM_PATH);
  console.log(`${machine.cpu} × ${machine.nproc}, ${machine.ramGiB} GiB, Node ${machine.node}, ${machine.chromium}`);

  const buildMs = args.rebuild ? await withBuildLock(timedViteBuild) : null;
  if (buildMs !== null) console.log(`vite build: ${seconds(buildMs)}`);

  const big = args['skip-big'] ? null : await ensureBigExport(provisions, args.regenerate);
  const core = big ? await requiredTablesOnly(big) : null;
  const mounts = big && core ? { [`/exports/${big.name}`]: big.dir, [`/exports/${core.name}`]: core.dir } : {};
  const app = await snapshotApp();
  const size = appSize(app.dir);
  const loads: LoadSeries[] = [];
  const server = await startServer({ dir: app.dir, port: 0, mounts }).catch(async (error: unknown) => {
    await app.remove();
    throw error;
  });
  try {
    console.log(`Demo export, ${runs} runs:`);
    loads.push({
      title: 'Demo export',
      path: '/',
      exportSize: await exportSize(join(app.dir, 'exports', 'demo')),
      runs: await measureRuns(server.url, '/', runs, 120_000)
    });
    if (big) {
      const path = `/?export=${big.name}`;
      console.log(`${provisions.toLocaleString('en')}-provision export, ${bigRuns} runs:`);
      loads.push({
        title: `${provisions.toLocaleString('en')}-provision export`,
        path,
        exportSize: await exportSize(big.dir),
        runs: await measureRuns(server.url, path, bigRuns, 600_000),
        note: `Generated with \`tsx scripts/generate-demo.ts --provisions ${provisions} --out <tmp>/exports/${big.name}\` and served beside the app.`
      });
    }
    if (core) {
      const path = `/?export=${core.name}`;
      console.log(`Same export, required tables only, ${bigRuns} runs:`);
      loads.push({
        title: `${provisions.toLocaleString('en')}-provision export, required tables only`,
        path,
        exportSize: await exportSize(core.dir),
        runs: await measureRuns(server.url, path, bigRuns, 600_000),
        note: 'The same files without the optional history tables (`provision_versions`, `snapshots`): what the provisions themselves cost.'
      });
    }
  } finally {
    await server.close();
    await app.remove();
  }

  console.log('');
  for (const series of loads) printSummary(series);
  const report = renderReport({
    machine,
    buildMs,
    app: size,
    loads,
    bigGeneratedMs: big?.generatedMs ?? null
  });
  if (!args['no-write']) {
    const file = join(ROOT, 'docs', 'BENCHMARKS.md');
    const previous = existsSync(file) ? await readFile(file, 'utf8') : '';
    await writeFile(file, keepMarkedSections(report, previous));
    console.log('\nWrote docs/BENCHMARKS.md');
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
