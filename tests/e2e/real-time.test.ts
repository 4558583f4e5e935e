/**
 * Time and counting on real archives, in the built app. "Today" is the export's `data_as_of`, not the calendar's
 * day: the ToS;DR 2021 sample is shown as of 2021-01-09 and never called "today"; the Open Terms Archive timeline
 * ends on 2026-08-22 and /changes opens on a period that holds changes (an empty one names the nearest change and
 * leads there). As-of denominators count only the platforms tracked by that day. Platforms without a provision are
 * folded when they outnumber the others, an all-empty sector axis is not drawn, junk names do not sort first.
 *
 * The real samples (../shared/data, imported by global-setup) are skipped, saying why, when absent; a small export
 * built here from the fixture — junk names, twelve empty platforms, no sectors, a history that ends long before its
 * data_as_of — covers the same rules without them. One page per export: the tests of a group share it.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import type { LoadedExport } from '../../scripts/lib/export-io';
import { startServer, type StaticServer } from '../../scripts/serve';
import { resolvePeriod } from '../../src/lib/changes/range';
import { compareNames } from '../../src/lib/format/sort-name';
import { formatDay } from '../../src/lib/format/date';
import { changeNeighboursQuery, changesCountQuery, type ChangeSpec } from '../../src/lib/queries/changes';
import { loadCompare } from '../../src/lib/queries/compare';
import { historyExtentQuery } from '../../src/lib/queries/timeline';
import { NO_FILTER } from '../../src/lib/queries/version-filters';
import { TABLE_NAMES, type TableName } from '../../src/lib/contract/schema';
import { exportToday } from '../../src/lib/time/today';
import { buildEditedFixture, type EditedFixture, type Rec } from '../helpers/edited-fixture';
import { nodeDbAdapter } from '../helpers/node-db-adapter';
import { ANY, trackedBy } from '../queries/compare-expected';
import { clientGoto, type AppSession } from './app';
import { assertSameOrigin, launchBrowser, waitForDb } from './browser';
import { realExportSession } from './real-export-session';

const real = inject('realExports');
const APP_DIR = inject('appDir');
const TIMEOUT = 90_000;

/** The value of `attribute` on the element carrying it, once `done` accepts it. */
async function attributeWhen(page: Page, selector: string, attribute: string, done: (value: string) => boolean): Promise<string> {
  let last: string | null = null;
  await expect
    .poll(async () => (last = await page.locator(selector).first().getAttribute(attribute).catch(() => null)), { timeout: TIMEOUT, interval: 100 })
    .toSatisfy((v: string | null) => v !== null && done(v));
  return last!;
}

const settled = (page: Page, view: string) => attributeWhen(page, `[data-${view}-state]`, `data-${view}-state`, (v) => v !== 'loading');

/** Every record of a loaded export, instants as ISO strings: the shape the plain references read. */
async function recordsOf(node: LoadedExport): Promise<(table: TableName) => Rec[]> {
  const tables = new Map<TableName, Rec[]>();
  for (const table of TABLE_NAMES.filter((t) => node.tables.includes(t))) {
    const rows = await node.db.query(`SELECT * FROM ${table}`);
    tables.set(table, rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, v instanceof Date ? v.toISOString() : v]))));
  }
  return (table) => tables.get(table) ?? [];
}

/** Rows of the compare table in order (their platform ids). */
const tableKeys = (page: Page) =>
  page.locator('[data-testid="compare-table"] [data-row-key]').evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.rowKey!));

/** The text a reader sees of the parts of a view that name its state (headings, coverage, controls, notes). */
const framingText = (page: Page, view: string) =>
  page.locator(`.${view} > header, .${view} h2, .${view} [data-testid="coverage"], .${view} [data-testid="as-of"], [data-testid="url-notes"]`).allInnerTexts();

