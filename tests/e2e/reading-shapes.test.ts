/**
 * How the views read archives shaped like the real ones, in the built app, on exports built with the builder from the
 * fixture (tests/helpers/reading-exports.ts; no shared data needed):
 *  - `wide` (ToS;DR-shaped): 256 categories with long names — the overview stays short and draws at most 20 bars,
 *    groups fold and unfold from the keyboard, the matrix draws only the columns in view under short labels with the
 *    full name as tooltip and accessible name; an 8,666-character clause starts collapsed behind "Show all"; a
 *    provision without a document shows its provenance and the source's own fields; the footer credits the source.
 *  - `unrated` (OTA-shaped): nothing rated — every view that charts severity says so instead of drawing.
 * One browser page per export, moved between views inside the app (`clientGoto`), as these tests are not about loading.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { loadExport, type LoadedExport } from '../../scripts/lib/export-io';
import { startServer, type StaticServer } from '../../scripts/serve';
import { severityByCategoryQuery } from '../../src/lib/queries/overview';
import { matrixCategoriesQuery } from '../../src/lib/queries/matrix';
import { examplesFor } from '../../src/lib/sql/examples';
import { loadExportProfile } from '../../src/lib/queries/export-profile';
import { nodeDbAdapter } from '../helpers/node-db-adapter';
import {
  buildReadingExports,
  LONG_CLAUSE_LENGTH,
  LONG_RECORD,
  UNNAMED_DOC_RECORD,
  UNRATED_RULE,
  WIDE_SOURCE,
  wideRecords
} from '../helpers/reading-exports';
import { clientGoto, warmApp } from './app';
import { finishedRuns, rowCount, settled } from './sql-console';

const APP_DIR = inject('appDir');

let work: string;
let server: StaticServer;
const node: Record<'wide' | 'unrated', LoadedExport> = {} as never;

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'termscope-reading-e2e-'));
  const dirs = await buildReadingExports(work);
  node.wide = await loadExport(dirs.wide);
  node.unrated = await loadExport(dirs.unrated);
  server = await startServer({ dir: APP_DIR, port: 0, mounts: { '/exports/wide': dirs.wide, '/exports/unrated': dirs.unrated } });
});

afterAll(async () => {
  node.wide?.db.close();
  node.unrated?.db.close();
  await server?.close();
  if (work) await rm(work, { recursive: true, force: true });
});

/**
 * One browser for the tests of a describe block, on the overview of `name` (served by this file's server) drawn from
 * the live queries: the tests move from there inside the app.
 */
function overviewOf(name: 'wide' | 'unrated') {
  const warm = warmApp(`/?export=${name}`, { appUrl: () => server.url });
  beforeAll(() => warm.session.page.locator('[data-overview-source="live"]').waitFor({ state: 'attached', timeout: 90_000 }));
  return warm;
}

const attr = (page: Page, selector: string, name: string) => page.locator(selector).first().getAttribute(name);
const height = (page: Page) => page.evaluate(() => document.documentElement.scrollHeight);

/** Presses a key on an element after focusing it, as a keyboard user would reach it. */
async function press(page: Page, selector: string, key: string) {
  await page.locator(selector).first().focus();
  await page.keyboard.press(key);
}

