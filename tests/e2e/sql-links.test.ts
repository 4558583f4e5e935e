/**
 * "Open in SQL console" from the views, and shared console links, in Chromium over the built app and the demo export:
 * each link carries exactly the statement the view's builder makes for the state the view shows (its parameters
 * inlined), following it lands on /sql, the console runs it on open, and its rows are those Node DuckDB gives for the
 * same statement over the same files — and, where the view lists rows, those the view shows. A shared link runs on
 * open (a damaged one runs nothing, a writing one is refused); the result chart's type and columns survive a reload.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { loadExport } from '../../scripts/lib/export-io';
import type { NodeDb } from '../../scripts/lib/duckdb-node';
import { BUILD_DIR } from '../../scripts/start';
import { CHANGES_PAGE_SIZE } from '../../src/lib/changes/params';
import { platformHref } from '../../src/lib/compare/links';
import type { Row } from '../../src/lib/db/values';
import { changesQuery } from '../../src/lib/queries/changes';
import { compareQuery } from '../../src/lib/queries/compare';
import { matrixCellProvisionsQuery } from '../../src/lib/queries/matrix';
import { severityCountsQuery } from '../../src/lib/queries/overview';
import { platformProvisionsQuery } from '../../src/lib/queries/platform';
import { timelineDeltasQuery } from '../../src/lib/queries/timeline';
import { cellText } from '../../src/lib/sql/cell-text';
import { inlineParams } from '../../src/lib/sql/inline-params';
import { decodeQuery, encodeQuery } from '../../src/lib/sql/share';
import { clientGoto, warmApp } from './app';
import { waitForDb } from './browser';
import { openLoaded } from './open-loaded';
import { waitForView } from './view-state';
import { gridHeaders, gridRows, rowCount, settled } from './sql-console';

let node: NodeDb;
beforeAll(async () => {
  node = (await loadExport(join(BUILD_DIR, 'exports', 'demo'))).db;
});
afterAll(() => node?.close());

const one = (db: NodeDb, sql: string) => db.query(sql).then((rows) => String(Object.values(rows[0]!)[0]));

/** A cell as the console's grid writes it (numbers in the reader's locale, whitespace as rendered). */
function shown(value: Row[string]): string {
  const text = value === null ? 'NULL' : typeof value === 'number' ? cellText(value, 'number') : cellText(value);
  return text.replace(/\s+/g, ' ').trim();
}

/** The statement in an "Open in SQL console" link. */
async function linkedSql(page: Page, what: string): Promise<string> {
  const link = page.getByRole('link', { name: `Open in SQL console: ${what}` });
  await link.waitFor({ timeout: 60_000 });
  const href = (await link.getAttribute('href'))!;
  const decoded = decodeQuery(new URL(href, page.url()).searchParams.get('q') ?? '');
  if (!('sql' in decoded)) throw new Error(`The link of "${what}" is damaged: ${decoded.error}`);
  return decoded.sql;
}

/**
 * Follows the link, and checks the console ran its statement on open and shows the rows Node DuckDB gives for it.
 * Returns those rows.
 */
async function followAndCompare(page: Page, what: string, sql: string): Promise<Row[]> {
  await page.getByRole('link', { name: `Open in SQL console: ${what}` }).click();
  await page.waitForURL(/\/sql\?/).catch((error: unknown) => {
    throw new Error(`The click on "Open in SQL console: ${what}" did not lead to /sql (the page is at ${page.url()}): ${String(error)}`);
  });
  expect(await settled(page, 0, 90_000)).toBe('done');
  // The console holds the statement (the editor draws only the lines in view; its URL has all of it).
  expect(decodeQuery(new URL(page.url()).searchParams.get('q') ?? '')).toEqual({ sql });
  const expected = await node.query(sql);
  expect(await rowCount(page)).toBe(expected.length);
  if (expected.length > 0) {
    expect(await gridHeaders(page)).toEqual(Object.keys(expected[0]!));
    const rendered = await gridRows(page);
    expect(rendered.length).toBeGreaterThan(0);
    expect(rendered.map((r) => r.map((c) => c.replace(/\s+/g, ' ').trim()))).toEqual(
      expected.slice(0, rendered.length).map((r) => Object.values(r).map(shown))
    );
  }
  return expected;
}

