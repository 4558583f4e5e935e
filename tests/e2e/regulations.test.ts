/**
 * The regulation and agency pivots in the built app on the demo export: the matrix's cells, a cell's provisions, one
 * regulation's provisions, the agency list and an agency's remit — on screen and in every CSV — equal the same queries
 * run in Node on the same files; the state is in the URL; the grid and the axis toggle work with the keyboard; an
 * export whose provisions cite nothing (the imported ToS;DR sample) says why.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import type { Download, Locator, Page } from 'playwright-core';
import { describe, expect, inject, test } from 'vitest';
import { citedNamesQuery, citingProvisionsQuery, regulationCellsQuery, remitQuery } from '../../src/lib/queries/regulations';
import { loadExport } from '../../scripts/lib/export-io';
import { openedExport } from '../helpers/opened-export';
import { clientGoto, warmApp } from './app';
import { openLoaded } from './open-loaded';
import { savedDownload } from './browser';

const APP_DIR = inject('appDir');
const real = inject('realExports');
const KEYS = ['critical', 'high', 'medium', 'low', 'info', 'unrated'];

const demo = openedExport(() => loadExport(join(APP_DIR, 'exports', 'demo')));
const run = demo.run;

/** Waits until the view is ready and its root holds `attrs` (`[data-name*="text"]`: attribute contains text). */
async function ready(page: Page, view: 'regulations' | 'agencies', attrs: Record<string, string> = {}) {
  const extra = Object.entries(attrs).map(([name, text]) => `[data-${name}*=${JSON.stringify(text)}]`).join('');
  await page.locator(`[data-${view}-state="ready"]${extra}`).waitFor({ state: 'attached', timeout: 60_000 });
}

/** The demo's views share one loaded page: no test here is about loading. */
const shared = warmApp('/', { handOver: true });

/**
 * The shared page at `path`, its view ready. Through the overview first: on the same view, "ready" could still be the
 * state the test before left; a view drawn anew is ready only with this URL's state.
 */
async function open(path: string, view: 'regulations' | 'agencies') {
  const { page } = shared.session;
  if (new URL(page.url()).pathname !== '/') await clientGoto(page, '/');
  return shared.goto(path, (p) => ready(p, view));
}

async function go(page: Page, path: string, view: 'regulations' | 'agencies') {
  await clientGoto(page, path);
  await page.waitForURL((url) => `${url.pathname}${url.search}` === path);
  await ready(page, view);
}

async function csvOf(download: Download): Promise<(string | null)[][]> {
  return parse(await readFile(await savedDownload(download), 'utf8'), {
    bom: true,
    cast: (value, context) => (value === '' && !context.quoting ? null : value)
  }) as (string | null)[][];
}

async function downloadFrom(page: Page, scope: Locator): Promise<{ name: string; records: (string | null)[][] }> {
  const [download] = await Promise.all([page.waitForEvent('download'), scope.getByRole('button', { name: 'Download CSV' }).click()]);
  return { name: download.suggestedFilename(), records: await csvOf(download) };
}

/**
 * `name|column` -> `severity/provisions` of the cells drawn now. The grid is virtualised and draws its cells once it
 * has measured its box, which may be a frame after "ready": wait for the first one (evaluateAll does not wait).
 */
async function drawnCells(page: Page): Promise<Map<string, string>> {
  await page.locator('[data-cell]').first().waitFor({ state: 'attached' });
  const cells = await page.locator('[data-cell]').evaluateAll((els) =>
    els.map((e) => [(e as HTMLElement).dataset.cell!, `${(e as HTMLElement).dataset.severity}/${(e as HTMLElement).dataset.provisions}`])
  );
  return new Map(cells as [string, string][]);
}
async function expectedCells(asOf: string | null, by: 'platform' | 'category') {
  const rows = await run(regulationCellsQuery({ asOf, by }));
  return { rows, map: new Map(rows.map((r) => [`${r.name}|${r.column_id}`, `${KEYS[r.worst_order as number]}/${r.provisions}`])) };
}
function checkDrawn(drawn: Map<string, string>, expected: Map<string, string>) {
  expect(drawn.size).toBeGreaterThan(0);
  let filled = 0;
  for (const [key, shown] of drawn) {
    expect(shown, key).toBe(expected.get(key) ?? 'none/0');
    if (expected.has(key)) filled++;
  }
  expect(filled).toBeGreaterThan(0);
}

