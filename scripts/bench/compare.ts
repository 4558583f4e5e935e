/**
 * The compare view's speed: how long its query takes and how long the page then takes to draw the result, in
 * headless Chromium on the built app, at the demo's scale and at 1,000,000 provisions. Also runnable on its own
 * (`npm run bench:compare`), which writes the "Compare view" section of docs/BENCHMARKS.md between markers and
 * leaves the rest of the file as it was.
 *
 *   tsx scripts/bench/compare.ts [--runs 5] [--provisions 1000000] [--skip-big] [--no-write]
 *
 * Method: one fresh browser profile per export. The page opens `/compare` for a first category (the cold view: the
 * export's own load included), then the category is changed through the picker `runs` times, each time to another
 * category; the page reports, for each result, the query time (sent -> typed rows, `data-query-ms`) and the render
 * time (rows in hand -> the frame after the table, coverage and charts are drawn, `data-render-ms`). The same again
 * with "as of" a past day, which reads `provision_versions` instead of `provisions`.
 *
 * At 1,000,000 provisions it is measured on the whole export (today and as of a day), and on the required tables
 * alone (today only; no history), which tells apart what the history tables cost the engine.
 */
import { readFile } from 'node:fs/promises';
import { availableParallelism, loadavg } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import type { Page } from 'playwright-core';
import type { Manifest } from '../../src/lib/contract/schema';
import { openNodeDb } from '../lib/duckdb-node';
import { launchBrowser, assertSameOrigin, waitForDb } from '../../tests/e2e/browser';
import { startServer } from '../serve';
import { snapshotApp } from '../start';
import { ensureBigExport, requiredTablesOnly } from './big-export';
import { summarize, type Summary } from './stats';
import { reportSection } from './sections';

export interface CompareSample {
  category: string;
  asOf: string | null;
  queryMs: number;
  renderMs: number;
  /** Platform rows in the result. */
  rows: number;
}

export interface CompareSeries {
  title: string;
  exportName: string;
  provisions: number;
  versions: number | null;
  /** Navigation -> first compare view ready (export load included). */
  coldMs: number | null;
  today: CompareSample[];
  asOf: CompareSample[];
  /** Why a series could not be measured (e.g. the export did not load). */
  error?: string;
}

const AS_OF = '2024-06-30';

async function waitForResult(page: Page, category: string, asOf: string | null): Promise<CompareSample> {
  const handle = await page.waitForFunction(
    ([want, day]) => {
      const el = document.querySelector<HTMLElement>('[data-compare-state]');
      if (!el || el.dataset.compareState === 'error') return el ? { error: document.querySelector('[role="alert"]')?.textContent ?? 'error' } : null;
      const f = el.dataset.rowsFilter ? JSON.parse(el.dataset.rowsFilter) : null;
      if (!f || f.category !== want || f.asOf !== day || el.dataset.compareState !== 'ready' || !el.dataset.renderMs) return null;
      return {
        queryMs: Number(el.dataset.queryMs),
        renderMs: Number(el.dataset.renderMs),
        rows: Number(document.querySelector('[data-testid="coverage"]')?.getAttribute('data-total'))
      };
    },
    [category, asOf] as const,
    { timeout: 600_000, polling: 50 }
  );
  const value = (await handle.jsonValue()) as { error?: string; queryMs: number; renderMs: number; rows: number };
  if (value.error) throw new Error(`The compare view failed: ${value.error}`);
  return { category, asOf, queryMs: value.queryMs, renderMs: value.renderMs, rows: value.rows };
}

/** The export's category ids, read straight from its Parquet file (loading the whole export would take long). */
async function categoriesOf(dir: string): Promise<string[]> {
  const manifest = JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8')) as Manifest;
  const db = await openNodeDb();
  try {
    const rows = await db.query('SELECT category_id FROM read_parquet(?) ORDER BY category_id', [join(dir, manifest.tables.categories!.file)]);
    return rows.map((r) => String(r.category_id));
  } finally {
    db.close();
  }
}

