/**
 * The SQL console's numbers, in headless Chromium over the built app and the demo export: a 100,000-row result to
 * its first grid paint, the longest main-thread task (and frame gap) while scrolling it, and CSV / Parquet download
 * throughput. Each run uses a fresh browser profile. `scripts/bench-sql.ts` runs it and writes its section of
 * docs/BENCHMARKS.md; `scripts/bench.ts` can call `measureSqlConsole` and `renderSqlConsoleSection` the same way.
 */
import { stat } from 'node:fs/promises';
import { availableParallelism, loadavg } from 'node:os';
import type { Page } from 'playwright-core';
import { assertSameOrigin, launchBrowser, waitForDb } from '../../tests/e2e/browser';
import { mebibytes, summarize, type Summary } from './stats';

/** 100,000 rows of real export data: ids, text, timestamps, a boolean, URLs. */
export const BENCH_SQL = 'SELECT * FROM snapshots ORDER BY snapshot_id LIMIT 100000';

export interface SqlConsoleRun {
  rows: number;
  /** Run clicked -> result in hand (query in the worker + Arrow transfer). */
  queryMs: number;
  /** Result in hand (`performance.mark('sql-console:result')`) -> grid rows painted. */
  paintMs: number;
  /** Longest main-thread task while scrolling through the result (0 = no task over 50 ms). */
  longestTaskMs: number;
  /** Longest gap between animation frames while scrolling. */
  longestFrameMs: number;
  csvMs: number;
  csvBytes: number;
  parquetMs: number;
  parquetBytes: number;
}

declare global {
  interface Window {
    __sqlBench?: { longTasks: number[]; frames: number[]; painted?: number };
  }
}

function installProbes(): void {
  const probe: NonNullable<Window['__sqlBench']> = { longTasks: [], frames: [] };
  window.__sqlBench = probe;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) probe.longTasks.push(entry.duration);
  }).observe({ type: 'longtask', buffered: true });
  // The first time grid rows appear after a result: stamp the frame after they are painted.
  new MutationObserver(() => {
    if (probe.painted !== undefined || performance.getEntriesByName('sql-console:result').length === 0) return;
    if (!document.querySelector('[data-testid="result-grid"] [data-row]')) return;
    probe.painted = -1;
    requestAnimationFrame(() => setTimeout(() => (probe.painted = performance.now()), 0));
  }).observe(document, { subtree: true, childList: true });
}

async function typeAndRun(page: Page, sql: string): Promise<number> {
  await page.getByTestId('sql-input').click();
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Delete');
  await page.keyboard.insertText(sql);
  const started = await page.evaluate(() => performance.now());
  await page.getByTestId('run-button').click();
  return started;
}