describe('a ToS;DR-shaped export with 256 categories', () => {
  const warm = overviewOf('wide');

  test('the overview stays short: 20 bars with short labels, folded groups, all of it a key press away', async () => {
    const { page } = warm.session;
    // Before: 26,938 px with every category drawn (measured on this export).
    expect(await height(page)).toBeLessThan(5_000);

    const chart = '[data-testid="severity-by-category-chart"]';
    await page.locator(`${chart} svg`).first().waitFor({ state: 'attached' });
    expect(await attr(page, chart, 'data-bars')).toBe('20');
    const rows = await node.wide.db.query(severityByCategoryQuery().sql, severityByCategoryQuery().params);
    const withProvisions = rows.filter((r) => Number(r.total) > 0);
    // The axis names the 20 largest categories by their short label where they have one (polled: the axis may be drawn
    // a frame after the chart's svg, and allTextContents does not wait).
    const labels = withProvisions.slice(0, 20).filter((r) => r.short_label !== null).map((r) => r.short_label);
    expect(labels.length).toBeGreaterThan(0);
    await expect.poll(() => page.locator(`${chart} .lc-axis-tick-label`).allTextContents()).toEqual(expect.arrayContaining(labels));

    await press(page, '[data-testid="bars-toggle"]', 'Enter');
    await expect.poll(() => attr(page, chart, 'data-bars')).toBe(String(withProvisions.length));
    expect(await attr(page, '[data-testid="bars-toggle"]', 'aria-expanded')).toBe('true');
    await press(page, '[data-testid="bars-toggle"]', 'Enter');
    await expect.poll(() => attr(page, chart, 'data-bars')).toBe('20');

    // Categories: 8 of the 15 groups at first, long groups folded to 5 rows; full names in text and tooltip.
    const records = wideRecords();
    const groups = new Map<string, number>();
    for (const c of records.categories) groups.set(String(c.group_name), (groups.get(String(c.group_name)) ?? 0) + 1);
    expect(await page.getByTestId('category-group').count()).toBe(8);
    const first = page.getByTestId('category-group').first();
    const group = String(await first.getAttribute('data-group'));
    const size = groups.get(group)!;
    const shown = () => first.getByTestId('category-row').count();
    expect(await shown()).toBe(size > 8 ? 5 : size);
    const name = first.locator('[data-testid="category-row"] .name').first();
    expect(await name.getAttribute('title')).toBe(await name.textContent());

    const fold = page.getByTestId('group-fold').first();
    const foldGroup = fold.locator('xpath=..');
    const foldSize = Number(await foldGroup.getAttribute('data-categories'));
    expect(await fold.getAttribute('aria-expanded')).toBe('false');
    await fold.focus();
    await page.keyboard.press('Space');
    await expect.poll(() => foldGroup.getByTestId('category-row').count()).toBe(foldSize);
    expect(await fold.getAttribute('aria-expanded')).toBe('true');

    await press(page, '[data-testid="groups-fold"]', 'Enter');
    await expect.poll(() => page.getByTestId('category-group').count()).toBe(groups.size);
  });

  test('the matrix draws the columns in view, headed by short labels with the full name as title and accessible name', async () => {
    const { page } = warm.session;
    await clientGoto(page, '/compare/matrix?export=wide&sort=platform');
    await page.locator('[data-matrix-state="ready"]').waitFor({ timeout: 90_000 });
    const grid = page.getByTestId('matrix-grid');
    expect(await grid.getAttribute('data-columns')).toBe('256');
    // The grid is virtualised: its cells are drawn once it has measured its box, which may be a frame after "ready".
    await page.locator('[data-cell]').first().waitFor({ state: 'attached' });
    const cells = await page.locator('[data-cell]').count();
    expect(cells).toBeLessThan(8 * 60); // 8 platforms × at most the columns in view and the overscan, not × 256

    const categories = await node.wide.db.query(matrixCategoriesQuery().sql);
    await page.locator('[data-testid^="sort-category-"]').first().waitFor({ state: 'attached' });
    const drawn = await page.locator('[data-testid^="sort-category-"]').evaluateAll((bs) => bs.map((b) => b.getAttribute('data-testid')!.slice('sort-category-'.length)));
    const probe = categories.find((c) => drawn.includes(String(c.category_id)) && c.short_label !== null)!;
    const button = page.getByTestId(`sort-category-${String(probe.category_id)}`);
    expect((await button.locator('.vertical').textContent())?.trim()).toBe(probe.short_label);
    expect(await button.getAttribute('aria-label')).toBe(`Sort platforms by ${String(probe.name)}`);
    expect(await button.getAttribute('title')).toContain(String(probe.name));
    expect(await page.locator('.band').first().getAttribute('title')).toBe(String(categories[0]!.group_name));

    // Keyboard: End goes to the last column, which is then drawn and focused.
    await page.locator('[data-cell][tabindex="0"]').focus();
    await page.keyboard.press('End');
    const last = categories.at(-1)!;
    await expect.poll(() => page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.cell ?? null)).toMatch(new RegExp(`\\|${String(last.category_id)}$`));
    await page.keyboard.press('Home');
    await expect.poll(() => page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.cell ?? null)).toMatch(new RegExp(`\\|${String(categories[0]!.category_id)}$`));
  });

  test('the cell panel shows a provision without a document, with its provenance', async () => {
    const { page } = warm.session;
    const raw = wideRecords().provisions.find((p) => p.record_id === UNNAMED_DOC_RECORD)!;
    await clientGoto(page, `/compare/matrix?export=wide&cellPlatform=${String(raw.platform_id)}&cellCategory=${String(raw.category_id)}`);
    const item = page.locator(`[data-testid="cell-panel"] li[data-record-id="${UNNAMED_DOC_RECORD}"]`);
    await item.waitFor({ timeout: 60_000 });
    expect(await item.innerText()).toContain('document not named by the source');
    expect(await item.getByTestId('source-rating').innerText()).toBe(raw.source_rating);
    expect(await item.getByTestId('source-record').getAttribute('href')).toBe(raw.source_url);
    expect(await item.getByTestId('classified-by').innerText()).toBe('Classified by an analyst');
  });

  test('an 8,666-character clause starts collapsed, and "Show all" opens and closes it from the keyboard', async () => {
    const { page } = warm.session;
    await clientGoto(page, `/provisions/${LONG_RECORD}?export=wide`);
    const clause = page.getByTestId('clause-text');
    await clause.waitFor({ timeout: 60_000 });
    expect(await clause.getAttribute('data-collapsed')).toBe('true');
    const collapsedText = (await clause.textContent())!;
    expect(collapsedText.length).toBeLessThanOrEqual(1001);
    const collapsedHeight = await height(page);
    expect(collapsedHeight).toBeLessThan(4_000);

    const toggle = page.getByTestId('clause-text-toggle');
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    expect(await toggle.innerText()).toBe('Show all of the clause (8,666 characters)');
    expect(await toggle.getAttribute('aria-controls')).toBe(await clause.getAttribute('id'));
    await press(page, '[data-testid="clause-text-toggle"]', 'Enter');
    await expect.poll(() => clause.getAttribute('data-collapsed')).toBe('false');
    const [row] = await node.wide.db.query('SELECT clause_text FROM provisions WHERE record_id = ?', [LONG_RECORD]);
    expect(await clause.textContent()).toBe(row!.clause_text);
    expect(String(row!.clause_text)).toHaveLength(LONG_CLAUSE_LENGTH);
    expect(await toggle.getAttribute('aria-expanded')).toBe('true');
    expect(await height(page)).toBeGreaterThan(collapsedHeight + 1_000);
    await page.keyboard.press('Enter');
    await expect.poll(() => clause.getAttribute('data-collapsed')).toBe('true');
  });

  test('a provision without a document: provenance, the source’s own fields, and the footer’s credit', async () => {
    const { page } = warm.session;
    const raw = wideRecords().provisions.find((p) => p.record_id === UNNAMED_DOC_RECORD)!;
    await clientGoto(page, `/provisions/${UNNAMED_DOC_RECORD}?export=wide`);
    const article = page.getByTestId('provision-page');
    await article.waitFor({ timeout: 60_000 });
    expect(await article.getByTestId('document-title').innerText()).toContain('Document not named by the source');
    expect(await article.getByTestId('no-document').count()).toBe(1);
    const provenance = article.getByTestId('provenance');
    expect(await provenance.getByTestId('source-rating').innerText()).toBe(raw.source_rating);
    expect(await provenance.getByTestId('source-id').innerText()).toBe(raw.source_id);
    const link = provenance.getByTestId('source-record').locator('a');
    expect(await link.getAttribute('href')).toBe(raw.source_url);
    expect(await link.getAttribute('rel')).toContain('noopener');
    const fields = await provenance.locator('[data-testid="source-fields"] dd').evaluateAll((dds) =>
      dds.map((dd) => [dd.getAttribute('data-field'), dd.textContent?.trim()])
    );
    expect(fields).toEqual([
      ['source_case', raw.source_case],
      ['source_score', String(raw.source_score)]
    ]);

    const credit = page.getByTestId('source-credit');
    expect(await credit.getByTestId('credit-name').innerText()).toBe(WIDE_SOURCE.name);
    expect(await credit.getByTestId('credit-licence').innerText()).toBe(WIDE_SOURCE.licence);
    expect(await credit.getByTestId('credit-attribution').innerText()).toBe(WIDE_SOURCE.attribution);
    expect(await credit.getByTestId('credit-source').getAttribute('href')).toBe(WIDE_SOURCE.url);
    expect(await credit.getByTestId('credit-synthetic').count()).toBe(0);
    expect(warm.session.consoleErrors).toEqual([]);
  });
});