/** The record ids of a provisions table, in the order shown. */
const rowKeys = (table: Locator) => table.locator('[data-row-key]').evaluateAll((els) => els.map((e) => e.getAttribute('data-row-key')));

describe('/regulations on the demo export', () => {
  test('cells equal the query in Node, × platforms and, with the keyboard toggle, × categories; as of a past day', async () => {
    const { page } = await open('/regulations', 'regulations');
    const grid = page.getByTestId('matrix-grid');
    const platforms = await expectedCells(null, 'platform');
    expect(await grid.getAttribute('data-rows')).toBe(String(new Set(platforms.rows.map((r) => r.name)).size));
    expect(await grid.getAttribute('data-columns')).toBe(String(new Set(platforms.rows.map((r) => r.column_id)).size));
    checkDrawn(await drawnCells(page), platforms.map);
    // Rows by law, then name, numbers in order ("GDPR Art. 5" before "GDPR Art. 17"); only those in view are drawn.
    await grid.locator('[role="rowheader"] a').first().waitFor();
    const names = await grid.locator('[role="rowheader"] a').allInnerTexts();
    const collator = new Intl.Collator('en', { sensitivity: 'base', numeric: true });
    const lawOf = new Map(platforms.rows.map((r) => [String(r.name), String(r.law)]));
    const ordered = [...lawOf.keys()].sort((a, b) => collator.compare(lawOf.get(a)!, lawOf.get(b)!) || collator.compare(a, b));
    expect(names.length).toBeGreaterThan(10);
    expect(names).toEqual(ordered.slice(0, names.length));

    await page.getByTestId('axis-platform').focus();
    await page.keyboard.press('ArrowRight');
    await page.waitForURL(/by=category/);
    await ready(page, 'regulations', { 'data-filter': '"by":"category"' });
    const categories = await expectedCells(null, 'category');
    expect(await grid.getAttribute('data-columns')).toBe(String(new Set(categories.rows.map((r) => r.column_id)).size));
    checkDrawn(await drawnCells(page), categories.map);

    await go(page, '/regulations?asOf=2023-03-31&by=category', 'regulations');
    await ready(page, 'regulations', { 'data-filter': '2023-03-31' });
    const past = await expectedCells('2023-03-31', 'category');
    expect(past.rows).not.toEqual(categories.rows);
    checkDrawn(await drawnCells(page), past.map);
  });

  test('a cell opened with the keyboard lists its provisions; its CSV and the matrix CSV equal the queries', async () => {
    const { page } = await open('/regulations?sort=platform', 'regulations');
    const first = page.locator('[data-cell][tabindex="0"]');
    await first.focus();
    // Walk right to the first cell holding provisions.
    const activeCell = () => page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.cell ?? null);
    for (let i = 0; i < 40; i++) {
      const provisions = await page.evaluate(() => Number((document.activeElement as HTMLElement | null)?.dataset.provisions ?? 0));
      if (provisions > 0) break;
      const from = await activeCell();
      await page.keyboard.press('ArrowRight');
      // Focus moves once the next cell is drawn: wait for it before reading it.
      await expect.poll(activeCell).not.toBe(from);
    }
    const focused = await page.evaluate(() => (document.activeElement as HTMLElement).dataset.cell!);
    const [name, column] = focused.split('|') as [string, string];
    await page.keyboard.press('Enter');
    const panel = page.getByTestId('cell-panel');
    await panel.waitFor();
    await page.waitForURL(/cellRow=/);
    expect(new URL(page.url()).searchParams.get('cellRow')).toBe(name);
    expect(new URL(page.url()).searchParams.get('cellColumn')).toBe(column);
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('cell-heading');
    const expected = await run(citingProvisionsQuery({ asOf: null, list: 'regulations', name, column: { by: 'platform', id: column } }));
    expect(expected.length).toBeGreaterThan(0);
    const table = panel.getByTestId('cell-provisions');
    // The cell's provisions are a query of their own: polled (evaluateAll does not wait).
    await expect.poll(() => rowKeys(table)).toEqual(expected.map((r) => r.record_id));

    const cellCsv = await downloadFrom(page, panel);
    expect(cellCsv.records[0]).toEqual(['Severity', 'Provision', 'Platform', 'Platform ID', 'Category', 'Category ID', 'Cited as', 'Record id']);
    expect(cellCsv.records.slice(1)).toEqual(
      expected.map((r) => [KEYS[KEYS.indexOf(String(r.severity ?? 'unrated'))], r.title, r.platform_name, r.platform_id, r.category_name, r.category_id, r.cited, r.record_id])
    );

    // The matrix's CSV: every regulation, its cells per platform column, as the query in Node gives them.
    const matrix = await downloadFrom(page, page.locator('section[aria-labelledby="matrix-heading"]'));
    expect(matrix.name).toBe('termscope-regulations-platform.csv');
    const { rows } = await expectedCells(null, 'platform');
    const columns = [...new Set(rows.map((r) => String(r.column_id)))];
    const header = matrix.records[0]!;
    expect(header.slice(0, 5)).toEqual(['Regulation', 'Law', 'Worst severity', 'Provisions', 'Platforms with provisions']);
    expect(header.length).toBe(5 + 2 * columns.length);
    const names = [...new Set(rows.map((r) => String(r.name)))];
    expect(matrix.records.slice(1).map((r) => r[0]).sort()).toEqual(names.sort());
    for (const record of matrix.records.slice(1)) {
      const mine = rows.filter((r) => r.name === record[0]);
      expect(record[1]).toBe(mine[0]!.law);
      expect(Number(record[3])).toBe(mine.reduce((n, r) => n + Number(r.provisions), 0));
      expect(Number(record[4])).toBe(mine.length);
      expect(record[2]).toBe(KEYS[Math.min(...mine.map((r) => Number(r.worst_order)))]);
      const filled = record.slice(5, 5 + columns.length).filter((v) => v !== null).length;
      expect(filled).toBe(mine.length);
    }
  });

  test('?regulation= names a regulation or a whole law: its rows and its provisions, in the CSV too; bad state is noted', async () => {
    const { page } = await open('/regulations?regulation=GDPR', 'regulations');
    const cells = await expectedCells(null, 'platform');
    const gdpr = [...new Set(cells.rows.filter((r) => r.law === 'GDPR').map((r) => r.name))];
    expect(gdpr.length).toBeGreaterThan(1);
    expect(Number(await page.getByTestId('matrix-grid').getAttribute('data-rows'))).toBe(gdpr.length);
    const table = page.getByTestId('regulation-provisions');
    await table.waitFor();
    const expected = await run(citingProvisionsQuery({ asOf: null, list: 'regulations', name: 'GDPR' }));
    const listing = await downloadFrom(page, page.locator('section[aria-labelledby="listing-heading"]'));
    expect(listing.name).toBe('termscope-regulations-GDPR-provisions.csv');
    expect(listing.records.slice(1).map((r) => r[7])).toEqual(expected.map((r) => r.record_id));
    expect(listing.records.slice(1).map((r) => r[6])).toEqual(expected.map((r) => r.cited));

    // A row's name links to its page: one article.
    const article = String(gdpr[0]);
    await page.getByTestId('matrix-grid').getByRole('link', { name: article, exact: true }).click();
    await page.waitForURL((url) => url.searchParams.get('regulation') === article);
    await ready(page, 'regulations');
    // "ready" may still be the previous state's for a moment (same view): polled.
    await expect.poll(() => page.getByTestId('matrix-grid').getAttribute('data-rows')).toBe('1');
    const one = await run(citingProvisionsQuery({ asOf: null, list: 'regulations', name: article }));
    await page.getByRole('heading', { name: `Provisions citing ${article}` }).waitFor();
    await page.waitForFunction((n) => document.querySelectorAll('[data-testid="regulation-provisions"] [data-row-key]').length === Math.min(n, 50), one.length);

    await go(page, '/regulations?regulation=Nothing%20Art.%201&cellRow=x&cellColumn=y&by=sideways', 'regulations');
    await page.getByTestId('url-notes').filter({ hasText: 'Ignored regulation=' }).waitFor();
    const notes = await page.getByTestId('url-notes').innerText();
    for (const text of ['Ignored by=sideways', 'Ignored regulation=Nothing Art. 1', 'open cell']) expect(notes).toContain(text);
  });
});