const attr = (page: Page, selector: string, name: string) => page.locator(selector).first().getAttribute(name);

describe('Open in SQL console, from the views', () => {
  const warm = warmApp('/', { handOver: true });

  test('overview: the severity counts', async () => {
    const { page } = await warm.goto('/', (p) => p.locator('[data-overview-source="live"]').waitFor({ timeout: 60_000 }));
    const sql = await linkedSql(page, 'provisions by severity');
    expect(sql).toBe(inlineParams(severityCountsQuery(null)));
    const rows = await followAndCompare(page, 'provisions by severity', sql);
    expect(rows.length).toBeGreaterThan(1);
  });

  test('compare: the statement of the filter the page shows, as of a day', async () => {
    const category = await one(node, 'SELECT category_id FROM provisions GROUP BY ALL ORDER BY count(DISTINCT platform_id) DESC, 1 LIMIT 1');
    const asOf = await one(node, "SELECT strftime(max(valid_from) - INTERVAL 90 DAY, '%Y-%m-%d') FROM provision_versions");
    const { page } = await warm.goto(`/compare?category=${category}&asOf=${asOf}&severity=high&severity=critical`, (p) =>
      p.locator('[data-compare-state="ready"]').waitFor({ timeout: 60_000 })
    );
    const filter = JSON.parse((await attr(page, '[data-rows-filter]', 'data-rows-filter'))!);
    expect(filter).toMatchObject({ category, asOf, severities: ['critical', 'high'] });
    const sql = await linkedSql(page, 'the platforms compared and their provisions');
    expect(sql).toBe(inlineParams(compareQuery(filter)));
    expect((await followAndCompare(page, 'the platforms compared and their provisions', sql)).length).toBeGreaterThan(0);
  });

  test('timeline: the changes per period under the chart', async () => {
    const { page } = await warm.goto('/timeline', (p) => waitForView(p, 'timeline', 'seriesKey'));
    const spec = JSON.parse((await attr(page, '[data-timeline-key]', 'data-timeline-key'))!);
    const sql = await linkedSql(page, 'the changes per period the chart adds up');
    expect(sql).toBe(inlineParams(timelineDeltasQuery(spec)));
    expect((await followAndCompare(page, 'the changes per period the chart adds up', sql)).length).toBeGreaterThan(0);
  });

  test('changes: the page of the feed, row for row', async () => {
    const { page } = await warm.goto('/changes?page=2', (p) => waitForView(p, 'changes'));
    const key = (await attr(page, '[data-changes-key]', 'data-changes-key'))!;
    const [specJson, index] = [key.slice(0, key.lastIndexOf('|')), Number(key.slice(key.lastIndexOf('|') + 1))];
    expect(index).toBe(1);
    const sql = await linkedSql(page, 'this page of changes');
    expect(sql).toBe(inlineParams(changesQuery(JSON.parse(specJson), { limit: CHANGES_PAGE_SIZE, offset: CHANGES_PAGE_SIZE })));
    const feed = await page.getByTestId('change-row').evaluateAll((trs) => trs.map((tr) => `${(tr as HTMLElement).dataset.record} v${(tr as HTMLElement).dataset.version}`));
    const rows = await followAndCompare(page, 'this page of changes', sql);
    expect(rows.map((r) => `${r.record_id} v${r.version}`)).toEqual(feed);
  });

  test('matrix cell panel: the provisions of the open cell, as listed', async () => {
    const [cell] = await node.query(
      "SELECT platform_id, category_id FROM provisions WHERE status = 'active' GROUP BY ALL ORDER BY count(*) DESC, 1, 2 LIMIT 1"
    );
    // The grid is drawn too before the link is clicked: it draws its cells a frame after "ready", once it has measured
    // its box, and the page may move under a click made before (a click that reached no link was seen once).
    const { page } = await warm.goto(`/compare/matrix?cellPlatform=${cell!.platform_id}&cellCategory=${cell!.category_id}`, async (p) => {
      await p.locator('[data-matrix-state="ready"]').waitFor({ state: 'attached', timeout: 60_000 });
      await p.locator('[data-cell]').first().waitFor({ state: 'attached', timeout: 60_000 });
      await p.locator('[data-testid="cell-panel"] li[data-record-id]').first().waitFor({ timeout: 60_000 });
      await p.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
    });
    const listed = await page.locator('[data-testid="cell-panel"] li[data-record-id]').evaluateAll((lis) => lis.map((li) => (li as HTMLElement).dataset.recordId));
    const sql = await linkedSql(page, 'the provisions of this cell');
    expect(sql).toBe(inlineParams(matrixCellProvisionsQuery({ asOf: null, platform: String(cell!.platform_id), category: String(cell!.category_id) })));
    const rows = await followAndCompare(page, 'the provisions of this cell', sql);
    expect(rows.map((r) => r.record_id)).toEqual(listed);
  });

  test('platform page: its provisions', async () => {
    const id = await one(node, 'SELECT platform_id FROM provisions GROUP BY ALL ORDER BY count(*) DESC, 1 LIMIT 1');
    const { page } = await warm.goto(platformHref('', id, null), (p) => p.locator(`[data-testid="platform-page"][data-platform-id="${id}"]`).waitFor({ timeout: 60_000 }));
    const sql = await linkedSql(page, "the platform's provisions");
    expect(sql).toBe(inlineParams(platformProvisionsQuery(id)));
    const rows = await followAndCompare(page, "the platform's provisions", sql);
    expect(rows.length).toBe(Number(await one(node, `SELECT count(*) FROM provisions WHERE platform_id = '${id.replaceAll("'", "''")}'`)));
  });
});