/** One export in one fresh browser: the cold first view, then `runs` category changes today and as of a day. */
export async function measureCompareExport(
  appUrl: string,
  exportName: string,
  categories: readonly string[],
  runs: number,
  withHistory: boolean,
  log: (line: string) => void = console.log
): Promise<Pick<CompareSeries, 'coldMs' | 'today' | 'asOf'>> {
  const session = await launchBrowser();
  try {
    const { page } = session;
    const first = categories[0]!;
    const exportParam = exportName === 'demo' ? '' : `export=${exportName}&`;
    const url = `${appUrl}/compare?${exportParam}category=${first}`;
    await page.goto(url, { waitUntil: 'commit' });
    log(`  opened ${url}`);
    await waitForDb(page, { timeout: 600_000, consoleErrors: session.consoleErrors });
    log(`  export loaded after ${((await page.evaluate(() => performance.now())) / 1000).toFixed(1)} s`);
    const cold = await waitForResult(page, first, null).catch((error: unknown) => {
      throw new Error(`${error instanceof Error ? error.message : String(error)}\n${session.consoleErrors.join('\n')}`);
    });
    const coldMs = await page.evaluate(() => performance.now());
    log(`  cold view: ${(coldMs / 1000).toFixed(1)} s after navigation (query ${cold.queryMs.toFixed(0)} ms, render ${cold.renderMs.toFixed(0)} ms)`);

    const series = async (asOf: string | null): Promise<CompareSample[]> => {
      const samples: CompareSample[] = [];
      for (let i = 1; i <= runs; i++) {
        const category = categories[i % categories.length]!;
        await page.getByTestId('category-select').selectOption(category);
        const sample = await waitForResult(page, category, asOf);
        log(`  ${asOf ? `as of ${asOf}` : 'today'} ${i}/${runs} ${category}: query ${sample.queryMs.toFixed(0)} ms, render ${sample.renderMs.toFixed(0)} ms, ${sample.rows} platforms`);
        samples.push(sample);
      }
      return samples;
    };
    const today = await series(null);
    let asOf: CompareSample[] = [];
    if (withHistory) {
      const current = categories[runs % categories.length]!;
      await page.getByTestId('as-of').locator('input').fill(AS_OF);
      await waitForResult(page, current, AS_OF);
      asOf = await series(AS_OF);
    }
    assertSameOrigin(session, appUrl);
    return { coldMs, today, asOf };
  } finally {
    await session.close();
  }
}

export interface CompareBenchOptions {
  runs: number;
  provisions: number;
  skipBig: boolean;
  log?: (line: string) => void;
}

/** Measures the compare view on the demo export and (unless skipped) at `provisions` provisions. */
export async function benchCompare({ runs, provisions, skipBig, log = console.log }: CompareBenchOptions): Promise<CompareSeries[]> {
  const app = await snapshotApp(log);
  const big = skipBig ? null : await ensureBigExport(provisions, false);
  const core = big ? await requiredTablesOnly(big) : null;
  const mounts: Record<string, string> = {};
  for (const e of [big, core]) if (e) mounts[`/exports/${e.name}`] = e.dir;
  const server = await startServer({ dir: app.dir, port: 0, mounts });
  const targets: { title: string; name: string; dir: string; history: boolean }[] = [
    { title: 'Demo export', name: 'demo', dir: join(app.dir, 'exports', 'demo'), history: true }
  ];
  if (big) targets.push({ title: `${provisions.toLocaleString('en')} provisions`, name: big.name, dir: big.dir, history: true });
  if (core) targets.push({ title: `${provisions.toLocaleString('en')} provisions, required tables only`, name: core.name, dir: core.dir, history: false });
  const results: CompareSeries[] = [];
  try {
    for (const t of targets) {
      const manifest = JSON.parse(await readFile(join(t.dir, 'manifest.json'), 'utf8')) as Manifest;
      const base = {
        title: t.title,
        exportName: t.name,
        provisions: manifest.tables.provisions?.rows ?? 0,
        versions: manifest.tables.provision_versions?.rows ?? null
      };
      log(`${t.title}:`);
      try {
        const categories = await categoriesOf(t.dir);
        results.push({ ...base, ...(await measureCompareExport(server.url, t.name, categories, runs, t.history, log)) });
      } catch (error) {
        const message = (error instanceof Error ? error.message : String(error)).split('\n')[0]!.slice(0, 400);
        log(`  failed: ${message}`);
        results.push({ ...base, coldMs: null, today: [], asOf: [], error: message });
      }
    }
  } finally {
    await server.close();
    await app.remove();
  }
  return results;
}