describe.skipIf(!real.available)(`the real ToS;DR sample, data as of 2021-01-09${real.available ? '' : ` (skipped: ${real.why})`}`, () => {
  const opened = realExportSession('tosdr', '/?export=tosdr', { timeout: TIMEOUT });
  let locale: string;

  beforeAll(async () => {
    expect(exportToday(opened.node.manifest)).toBe('2021-01-09');
    locale = await opened.session.page.evaluate(() => navigator.language);
  });

  test('the overview is as of 2021-01-09 (latest in this export), and never "today"', async () => {
    const { page } = opened.session;
    await attributeWhen(page, '[data-overview-source]', 'data-overview-source', (v) => v === 'live');
    expect(await page.locator('[data-today]').first().getAttribute('data-today')).toBe('2021-01-09');
    expect(await page.locator('.lede').innerText()).toContain(`as of ${formatDay('2021-01-09', locale)} (latest in this export)`);
    const input = page.getByTestId('as-of').locator('input');
    // No history in this export: the input shows the export's day, offers nothing later, and is disabled.
    expect([await input.inputValue(), await input.getAttribute('max'), await input.isDisabled()]).toEqual(['2021-01-09', '2021-01-09', true]);
    for (const text of await framingText(page, 'overview')) expect(text).not.toMatch(/\btoday\b/i);
  });

  test('compare says as of 2021-01-09 and not "today"; no sector at all draws no sector chart', async () => {
    const { page } = opened.session;
    // A category whose provisions all name their document (reading unnamed documents is another change's work).
    const [pick] = await opened.node.db.query(`SELECT category_id FROM provisions WHERE status = 'active' GROUP BY category_id
      HAVING count(*) FILTER (WHERE document_id IS NULL) = 0 ORDER BY count(DISTINCT platform_id) DESC, category_id LIMIT 1`);
    await clientGoto(page, `/compare?export=tosdr&category=${String(pick!.category_id)}`);
    expect(await settled(page, 'compare')).toBe('ready');
    expect(await page.locator('[data-compare-state]').getAttribute('data-today')).toBe('2021-01-09');
    const scope = await page.getByTestId('coverage').locator('.scope').innerText();
    expect(scope).toContain(`as of ${formatDay('2021-01-09', locale)} (latest in this export)`);
    for (const text of await framingText(page, 'compare')) expect(text).not.toMatch(/\btoday\b/i);
    expect(await page.getByTestId('sector-chart-note').innerText()).toBe('No platform compared has a sector in this export, so there is no chart by sector.');
    expect(await page.getByTestId('sector-chart').count()).toBe(0);
  });

  test('compare folds the platforms without a provision when they outnumber the others, and shows them on demand', async () => {
    const { page } = opened.session;
    const rows = await loadCompare(nodeDbAdapter(opened.node.db), { category: 'biometric_data', asOf: null, platforms: ANY, severities: [] });
    const found = rows.filter((r) => r.provisions > 0).map((r) => r.platform_id);
    expect(found.length).toBeGreaterThan(0);
    expect(rows.length - found.length).toBeGreaterThan(found.length);
    await clientGoto(page, '/compare?export=tosdr&category=biometric_data');
    await attributeWhen(page, '[data-compare-state="ready"]', 'data-rows-filter', (v) => v.includes('biometric_data'));
    const note = page.locator('[data-testid="coverage"] ~ [data-testid="fold-note"]');
    expect([await note.getAttribute('data-folded'), await note.getAttribute('data-count')]).toEqual(['true', String(rows.length - found.length)]);
    expect(await tableKeys(page)).toEqual(found);
    expect(await page.getByTestId('standing-chart-hidden').innerText()).toContain(`no provision (${rows.length - found.length})`);
    // The absent platforms stay named under the coverage, and one click brings them back everywhere.
    expect(await page.getByTestId('absent-platforms').locator('a').count()).toBe(rows.length - found.length);
    await note.getByRole('button', { name: 'Show them' }).click();
    await page.waitForURL(/showEmpty=true/);
    await expect.poll(() => tableKeys(page), { timeout: TIMEOUT }).toEqual(rows.map((r) => r.platform_id));
    expect(await page.getByTestId('standing-chart-hidden').count()).toBe(0);
  });

  test('the matrix is as of 2021-01-09 (latest in this export), and folds the empty rows of one category', async () => {
    const { page } = opened.session;
    await clientGoto(page, '/compare/matrix?export=tosdr&category=biometric_data');
    expect(await settled(page, 'matrix')).toBe('ready');
    expect(await page.locator('#matrix-heading').innerText()).toMatch(new RegExp(`, as of ${formatDay('2021-01-09', locale)} \\(latest in this export\\)$`));
    for (const text of await framingText(page, 'matrix')) expect(text).not.toMatch(/\btoday\b/i);
    const count = async (sql: string) => Number((await opened.node.db.query(sql))[0]!.n);
    const total = await count('SELECT count(*) AS n FROM platforms');
    const having = await count("SELECT count(DISTINCT platform_id) AS n FROM provisions WHERE status = 'active' AND category_id = 'biometric_data'");
    const grid = page.getByTestId('matrix-grid');
    expect(await grid.getAttribute('data-rows')).toBe(String(having));
    expect(await page.getByTestId('fold-note').getAttribute('data-count')).toBe(String(total - having));
    await page.getByTestId('fold-note').getByRole('button', { name: 'Show them' }).click();
    await expect.poll(() => grid.getAttribute('data-rows'), { timeout: TIMEOUT }).toBe(String(total));
    expect(opened.session.consoleErrors).toEqual([]);
    assertSameOrigin(opened.session, opened.session.appUrl);
  });
});