const SERIES = `SELECT date_trunc('month', valid_from)::DATE AS month, severity, count(*) AS changes
FROM provision_versions WHERE valid_from IS NOT NULL AND severity IN ('high', 'critical') GROUP BY ALL ORDER BY month, severity`;

/** `/sql` opening `sql`, with more search params. */
const consoleUrl = (sql: string, more = '') => `/sql?q=${encodeQuery(sql)}${more}`;

const openConsoleAt = (path: string) => openLoaded(path);

describe('shared console links', () => {
  // Opening a link cold is the first test's business; the others follow links inside a warm app, as a link clicked in
  // another view is followed (the console is drawn anew, from the URL, each time).
  const linked = warmApp('/platforms', { handOver: true });
  const followLink = async (path: string) => {
    await linked.goto('/platforms');
    return linked.goto(path);
  };

  test('a shared link runs its query on open, and its chart survives a reload', async () => {
    const { page } = await openConsoleAt(consoleUrl(SERIES, '&chart=area&x=month&y=changes&color=severity'));
    expect(await settled(page, 0, 90_000)).toBe('done');
    expect(await rowCount(page)).toBe((await node.query(SERIES)).length);
    // The link's chart: on the Chart tab, of the type and columns it names.
    const chart = page.getByTestId('result-chart');
    await chart.locator('svg').first().waitFor();
    expect(await chart.getAttribute('data-chart-type')).toBe('area');
    expect(await page.getByTestId('chart-color').locator('option:checked').innerText()).toBe('severity');

    // Choosing writes the URL; a reload restores it once the result is back.
    await page.getByTestId('chart-type').selectOption('bar');
    await page.getByTestId('chart-color').selectOption({ label: 'none' });
    await expect.poll(() => new URL(page.url()).searchParams.toString()).toContain('chart=bar&x=month&y=changes&color=');
    expect(decodeQuery(new URL(page.url()).searchParams.get('q')!)).toEqual({ sql: SERIES });
    await page.reload();
    await waitForDb(page);
    expect(await settled(page, 0, 90_000)).toBe('done');
    await page.getByTestId('result-chart').locator('svg').first().waitFor();
    expect(await page.getByTestId('result-chart').getAttribute('data-chart-type')).toBe('bar');
    expect(await page.getByTestId('chart-color').locator('option:checked').innerText()).toBe('none');
    expect(await page.getByTestId('url-notes').count()).toBe(0);
  });

  test('chart values that do not fit the result are named and ignored', async () => {
    const { page } = await followLink(consoleUrl(SERIES, '&chart=pie&y=severity&x=nope'));
    expect(await settled(page, 0, 90_000)).toBe('done');
    const notes = page.getByTestId('url-notes');
    await notes.waitFor();
    expect(await notes.innerText()).toContain('Ignored chart=pie: not a chart type');
    expect(await notes.innerText()).toContain('Ignored y=severity: y must be a numeric column');
    expect(await notes.innerText()).toContain('Ignored x=nope: the result has no column of that name');
    // The defaults for this result (a date column: a line of the first number by month).
    await page.getByTestId('result-chart').locator('svg').first().waitFor();
    expect(await page.getByTestId('result-chart').getAttribute('data-chart-type')).toBe('line');
    // The URL now says what is drawn.
    await expect.poll(() => new URL(page.url()).searchParams.get('chart')).toBe('line');
  });

  test('a link followed from the console itself runs its query, and Back runs the one before', async () => {
    const { page } = await followLink(consoleUrl('SELECT 41 AS first_link'));
    expect(await settled(page, 0, 90_000)).toBe('done');
    expect(await gridHeaders(page)).toEqual(['first_link']);
    // From /sql to /sql: the console is drawn anew from the new URL (the old one's result must not stay).
    await linked.goto(consoleUrl('SELECT 42 AS second_link'));
    await expect.poll(() => gridHeaders(page), { timeout: 90_000 }).toEqual(['second_link']);
    expect(decodeQuery(new URL(page.url()).searchParams.get('q') ?? '')).toEqual({ sql: 'SELECT 42 AS second_link' });
    await page.goBack();
    await expect.poll(() => gridHeaders(page), { timeout: 90_000 }).toEqual(['first_link']);
    expect(decodeQuery(new URL(page.url()).searchParams.get('q') ?? '')).toEqual({ sql: 'SELECT 41 AS first_link' });
  });

  test('a damaged link says so and runs nothing; a link to a writing statement is refused by the guard', async () => {
    const damaged = await followLink('/sql?q=N4Ig%24%24broken');
    await damaged.page.getByTestId('schema-table-provisions').waitFor();
    expect(await damaged.page.getByTestId('link-error').innerText()).toContain('could not be read');
    expect(await damaged.page.getByTestId('sql-status').getAttribute('data-finished')).toBe('0');
    expect(await damaged.page.getByTestId('sql-status').getAttribute('data-status')).toBe('idle');

    const writing = await followLink(consoleUrl('DELETE FROM provisions'));
    expect(await settled(writing.page, 0, 90_000)).toBe('error');
    expect(await writing.page.getByTestId('sql-error').innerText()).toContain('Permission Error: the console is read-only');

    // A linked query that runs long shows the running clock and stops on Cancel, as a typed one does. (From another
    // view, as links are followed: the console's page is drawn anew.)
    await clientGoto(writing.page, '/platforms');
    await clientGoto(writing.page, consoleUrl('SELECT count(*) FROM range(10000000000) t(i) WHERE i % 7 = 3'));
    await writing.page.waitForFunction(() => /Running… [\d.]+ s/.test(document.querySelector('[data-testid="sql-status"]')?.textContent ?? ''), undefined, {
      timeout: 60_000
    });
    await writing.page.getByTestId('cancel-button').click();
    expect(await settled(writing.page, 0)).toBe('cancelled');
  });
});