export const SECTION_START = '<!-- compare:start -->';
export const SECTION_END = '<!-- compare:end -->';

const ms = (s: Summary) => `${s.median.toFixed(0)} ms (${s.min.toFixed(0)}–${s.max.toFixed(0)})`;

/** The "Compare view" section of docs/BENCHMARKS.md, between markers so it can be replaced on its own. */
export function renderCompareSection(series: readonly CompareSeries[], load = loadavg()[0]!): string {
  const lines = [
    SECTION_START,
    '## Compare view',
    '',
    '`/compare` in headless Chromium on the built app, one fresh profile per export. After the first (cold) view, the',
    'category is changed through the picker several times (each time another category) and the page reports, per result,',
    'the **query** time (statement sent → typed rows: DuckDB-wasm, Arrow transfer, row conversion) and the **render** time',
    '(rows in hand → the frame after the coverage, both charts and the first page of the table are drawn). "As of" reads',
    '`provision_versions` with the shared as-of rule instead of the current `provisions`. Median (min–max).',
    `Run with \`npm run bench:compare\`. Load average when it finished: ${load.toFixed(1)} on ${availableParallelism()} cores.`,
    ''
  ];
  lines.push('| export | provisions | versions | platforms compared | cold first view | query, today | render, today | query, as of | render, as of |');
  lines.push('|---|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const s of series) {
    const fmt = (samples: CompareSample[], pick: (x: CompareSample) => number) => (samples.length ? ms(summarize(samples.map(pick))) : '—');
    const rows = s.today[0]?.rows ?? s.asOf[0]?.rows;
    lines.push(
      `| ${s.title}${s.error ? ` (failed: ${s.error.replace(/\|/g, '/')})` : ''} | ${s.provisions.toLocaleString('en')} | ${s.versions === null ? '—' : s.versions.toLocaleString('en')} | ` +
        `${rows === undefined ? '—' : rows.toLocaleString('en')} | ${s.coldMs === null ? '—' : `${(s.coldMs / 1000).toFixed(1)} s`} | ` +
        `${fmt(s.today, (x) => x.queryMs)} | ${fmt(s.today, (x) => x.renderMs)} | ${fmt(s.asOf, (x) => x.queryMs)} | ${fmt(s.asOf, (x) => x.renderMs)} |`
    );
  }
  const runs = Math.max(0, ...series.map((s) => s.today.length));
  lines.push(
    '',
    `${runs} category changes per column. The cold first view includes loading the export. At 1,000,000 provisions the`,
    'view is measured on the whole export and on its required tables alone (no history, so no "as of"). The query returns',
    'one row per provision in scope (about 60,000 at that scale) plus one per platform without any; the page folds them',
    'per platform and draws 50 platforms per page (all of them go into the CSV).',
    SECTION_END
  );
  return lines.join('\n');
}

async function main(): Promise<void> {
  const { values: args } = parseArgs({
    options: {
      runs: { type: 'string', default: '5' },
      provisions: { type: 'string', default: '1000000' },
      'skip-big': { type: 'boolean', default: false },
      'no-write': { type: 'boolean', default: false }
    }
  });
  const runs = Number(args.runs);
  const provisions = Number(args.provisions);
  if (!Number.isInteger(runs) || runs < 1) throw new Error(`--runs must be a positive integer, got "${args.runs}".`);
  if (!Number.isInteger(provisions) || provisions < 1) throw new Error(`--provisions must be a positive integer, got "${args.provisions}".`);
  const series = await benchCompare({ runs, provisions, skipBig: args['skip-big'] });
  await reportSection(renderCompareSection(series), { start: SECTION_START, end: SECTION_END }, 'the compare section', !args['no-write']);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
