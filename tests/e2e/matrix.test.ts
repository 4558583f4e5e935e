/**
 * The severity matrix in the built app on the demo export: its cells, the provisions behind a cell and its CSV equal
 * the same queries run in Node on the same files; rows are virtualised under a header that stays in view; it works
 * with the keyboard; a tampered URL is noted, not fatal. The tests not about loading share one warm page (the matrix
 * drawn anew by client-side navigation); the tampered URL is loaded cold.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { matrixCategoriesQuery, matrixCellProvisionsQuery, matrixCellsQuery, matrixPlatformsQuery } from '../../src/lib/queries/matrix';
import type { Query } from '../../src/lib/db/types';
import type { PlatformFilter } from '../../src/lib/queries/platform-filter';
import { loadExport, type LoadedExport } from '../../scripts/lib/export-io';
import { warmApp, type WarmApp } from './app';
import { openLoaded } from './open-loaded';
import { savedDownload } from './browser';

const APP_DIR = inject('appDir');
const ANY: PlatformFilter = { sectors: [], jurisdictions: [], q: '', platforms: [] };
const KEYS = ['critical', 'high', 'medium', 'low', 'info', 'unrated'];

let demo: LoadedExport;
const run = (q: Query) => demo.db.query(q.sql, q.params);

beforeAll(async () => {
  demo = await loadExport(join(APP_DIR, 'exports', 'demo'));
});
afterAll(() => demo?.db.close());

const openMatrix = (path: string) =>
  openLoaded(path, undefined, (page) => page.locator('[data-matrix-state="ready"]').waitFor({ state: 'attached', timeout: 60_000 }));

/**
 * The matrix at `path` drawn anew on the describe's warm page (for tests not about loading): another view first, so
 * the grid's own state (scroll position, active cell) starts over, then the matrix, once ready.
 */
async function freshMatrix(warm: WarmApp, path: string) {
  await warm.goto('/platforms');
  return warm.goto(path, (page) => page.locator('[data-matrix-state="ready"]').waitFor({ state: 'attached', timeout: 60_000 }));
}

/**
 * `platform|category` -> `severity/provisions` of the cells drawn now. The grid is virtualised and draws its cells
 * once it has measured its box, which may be a frame after `data-matrix-state="ready"`: wait for the first one.
 */
async function drawnCells(page: Page): Promise<Map<string, string>> {
  await page.locator('[data-cell]').first().waitFor({ state: 'attached' });
  const cells = await page.locator('[data-cell]').evaluateAll((els) =>
    els.map((e) => [(e as HTMLElement).dataset.cell!, `${(e as HTMLElement).dataset.severity}/${(e as HTMLElement).dataset.provisions}`])
  );
  return new Map(cells as [string, string][]);
}

async function expectedCells(asOf: string | null, platforms = ANY): Promise<Map<string, string>> {
  const map = new Map<string, string>();
  for (const r of await run(matrixCellsQuery({ asOf, platforms }))) map.set(`${r.platform_id}|${r.category_id}`, `${KEYS[r.worst_order as number]}/${r.provisions}`);
  return map;
}

function checkDrawn(drawn: Map<string, string>, expected: Map<string, string>) {
  expect(drawn.size).toBeGreaterThan(0);
  for (const [key, shown] of drawn) expect(shown, key).toBe(expected.get(key) ?? 'none/0');
}

