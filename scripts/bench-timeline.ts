/**
 * `npm run bench:timeline`: the timeline's recompute time after a filter change (scripts/bench/timeline.ts) on the
 * demo export and on a 1,000,000-provision export with its versions (generated once into the temp folder and reused,
 * as `npm run bench` does; snapshots are left out, the timeline does not read them). Prints the numbers and writes the
 * "Timeline" section of docs/BENCHMARKS.md (the rest of the file is left as the other benchmarks wrote it). Not part
 * of `npm test`.
 *
 *   tsx scripts/bench-timeline.ts [--runs 8] [--big-runs 6] [--provisions 1000000] [--skip-big] [--no-write]
 */
import { mkdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import type { Manifest } from '../src/lib/contract/schema';
import { ensureBigExport, type BigExport } from './bench/big-export';
import { reportSection } from './bench/sections';
import { measureTimeline, renderTimelineSection, SECTION_END, SECTION_START, type TimelineResult, type TimelineScenario } from './bench/timeline';
import { startServer } from './serve';
import { snapshotApp } from './start';

const { values: args } = parseArgs({
  options: {
    runs: { type: 'string', default: '8' },
    'big-runs': { type: 'string', default: '6' },
    provisions: { type: 'string', default: '1000000' },
    'skip-big': { type: 'boolean', default: false },
    'no-write': { type: 'boolean', default: false }
  }
});

function positiveInt(name: string, text: string): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1) throw new Error(`--${name} must be a positive integer, got "${text}".`);
  return value;
}

/** The large export without snapshots (files linked, not copied) and without its precomputed overview. */
async function withoutSnapshots(big: BigExport): Promise<BigExport> {
  const name = `${big.name}-timeline`;
  const dir = join(dirname(big.dir), name);
  const manifest = JSON.parse(await readFile(join(big.dir, 'manifest.json'), 'utf8')) as Manifest;
  delete manifest.tables.snapshots;
  delete manifest.precomputed;
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  for (const entry of Object.values(manifest.tables)) if (entry) await symlink(join(big.dir, entry.file), join(dir, entry.file));
  await writeFile(join(dir, 'manifest.json'), JSON.stringify(manifest, null, 2));
  return { dir, name, generatedMs: big.generatedMs };
}

const runs = positiveInt('runs', args.runs);
const bigRuns = positiveInt('big-runs', args['big-runs']);
const provisions = positiveInt('provisions', args.provisions);

const big = args['skip-big'] ? null : await withoutSnapshots(await ensureBigExport(provisions, false));
const app = await snapshotApp();
const server = await startServer({ dir: app.dir, port: 0, mounts: big ? { [`/exports/${big.name}`]: big.dir } : {} });
const scenarios: [TimelineScenario, number][] = [
  [{ title: 'Demo export, a point per month', path: '/timeline', note: '13,000 provisions, 45,000 versions since 2019; the default view (automatic granularity)', timeoutMs: 120_000 }, runs],
  [{ title: 'Demo export, a point per day', path: '/timeline?bucket=day', note: 'the same, one point per day', timeoutMs: 120_000 }, runs]
];
if (big) {
  scenarios.push([
    {
      title: `${provisions.toLocaleString('en')} provisions, a point per month`,
      path: `/timeline?export=${big.name}`,
      note: `the generator at ${provisions.toLocaleString('en')} provisions (about 3.5 versions each), snapshots left out`,
      timeoutMs: 900_000
    },
    bigRuns
  ]);
}
const results: TimelineResult[] = [];
try {
  for (const [scenario, n] of scenarios) {
    console.log(`${scenario.title}, ${n} changes:`);
    results.push(await measureTimeline(server.url, scenario, n));
  }
} finally {
  await server.close();
  await app.remove();
}
await reportSection(renderTimelineSection(results), { start: SECTION_START, end: SECTION_END }, 'the timeline section', !args['no-write']);