describe('an OTA-shaped export where nothing is rated', () => {
  const warm = overviewOf('unrated');

  test('overview, timeline, compare and platform profile say there is no severity to chart', async () => {
    const { page } = warm.session;
    expect(await page.getByTestId('unrated-only').count()).toBe(2);
    expect(await page.getByTestId('severity-count').count()).toBe(0);
    expect(await page.getByTestId('severity-by-category-chart').count()).toBe(0);

    await clientGoto(page, '/timeline?export=unrated');
    await page.locator('[data-index-state="unrated"]').waitFor({ timeout: 90_000 });
    expect(await page.locator('[data-index-state] [data-testid="unrated-only"]').count()).toBe(1);

    await clientGoto(page, '/compare?export=unrated&category=data_sharing');
    await page.locator('[data-compare-state="ready"]').waitFor({ timeout: 90_000 });
    expect(await page.getByTestId('unrated-only').count()).toBe(1);
    expect(await page.getByTestId('standing-chart').count()).toBe(0);

    await clientGoto(page, '/platforms/pinwheel?export=unrated');
    await page.getByTestId('platform-page').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('unrated-only').innerText()).toContain('None of Pinwheel Social’s');
    expect(await page.getByTestId('severity-profile-chart').count()).toBe(0);
  });

  test('a rule-found provision says so', async () => {
    const { page } = warm.session;
    await clientGoto(page, '/provisions/FX-P-001?export=unrated');
    await page.getByTestId('provision-page').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('classified-by').innerText()).toBe(`Found by a text rule (${UNRATED_RULE}), not classified by a person`);
  });

  test('the SQL examples are this export’s, and one of them runs from the library', async () => {
    const { page } = warm.session;
    await clientGoto(page, '/sql?export=unrated');
    await page.locator('[data-testid="examples"][data-examples="export"]').waitFor({ timeout: 60_000 });
    const expected = examplesFor(await loadExportProfile(nodeDbAdapter(node.unrated.db), node.unrated.tables));
    const names = await page.getByTestId('examples').locator('button').allInnerTexts();
    expect(names).toEqual(expected.map((e) => e.name));
    const example = expected.find((e) => e.name === 'Provisions found by each text rule')!;
    await page.getByTestId('examples').getByRole('button', { name: example.name }).click();
    const before = await finishedRuns(page);
    await page.getByTestId('sql-input').click();
    await page.keyboard.press('ControlOrMeta+Enter');
    expect(await settled(page, before)).toBe('done');
    expect(await rowCount(page)).toBe((await node.unrated.db.query(example.sql)).length);
    expect(warm.session.consoleErrors).toEqual([]);
  });
});
