/**
 * Opening a large export from files on the Data page, in headless Chromium: `npm run bench:open` (or
 * `tsx scripts/bench/open-files.ts [--provisions 1000000] [--runs 3] [--modes engine,parquet] [--no-write]`).
 * Writes the "Opening files" section of docs/BENCHMARKS.md between markers and leaves the rest as it was.
 *
 * Method: the export is the scale benchmark's (`big-export.ts`: generated once by the demo generator, kept in the
 * temp folder). Each run is a fresh browser on the built app's `/data`, with the demo loaded; the clock starts when
 * the files are set on the "Choose files" input (as picking them does) and stops when the page says the new export
 * replaced the demo (`[data-testid=candidate][data-status=done]`) — unpacking nothing, reading, hashing, decoding,
 * inserting, checking, all of it. Two ways in: the folder as published (manifest.json with its engine file, which is
 * attached from the file), and its Parquet files alone (no manifest: every file read, hashed, decoded, inserted and
 * checked). Memory: the resident set of every Chromium process of the run (the browser, the page and its workers,
 * summed, sampled every 250 ms from /proc), its peak during the open and its level before. Medians with min and max.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { launchBrowser, waitForDb } from '../../tests/e2e/browser';
import { startServer } from '../serve';
import { snapshotApp } from '../start';
import { ensureBigExport } from './big-export';
import { reportSection, sectionMarkers } from './sections';
import { mebibytes, seconds, summarize, type Summary } from './stats';

const MARKERS = sectionMarkers('open-files');
const { values: args } = parseArgs({
  options: {
    provisions: { type: 'string', default: '1000000' },
    runs: { type: 'string', default: '3' },
    modes: { type: 'string', default: 'engine,parquet' },
    'no-write': { type: 'boolean', default: false }
  }
});

/** Resident bytes of every descendant process of `root` (Chromium's, for this process), from /proc. */
function descendantsRss(root: number): number {
  const children = new Map<number, number[]>();
  const rss = new Map<number, number>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      // The command name may hold spaces: fields are counted after its closing parenthesis.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const pid = Number(name);
      const ppid = Number(fields[1]);
      rss.set(pid, Number(fields[21]) * 4096);
      children.set(ppid, [...(children.get(ppid) ?? []), pid]);
    } catch {
      // the process ended while it was being read
    }
  }
  let total = 0;
  const stack = [...(children.get(root) ?? [])];
  while (stack.length > 0) {
    const pid = stack.pop()!;
    total += rss.get(pid) ?? 0;
    stack.push(...(children.get(pid) ?? []));
  }
  return total;
}

interface OpenRun {
  ms: number;
  /** Of `ms`: from the start of opening until the export was loaded and checked (the rest keeps the files in OPFS). */
  checkedMs: number | null;
  /** Chromium's resident bytes before opening (the demo loaded), and at most while opening. */
  baseBytes: number;
  peakBytes: number;
}

async function openOnce(appUrl: string, paths: string[]): Promise<OpenRun> {
  const session = await launchBrowser();
  try {
    const page = session.page;
    await page.goto(`${appUrl}/data`);
    await waitForDb(page, { timeout: 180_000 });
    const baseBytes = descendantsRss(process.pid);
    let peakBytes = baseBytes;
    const sampler = setInterval(() => (peakBytes = Math.max(peakBytes, descendantsRss(process.pid))), 250);
    const started = performance.now();
    try {
      await page.getByTestId('pick-files').setInputFiles(paths);
      const done = page.locator('[data-testid="candidate"][data-attempt="1"]:not([data-status="loading"])');
      await done.waitFor({ timeout: 30 * 60_000 });
      const ms = performance.now() - started;
      const status = await done.getAttribute('data-status');
      if (status !== 'done') throw new Error(`The export was refused: ${(await done.innerText()).trim()}`);
      peakBytes = Math.max(peakBytes, descendantsRss(process.pid));
      // Source text, not a function: tsx would add its helpers (`__name`), which the page does not have.
      const checkedMs = (await page.evaluate(
        `(() => { const s = performance.getEntriesByName('termscope:open-start').at(-1); const c = performance.getEntriesByName('termscope:open-checked').at(-1); return s && c ? c.startTime - s.startTime : null; })()`
      )) as number | null;
      return { ms, checkedMs, baseBytes, peakBytes };
    } finally {
      clearInterval(sampler);
    }
  } finally {
    await session.close();
  }
}