describe.skipIf(!real.available)(`the real Open Terms Archive bundle, data as of 2026-08-22${real.available ? '' : ` (skipped: ${real.why})`}`, () => {
  const opened = realExportSession('ota', '/timeline?export=ota', { timeout: TIMEOUT });
  let records: (table: TableName) => Rec[];
  let lastChange: string;
  const TODAY = '2026-08-22';
  const EARLY = '2025-12-01';

  beforeAll(async () => {
    const { node } = opened;
    expect(exportToday(node.manifest)).toBe(TODAY);
    records = await recordsOf(node);
    lastChange = String((await node.db.query(historyExtentQuery().sql))[0]!.last_day);
  }, TIMEOUT);

  test('the timeline ends on 2026-08-22, offers nothing later, and draws no "No sector" line', async () => {
    const { page } = opened.session;
    expect(await settled(page, 'timeline')).toBe('ready');
    const spec = JSON.parse(await attributeWhen(page, '[data-timeline-key]', 'data-timeline-key', () => true)) as { to: string };
    expect(spec.to).toBe(TODAY);
    const to = page.getByTestId('range-to');
    expect([await to.inputValue(), await to.getAttribute('max')]).toEqual([TODAY, TODAY]);
    // Nothing in this import is rated, so the severity index is a note ("No severity to chart"), not a chart: no line
    // at all, and so no "No sector" line.
    await attributeWhen(page, '[data-index-state]', 'data-index-state', (v) => v === 'unrated');
    expect(await page.locator('[data-index-state] [data-testid="unrated-only"]').count()).toBe(1);
    expect(await page.getByTestId('index-one-sector').count()).toBe(0);
  });

  test('/changes opens on the year up to 2026-08-22, which holds changes, as many as the query counts in Node', async () => {
    const { page } = opened.session;
    await clientGoto(page, '/changes?export=ota');
    expect(await settled(page, 'changes')).toBe('ready');
    const period = resolvePeriod({ from: null, to: null }, TODAY, lastChange);
    expect(period).toEqual({ from: '2025-08-23', to: TODAY, notes: [] });
    const spec: ChangeSpec = { filter: NO_FILTER, from: period.from, to: period.to, kinds: [] };
    const changes = Number((await opened.node.db.query(changesCountQuery(spec).sql, changesCountQuery(spec).params))[0]!.changes);
    expect(changes).toBeGreaterThan(0);
    expect(await page.locator('[data-changes-state]').getAttribute('data-changes-key')).toBe(`${JSON.stringify(spec)}|0`);
    expect(await page.locator('#feed-h').innerText()).toMatch(new RegExp(`^${changes.toLocaleString('en-US')} changes?$`));
    expect(await page.getByTestId('no-change').count()).toBe(0);
  });

  test('an empty period names the last change before it and leads to the year up to it', async () => {
    const { page } = opened.session;
    const empty: ChangeSpec = { filter: NO_FILTER, from: '2026-08-21', to: TODAY, kinds: [] };
    const [expected] = await opened.node.db.query(changeNeighboursQuery(empty).sql, changeNeighboursQuery(empty).params);
    expect(expected).toEqual({ before_day: lastChange, after_day: null });
    await clientGoto(page, `/changes?export=ota&from=${empty.from}&to=${empty.to}`);
    const note = page.getByTestId('no-change');
    await attributeWhen(page, '[data-testid="no-change"]', 'data-settled', (v) => v === 'true');
    expect(await note.getAttribute('data-before')).toBe(lastChange);
    expect(await page.getByTestId('show-after').count()).toBe(0);
    await page.getByTestId('show-before').click();
    const year = resolvePeriod({ from: null, to: null }, lastChange, null);
    await page.waitForURL((url) => url.searchParams.get('from') === year.from && url.searchParams.get('to') === lastChange);
    await attributeWhen(page, '[data-changes-state="ready"]', 'data-shown-key', (v) => v.includes(`"to":"${lastChange}"`));
    expect(await page.getByTestId('no-change').count()).toBe(0);
  });

  test(`as of ${EARLY}, compare, the matrix and the overview count only the platforms tracked by then`, async () => {
    const { page } = opened.session;
    const tracked = trackedBy(records, EARLY);
    const all = records('platforms').length;
    // Meta AI (2026-01-21) and Vibe (2026-07-10) came later.
    expect(tracked.size).toBeLessThan(all);
    expect(tracked.has('meta-ai') || tracked.has('vibe')).toBe(false);

    await clientGoto(page, `/compare?export=ota&asOf=${EARLY}`);
    await attributeWhen(page, '[data-compare-state="ready"]', 'data-rows-filter', (v) => v.includes(EARLY));
    expect(await page.getByTestId('coverage').getAttribute('data-total')).toBe(String(tracked.size));
    const locale = await page.evaluate(() => navigator.language);
    expect(await page.getByTestId('coverage').locator('.scope').innerText()).toMatch(new RegExp(`, as of ${formatDay(EARLY, locale)}\\.$`));
    await clientGoto(page, '/compare?export=ota');
    await attributeWhen(page, '[data-compare-state="ready"]', 'data-rows-filter', (v) => v.includes('"asOf":null'));
    expect(await page.getByTestId('coverage').getAttribute('data-total')).toBe(String(all));
    expect(await page.getByTestId('coverage').locator('.scope').innerText()).toContain(`as of ${formatDay(TODAY, locale)} (latest in this export)`);

    await clientGoto(page, `/compare/matrix?export=ota&asOf=${EARLY}&showEmpty=true`);
    await attributeWhen(page, '[data-matrix-state="ready"]', 'data-data-filter', (v) => v.includes(EARLY));
    expect(await page.getByTestId('matrix-grid').getAttribute('data-rows')).toBe(String(tracked.size));

    await clientGoto(page, `/?export=ota&asOf=${EARLY}`);
    await page.locator(`[data-overview-source="live"][data-overview-as-of="${EARLY}"]`).waitFor({ state: 'attached', timeout: TIMEOUT });
    const totals = await page.getByTestId('category-row').evaluateAll((els) => [...new Set(els.map((e) => (e as HTMLElement).dataset.platformTotal))]);
    expect(totals).toEqual([String(tracked.size)]);
    expect(opened.session.consoleErrors).toEqual([]);
    assertSameOrigin(opened.session, opened.session.appUrl);
  });
});