describe('/agencies on the demo export', () => {
  test('the list, an agency’s remit and provisions equal the queries in Node, on screen and in the CSVs', async () => {
    const { page } = await open('/agencies', 'agencies');
    const agencies = await run(citedNamesQuery({ asOf: null, list: 'agencies' }));
    expect(agencies.length).toBeGreaterThan(3);
    const list = await downloadFrom(page, page.locator('section[aria-labelledby="list-heading"]'));
    expect(list.name).toBe('termscope-agencies.csv');
    expect(list.records).toEqual([
      ['Agency', 'Provisions', 'Platforms', 'Categories', 'Worst severity'],
      ...agencies.map((a) => [a.name, String(a.provisions), String(a.platforms), String(a.categories), KEYS[a.worst_order as number]])
    ]);

    const agency = String(agencies[0]!.name);
    await page.getByTestId('agency-list').getByRole('link', { name: agency, exact: true }).click();
    await page.waitForURL((url) => url.searchParams.get('agency') === agency);
    await ready(page, 'agencies', { agency: agency });
    await page.getByRole('heading', { level: 1, name: agency }).waitFor();
    const remit = await run(remitQuery({ asOf: null, list: 'agencies', name: agency }));
    const remitCsv = await downloadFrom(page, page.locator('section[aria-labelledby="remit-heading"]'));
    expect(remitCsv.records).toEqual([
      ['Platform', 'Platform ID', 'Category', 'Category ID', 'Worst severity', 'Provisions'],
      ...remit.map((g) => [g.platform_name, g.platform_id, g.category_name, g.category_id, KEYS[g.worst_order as number], String(g.provisions)])
    ]);
    expect(remit.reduce((n, g) => n + Number(g.provisions), 0)).toBe(agencies[0]!.provisions);
    const provisions = await run(citingProvisionsQuery({ asOf: null, list: 'agencies', name: agency }));
    const provisionsCsv = await downloadFrom(page, page.locator('section[aria-labelledby="provisions-heading"]'));
    expect(provisionsCsv.records.slice(1).map((r) => r[7])).toEqual(provisions.map((r) => r.record_id));
    expect(provisionsCsv.records[0]![6]).toBe('Named as');

    // As of a past day, the same agency: the remit of that day.
    await go(page, `/agencies?agency=${encodeURIComponent(agency)}&asOf=2022-01-01`, 'agencies');
    await ready(page, 'agencies', { 'as-of': '2022-01-01', agency });
    const past = await run(remitQuery({ asOf: '2022-01-01', list: 'agencies', name: agency }));
    // The remit is a query of its own: polled until the table shows that day's (evaluateAll does not wait).
    await expect.poll(() => rowKeys(page.getByTestId('agency-remit'))).toEqual(past.slice(0, 50).map((g) => `${g.platform_id}|${g.category_id}`));

    // A table's page is in the URL: a link to page 2 shows rows 51-100, and the next page button writes page 3.
    expect(remit.length).toBeGreaterThan(100);
    await go(page, `/agencies?agency=${encodeURIComponent(agency)}&remitPage=2`, 'agencies');
    await ready(page, 'agencies', { agency });
    const remitTable = page.getByTestId('agency-remit');
    await page.waitForFunction((first) => document.querySelector('[data-testid="agency-remit"] [data-row-key]')?.getAttribute('data-row-key') === first, `${remit[50]!.platform_id}|${remit[50]!.category_id}`);
    expect(await rowKeys(remitTable)).toEqual(remit.slice(50, 100).map((g) => `${g.platform_id}|${g.category_id}`));
    await page.getByTestId('agency-remit-wrap').getByRole('button', { name: 'Next page' }).click();
    await page.waitForURL(/remitPage=3/);
  });
});

describe('an export without regulations', () => {
  test.skipIf(!real.available)(`the imported ToS;DR sample says why both views are empty${real.available ? '' : ` (skipped: ${real.why})`}`, async () => {
    const { page } = await openLoaded('/regulations?export=tosdr', undefined, (p) => ready(p, 'regulations'));
    expect(await page.getByTestId('no-citations').innerText()).toContain('None of this export’s provisions lists a regulation');
    await go(page, '/agencies?export=tosdr', 'agencies');
    expect(await page.getByTestId('no-citations').innerText()).toContain('None of this export’s provisions lists an agency');
  });
});