const MODES = {
  engine: { title: 'the folder as published (manifest.json and engine file)', pick: (f: string) => f !== 'overview.json' },
  parquet: { title: 'its Parquet files alone (no manifest: read, hashed, decoded, checked)', pick: (f: string) => f.endsWith('.parquet') }
} as const;

async function main() {
  const provisions = Number(args.provisions);
  const runs = Number(args.runs);
  const modes = args.modes.split(',') as (keyof typeof MODES)[];
  const big = await ensureBigExport(provisions, false);
  const files = readdirSync(big.dir);
  const sizes = Object.fromEntries(files.map((f) => [f, statSync(join(big.dir, f)).size]));
  const app = await snapshotApp((l) => console.log(l));
  const server = await startServer({ dir: app.dir, port: 0 });
  const results: { mode: keyof typeof MODES; bytes: number; time: Summary; checked: Summary | null; peak: Summary; base: Summary }[] = [];
  const load = loadavg()[0]!;
  try {
    for (const mode of modes) {
      const picked = files.filter(MODES[mode].pick);
      const bytes = picked.reduce((s, f) => s + sizes[f]!, 0);
      console.log(`${MODES[mode].title}: ${picked.length} files, ${mebibytes(bytes)}`);
      const series: OpenRun[] = [];
      for (let i = 1; i <= runs; i++) {
        const run = await openOnce(server.url, picked.map((f) => join(big.dir, f)));
        const checked = run.checkedMs === null ? '' : ` (loaded and checked after ${seconds(run.checkedMs)})`;
        console.log(`  run ${i}/${runs}: ${seconds(run.ms)}${checked}, Chromium peak ${mebibytes(run.peakBytes)} (before ${mebibytes(run.baseBytes)})`);
        series.push(run);
      }
      results.push({
        mode,
        bytes,
        time: summarize(series.map((r) => r.ms)),
        checked: series.every((r) => r.checkedMs !== null) ? summarize(series.map((r) => r.checkedMs!)) : null,
        peak: summarize(series.map((r) => r.peakBytes)),
        base: summarize(series.map((r) => r.baseBytes))
      });
    }
  } finally {
    await server.close();
    await app.remove();
  }
  const rows = results.map(
    (r) =>
      `| ${MODES[r.mode].title} | ${mebibytes(r.bytes)} | ${seconds(r.time.median)} (${seconds(r.time.min)}–${seconds(r.time.max)}) | ` +
      `${r.checked ? `${seconds(r.checked.median)} (${seconds(r.checked.min)}–${seconds(r.checked.max)})` : 'not measured'} | ` +
      `${mebibytes(r.peak.median)} (${mebibytes(r.peak.min)}–${mebibytes(r.peak.max)}) | ${mebibytes(r.base.median)} |`
  );
  const section = [
    MARKERS.start,
    '## Opening files on the Data page (`npm run bench:open`)',
    '',
    `${provisions.toLocaleString('en-US')} provisions (the scale benchmark's generated export), opened from files on \`/data\` in headless ` +
      `Chromium while the demo is loaded; ${runs} runs each, medians (min–max). Time: from setting the files on the input ` +
      'to "it replaced the export loaded before". Memory: resident set of all Chromium processes, sampled every 250 ms ' +
      `(${new Date().toISOString().slice(0, 10)}, ${availableParallelism()} cores, load average ${load.toFixed(1)} at the start).`,
    '',
    '| opened | files | time | of which loaded and checked | Chromium peak | before opening |',
    '|---|---|---|---|---|---|',
    ...rows,
    '',
    'Both engines are alive while the candidate loads (the demo keeps answering), so the peak includes the demo\'s. ' +
      'The time after "loaded and checked" is keeping the files in the browser\'s private storage (OPFS), so that a reload opens them again.',
    MARKERS.end
  ].join('\n');
  await reportSection(section, MARKERS, 'the "Opening files" section', !args['no-write']);
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