async function scrollThrough(page: Page): Promise<{ longestTaskMs: number; longestFrameMs: number }> {
  await page.evaluate(() => {
    window.__sqlBench!.longTasks = [];
    window.__sqlBench!.frames = [];
  });
  const box = (await page.getByTestId('result-grid').boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  // A string, not a function: tsx's name-keeping helper (`__name`) does not exist in the page.
  const frames = page.evaluate<number[]>(`new Promise((resolve) => {
    const gaps = [];
    let last = performance.now();
    const end = last + 4000;
    function tick(now) {
      gaps.push(now - last);
      last = now;
      if (now < end) requestAnimationFrame(tick);
      else resolve(gaps);
    }
    requestAnimationFrame(tick);
  })`);
  // About 4 s of wheel scrolling, fast (a few thousand rows per second), then a jump to the end and back.
  for (let i = 0; i < 120; i++) {
    await page.mouse.wheel(0, 1200);
    await page.waitForTimeout(16);
  }
  await page.getByTestId('result-grid').focus();
  await page.keyboard.press('Control+End');
  await page.keyboard.press('Control+Home');
  const gaps = await frames;
  const tasks = await page.evaluate(() => window.__sqlBench!.longTasks);
  return { longestTaskMs: Math.max(0, ...tasks), longestFrameMs: Math.max(...gaps.slice(1)) };
}

async function timedDownload(page: Page, label: 'CSV' | 'Parquet'): Promise<{ ms: number; bytes: number }> {
  const started = Date.now();
  const [download] = await Promise.all([
    page.waitForEvent('download', { timeout: 120_000 }),
    page.getByTestId('result-downloads').getByRole('button', { name: label }).click()
  ]);
  const path = await download.path();
  const ms = Date.now() - started;
  if (!path) throw new Error(`${label} download failed: ${await download.failure()}`);
  return { ms, bytes: (await stat(path)).size };
}

/** One run in a fresh profile: open /sql, run the query, paint, scroll, download both formats. */
export async function measureSqlConsoleOnce(appUrl: string, sql = BENCH_SQL): Promise<SqlConsoleRun> {
  const session = await launchBrowser();
  try {
    const { page } = session;
    await page.addInitScript(installProbes);
    await page.goto(`${appUrl}/sql`);
    await waitForDb(page, { consoleErrors: session.consoleErrors });
    await page.getByTestId('schema-table-snapshots').waitFor();
    const clicked = await typeAndRun(page, sql);
    await page.waitForFunction(() => (window.__sqlBench?.painted ?? -1) > 0, undefined, { timeout: 120_000 });
    const marks = await page.evaluate(() => ({
      result: performance.getEntriesByName('sql-console:result').at(-1)!.startTime,
      painted: window.__sqlBench!.painted!
    }));
    const rows = Number(await page.getByTestId('row-count').getAttribute('data-rows'));
    const scroll = await scrollThrough(page);
    const csv = await timedDownload(page, 'CSV');
    const parquet = await timedDownload(page, 'Parquet');
    assertSameOrigin(session, appUrl);
    return {
      rows,
      queryMs: marks.result - clicked,
      paintMs: marks.painted - marks.result,
      ...scroll,
      csvMs: csv.ms,
      csvBytes: csv.bytes,
      parquetMs: parquet.ms,
      parquetBytes: parquet.bytes
    };
  } catch (error) {
    const console = session.consoleErrors.length ? `\n${session.consoleErrors.join('\n')}` : '';
    throw new Error(`${error instanceof Error ? error.message : String(error)}${console}`);
  } finally {
    await session.close();
  }
}

export async function measureSqlConsole(appUrl: string, runs: number, log: (line: string) => void = console.log): Promise<SqlConsoleRun[]> {
  const results: SqlConsoleRun[] = [];
  for (let i = 1; i <= runs; i++) {
    const r = await measureSqlConsoleOnce(appUrl);
    log(
      `  run ${i}/${runs}: query ${r.queryMs.toFixed(0)} ms, paint ${r.paintMs.toFixed(0)} ms, longest task ${r.longestTaskMs.toFixed(0)} ms, ` +
        `longest frame ${r.longestFrameMs.toFixed(0)} ms, CSV ${r.csvMs} ms (${mebibytes(r.csvBytes)}), Parquet ${r.parquetMs} ms (${mebibytes(r.parquetBytes)})`
    );
    results.push(r);
  }
  return results;
}

const ms = (s: Summary) => `${s.median.toFixed(0)} ms (${s.min.toFixed(0)}–${s.max.toFixed(0)})`;

export const SECTION_START = '<!-- sql-console:start -->';
export const SECTION_END = '<!-- sql-console:end -->';

/** The "SQL console" section of docs/BENCHMARKS.md, between markers so it can be replaced on its own. */
export function renderSqlConsoleSection(runs: readonly SqlConsoleRun[], load = loadavg()[0]!): string {
  const pick = (f: (r: SqlConsoleRun) => number) => summarize(runs.map(f));
  const rows = runs[0]!.rows;
  const csvRate = pick((r) => r.rows / (r.csvMs / 1000));
  const csvMiB = pick((r) => r.csvBytes / 1024 / 1024 / (r.csvMs / 1000));
  const pqRate = pick((r) => r.rows / (r.parquetMs / 1000));
  const longTask = pick((r) => r.longestTaskMs);
  return `${SECTION_START}
## SQL console

\`${BENCH_SQL}\` on the demo export (${rows.toLocaleString('en')} rows, 7 columns) in \`/sql\`, headless Chromium, a fresh
profile per run; median (min–max) of ${runs.length} runs. Run with \`npm run bench:sql\`. Load average when it finished:
${load.toFixed(1)} on ${availableParallelism()} cores (other work on the machine slows every number here; headless Chromium
rasterises in software).

| what | median (min–max) | target |
|---|---:|---:|
| Run clicked → result in hand (DuckDB + Arrow transfer) | ${ms(pick((r) => r.queryMs))} | |
| Result in hand → first grid paint | ${ms(pick((r) => r.paintMs))} | ≤ 200 ms |
| Longest main-thread task while scrolling (long tasks ≥ 50 ms; 0 = none) | ${longTask.median === 0 && longTask.max === 0 ? '0 ms (no long task)' : ms(longTask)} | |
| Longest frame gap while scrolling | ${ms(pick((r) => r.longestFrameMs))} | |
| CSV download, click → file saved | ${ms(pick((r) => r.csvMs))} | |
| CSV throughput | ${Math.round(csvRate.median).toLocaleString('en')} rows/s, ${csvMiB.median.toFixed(1)} MiB/s | |
| Parquet download, click → file saved | ${ms(pick((r) => r.parquetMs))} | |
| Parquet throughput | ${Math.round(pqRate.median).toLocaleString('en')} rows/s | |

File sizes: CSV ${mebibytes(runs[0]!.csvBytes)}, Parquet (ZSTD) ${mebibytes(runs[0]!.parquetBytes)}.

Scrolling: about 4 s of mouse-wheel scrolling (120 wheel steps of 1,200 px), then Ctrl+End and Ctrl+Home in the grid;
long tasks from \`PerformanceObserver\` (\`longtask\`), frame gaps from \`requestAnimationFrame\`. The grid draws
only the rows in view (@tanstack/virtual-core) and reads their cells from the Arrow columns.
${SECTION_END}`;
}