describe('matrix on the demo export', () => {
  const warm = warmApp('/compare/matrix', { handOver: true });
  test('cells equal the query in Node; rows virtualised, header kept in view while scrolling', async () => {
    const { page } = await freshMatrix(warm, '/compare/matrix');
    const grid = page.getByTestId('matrix-grid');
    const platforms = await run(matrixPlatformsQuery({ platforms: ANY }));
    const categories = await run(matrixCategoriesQuery());
    expect(await grid.getAttribute('data-rows')).toBe(String(platforms.length));
    expect(await grid.getAttribute('data-columns')).toBe(String(categories.length));
    const expected = await expectedCells(null);
    checkDrawn(await drawnCells(page), expected);
    const drawnRows = await grid.locator('[role="row"][data-platform-id]').count();
    expect(drawnRows).toBeLessThan(60); // of 300

    const header = grid.locator('[role="row"][aria-rowindex="1"]');
    const top = (await header.boundingBox())!.y;
    await grid.evaluate((el) => (el.scrollTop = el.scrollHeight / 2));
    await page.waitForFunction(() =>
      [...document.querySelectorAll('[data-testid="matrix-grid"] [role="row"][data-platform-id]')].some((r) => Number(r.getAttribute('aria-rowindex')) > 120)
    );
    expect((await header.boundingBox())!.y).toBe(top);
    checkDrawn(await drawnCells(page), expected);
  });

  test('as of a past day, filtered to a sector', async () => {
    const { page } = await freshMatrix(warm, '/compare/matrix?asOf=2023-03-31&sector=Gaming');
    await page.waitForFunction(() => document.querySelector<HTMLElement>('[data-matrix-state="ready"]')?.dataset.dataFilter?.includes('2023-03-31'));
    const platforms = { ...ANY, sectors: ['Gaming'] };
    // Only the platforms tracked by then are rows (the demo adds platforms over the years).
    const tracked = (await run(matrixPlatformsQuery({ platforms, asOf: '2023-03-31' }))).length;
    expect(tracked).toBeLessThan((await run(matrixPlatformsQuery({ platforms }))).length);
    expect(await page.getByTestId('matrix-grid').getAttribute('data-rows')).toBe(String(tracked));
    checkDrawn(await drawnCells(page), await expectedCells('2023-03-31', platforms));
  });

  test('sorting by a category puts the worst cells first (header button, keyboard)', async () => {
    const { page } = await freshMatrix(warm, '/compare/matrix');
    const button = page.getByTestId('sort-category-data_sharing');
    await button.focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(/sort=-category&by=data_sharing/);
    // The rows are re-sorted when the URL's state reaches the page: wait for the header to say so before reading them.
    await expect.poll(() => button.locator('xpath=..').getAttribute('aria-sort')).toBe('descending');
    const ranks = await page.locator('[data-cell$="|data_sharing"]').evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.severity));
    const order = ranks.map((s) => (s === 'none' ? 99 : ['critical', 'high', 'medium', 'low', 'info', 'unrated'].indexOf(s!)));
    expect(order).toEqual([...order].sort((a, b) => a - b));
  });

  test('keyboard: arrows move between cells, Enter opens the provisions behind one', async () => {
    const { page } = await freshMatrix(warm, '/compare/matrix?sort=platform');
    const first = page.locator('[data-cell][tabindex="0"]');
    await first.focus();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowDown');
    const platforms = await run(matrixPlatformsQuery({ platforms: ANY }));
    const categories = await run(matrixCategoriesQuery());
    // Focus follows the active cell once it is drawn: polled rather than read once.
    const focused = `${platforms[1]!.platform_id}|${categories[1]!.category_id}`;
    await expect.poll(() => page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.cell ?? null)).toBe(focused);
    await page.keyboard.press('Enter');
    const panel = page.getByTestId('cell-panel');
    await panel.waitFor();
    await page.waitForURL(/cellPlatform=/);
    const [platform, category] = focused.split('|') as [string, string];
    const expected = await run(matrixCellProvisionsQuery({ asOf: null, platform, category }));
    if (expected.length === 0) {
      // The panel opens before its provisions are read.
      await expect.poll(() => panel.innerText()).toContain('has no provision in this category');
    } else {
      await panel.locator('li[data-record-id]').first().waitFor();
      const ids = await panel.locator('li[data-record-id]').evaluateAll((lis) => lis.map((li) => li.getAttribute('data-record-id')));
      expect(ids).toEqual(expected.map((r) => r.record_id));
      expect(await panel.locator(`a[href="/provisions/${expected[0]!.record_id}"]`).count()).toBe(1);
    }
    // Focus went to the panel's heading; the compare link carries the category and platform.
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('cell-heading');
    expect(await panel.getByRole('link', { name: 'Open in compare' }).getAttribute('href')).toBe(`/compare?category=${category}&platform=${platform}`);
  });

  test('the CSV is the matrix as shown, every row, checked against the query in Node', async () => {
    const { page } = await freshMatrix(warm, '/compare/matrix?group=Data%20%26%20privacy&sort=platform');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download CSV' }).click()]);
    expect(download.suggestedFilename()).toBe('termscope-matrix-Data_privacy.csv');
    const records = parse(await readFile(await savedDownload(download), 'utf8'), {
      bom: true,
      cast: (value, context) => (value === '' && !context.quoting ? null : value)
    }) as (string | null)[][];
    const categories = (await run(matrixCategoriesQuery())).filter((c) => c.group_name === 'Data & privacy');
    expect(records[0]).toEqual([
      'Platform', 'Platform ID', 'Sector', 'Jurisdiction', 'Worst severity', 'Categories with provisions',
      ...categories.map((c) => String(c.name)),
      ...categories.map((c) => `${c.name} (provisions)`)
    ]);
    const platforms = await run(matrixPlatformsQuery({ platforms: ANY }));
    const cells = await expectedCells(null);
    expect(records.slice(1).map((r) => r[1])).toEqual(platforms.map((p) => p.platform_id)); // by name, as the query orders
    for (const record of records.slice(1)) {
      const id = record[1]!;
      const mine = categories.map((c) => cells.get(`${id}|${c.category_id}`));
      expect(record.slice(6, 6 + categories.length), id).toEqual(mine.map((m) => (m ? m.split('/')[0]! : null)));
      expect(record.slice(6 + categories.length), id).toEqual(mine.map((m) => (m ? m.split('/')[1]! : '0')));
      expect(record[5], id).toBe(String(mine.filter(Boolean).length));
      const worst = mine.filter(Boolean).map((m) => KEYS.indexOf(m!.split('/')[0]!));
      expect(record[4], id).toBe(worst.length === 0 ? null : KEYS[Math.min(...worst)]!);
    }
  });

  test('a tampered URL is noted and the matrix still draws', async () => {
    const app = await openMatrix('/compare/matrix?sort=sideways&by=%3Cscript%3E&columns=all&cellPlatform=x&cellCategory=y&asOf=2099-01-01&category=nope&zzz=1');
    const notes = await app.page.getByTestId('url-notes').innerText();
    for (const text of ['Ignored sort=sideways', 'Ignored by=<script>', 'Ignored columns=all', 'Ignored zzz=1', 'Ignored asOf=2099-01-01', 'category=nope', 'open cell']) {
      expect(notes).toContain(text);
    }
    expect(Number(await app.page.getByTestId('matrix-grid').getAttribute('data-rows'))).toBe(demo.manifest.tables.platforms!.rows);
    expect(app.consoleErrors).toEqual([]);
  });
});