describe('a small export shaped like a real archive (built here; no shared data needed)', () => {
  /** Junk names, twelve platforms with nothing, no sectors; data as of 2026-12-31, over a year after the last change. */
  const RENAMED: Record<string, string> = { kestrelgram: ' Kestrelgram', bazaarly: '!Bazaarly', tradewick: '[SPAM TO BE DELETED] Tradewick', murmurly: '“Murmurly”' };
  const EMPTY: Rec[] = [
    ...Array.from({ length: 11 }, (_, i) => ({ platform_id: `empty-${i}`, name: `Zz Empty ${i}`, sector: null, jurisdiction: null, website: null })),
    { platform_id: 'qqq', name: '???', sector: null, jurisdiction: null, website: null }
  ];
  const DATA_AS_OF = '2026-12-31';
  let edited: EditedFixture;
  let server: StaticServer;
  let session: AppSession;

  beforeAll(async () => {
    edited = await buildEditedFixture(
      { platforms: (records) => [...records.map((p) => ({ ...p, sector: null, name: RENAMED[p.platform_id as string] ?? p.name })), ...EMPTY] },
      { dataAsOf: DATA_AS_OF }
    );
    server = await startServer({ dir: APP_DIR, port: 0, mounts: { '/exports/sparse': edited.dir } });
    session = { ...(await launchBrowser()), appUrl: server.url };
    await session.page.goto(`${server.url}/changes?export=sparse`);
    await waitForDb(session.page, { consoleErrors: session.consoleErrors, timeout: TIMEOUT });
  }, 2 * TIMEOUT);
  afterAll(async () => {
    await session?.close();
    await server?.close();
    await edited?.remove();
  });

  test('/changes opens on the year up to the last change, not on the empty year up to data_as_of', async () => {
    const { page } = session;
    expect(await settled(page, 'changes')).toBe('ready');
    // The fixture's last change is on 2025-09-01; its year up to 2026-12-31 would be empty.
    const key = await page.locator('[data-changes-state]').getAttribute('data-changes-key');
    expect(JSON.parse(key!.replace(/\|0$/, ''))).toMatchObject({ from: '2024-09-02', to: '2025-09-01' });
    expect(await page.getByTestId('no-change').count()).toBe(0);
    expect(Number((await page.locator('#feed-h').innerText()).split(' ')[0])).toBeGreaterThan(0);
  });

  test('compare folds the empty platforms, draws no sector chart, and sorts junk names by their first letter', async () => {
    const { page } = session;
    await clientGoto(page, '/compare?export=sparse&category=ai_training_data&sort=platform');
    await attributeWhen(page, '[data-compare-state="ready"]', 'data-rows-filter', (v) => v.includes('ai_training_data'));
    expect(await page.locator('[data-compare-state]').getAttribute('data-today')).toBe(DATA_AS_OF);
    expect(await page.getByTestId('sector-chart-note').count()).toBe(1);
    // ai_training_data: 5 of the fixture's platforms have one; 3 of them do not, nor do the 12 added.
    const note = page.locator('[data-testid="coverage"] ~ [data-testid="fold-note"]');
    expect([await note.getAttribute('data-folded'), await note.getAttribute('data-count')]).toEqual(['true', '15']);
    expect(await tableKeys(page)).toHaveLength(5);
    await note.getByRole('button', { name: 'Show them' }).click();
    await expect.poll(async () => (await tableKeys(page)).length, { timeout: TIMEOUT }).toBe(edited.rows('platforms').length);
    const names = new Map(edited.rows('platforms').map((p) => [String(p.platform_id), String(p.name)]));
    const shown = (await tableKeys(page)).map((id) => names.get(id)!);
    expect(shown).toEqual([...names.values()].sort(compareNames));
    expect(shown.slice(0, 3)).toEqual(['!Bazaarly', 'Chattersmith', ' Kestrelgram']);
    expect(shown.at(-1)).toBe('???');
    // And the platforms named under the coverage.
    const options = await page.locator('[data-testid="coverage"] [data-platform-id]').evaluateAll((els) => els.map((e) => e.textContent ?? ''));
    expect(options).toEqual(options.slice().sort(compareNames));
    expect(session.consoleErrors).toEqual([]);
  });

  test('the matrix folds the rows without a provision and sorts the rest by name the same way', async () => {
    const { page } = session;
    await clientGoto(page, '/compare/matrix?export=sparse&sort=platform');
    expect(await settled(page, 'matrix')).toBe('ready');
    const grid = page.getByTestId('matrix-grid');
    // tradewick and the 12 added have no provision at all: 13 of 20 rows, folded.
    expect([await grid.getAttribute('data-rows'), await page.getByTestId('fold-note').getAttribute('data-count')]).toEqual(['7', '13']);
    // The rows are virtualised, drawn once the grid has measured its box (maybe a frame after "ready").
    await grid.locator('[data-platform-id]').first().waitFor({ state: 'attached' });
    const rows = await grid.locator('[data-platform-id]').evaluateAll((els) => [...new Set(els.map((e) => (e as HTMLElement).dataset.platformId!))]);
    const names = new Map(edited.rows('platforms').map((p) => [String(p.platform_id), String(p.name)]));
    expect(rows.map((id) => names.get(id)!)).toEqual(rows.map((id) => names.get(id)!).sort(compareNames));
    expect(rows[0]).toBe('bazaarly');
    expect(session.consoleErrors).toEqual([]);
    assertSameOrigin(session, server.url);
  });
});
