/**
 * Platform vs platform, the platform page's history and citation downloads in the built app, over the fixture export
 * (mounted as `?export=fixture`): what the pages show and download equals the same loaders run in Node on the same
 * files; the state is in the URL (readable `ids=a,b`), the picker works from the keyboard, Back restores; unknown ids
 * say so; the citation files hold the permalinks, the captures' hashes and archive links. The tests on the fixture
 * share one warm page (views drawn anew by client-side navigation); the export without history is opened cold.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { loadExport, type LoadedExport } from '../../scripts/lib/export-io';
import { startServer, type StaticServer } from '../../scripts/serve';
import type { Db } from '../../src/lib/db/types';
import { loadCitations } from '../../src/lib/citations/load-citations';
import { comparisonRows, PVP_CSV_COLUMNS } from '../../src/lib/platform-compare/csv';
import { loadPlatformCompare } from '../../src/lib/platform-compare/load-platform-compare';
import { loadPlatformHistory, loadRecentChanges } from '../../src/lib/platform-compare/history';
import { exportToday } from '../../src/lib/time/today';
import { readCsv } from '../export/csv-read';
import { csvText } from '../../src/lib/export/csv';
import { rowsSource } from '../../src/lib/export/source';
import { buildFixture, fixtureRows } from '../helpers/fixture';
import { copyWithoutHistory } from '../helpers/export-copies';
import { nodeDbAdapter } from '../helpers/node-db-adapter';
import { clientGoto, warmApp } from './app';
import { openLoaded } from './open-loaded';
import { runQuery } from './sql-console';
import { savedDownload } from './browser';

let fixture: LoadedExport;
let db: Db;
let server: StaticServer;
let today: string;
let work: string;

beforeAll(async () => {
  const dir = await buildFixture();
  fixture = await loadExport(dir);
  db = nodeDbAdapter(fixture.db);
  today = exportToday(fixture.manifest);
  // A copy without the optional history tables, as `?export=bare`.
  work = await mkdtemp(join(tmpdir(), 'termscope-pvp-e2e-'));
  const bare = await copyWithoutHistory(dir, work);
  server = await startServer({ dir: inject('appDir'), port: 0, mounts: { '/exports/fixture': dir, '/exports/bare': bare } });
});

afterAll(async () => {
  fixture?.db.close();
  await server?.close();
  if (work) await rm(work, { recursive: true, force: true });
});

const open = (path: string) => openLoaded(path, server.url);

/**
 * One browser and engine with the fixture loaded for every test of this file that is not about loading (all but the
 * export without history, a different export): each view is drawn anew by client-side navigation (`fresh`).
 */
const warm = warmApp('/platforms?export=fixture', { appUrl: () => server.url });

/** `path` on the warm page, drawn anew: the list first, so that the view's own state (ticks, open tables) starts over. */
async function fresh(path: string) {
  await warm.goto('/platforms?export=fixture');
  return warm.goto(path);
}

async function settledPvp(page: Page, state: string) {
  await page.waitForSelector(`[data-testid="pvp-page"][data-pvp-state="${state}"]`, { timeout: 60_000 });
}

/** The table as the page draws it: per category, per platform `worst/count`. */
function tableShape(page: Page) {
  return page.getByTestId('pvp-row').evaluateAll((rows) =>
    rows.map((r) => ({
      category: r.getAttribute('data-category'),
      coverage: r.getAttribute('data-coverage'),
      cells: [...r.querySelectorAll('[data-testid="pvp-cell"]')].map((c) => `${c.getAttribute('data-platform-id')}:${c.getAttribute('data-worst')}/${c.getAttribute('data-count')}`)
    }))
  );
}

async function expectedShape(ids: string[], asOf: string | null, onlyDiffering = false) {
  const data = await loadPlatformCompare(db, { platforms: ids, asOf });
  return data.categories
    .filter((c) => !onlyDiffering || c.differs)
    .map((c) => ({ category: c.category_id, coverage: c.coverage, cells: c.cells.map((x) => `${x.platform_id}:${x.worst ?? ''}/${x.items.length}`) }));
}

async function download(page: Page, button: ReturnType<Page['getByRole']>) {
  const [file] = await Promise.all([page.waitForEvent('download'), button.click()]);
  return { name: file.suggestedFilename(), text: await readFile(await savedDownload(file), 'utf8') };
}

describe('platform vs platform', () => {
  test('the table and its CSV equal the loader in Node; as of a past day too', async () => {
    const { page } = await fresh('/platforms/compare?ids=verbalyn,pinwheel&export=fixture');
    await settledPvp(page, 'ready');
    expect(await tableShape(page)).toEqual(await expectedShape(['verbalyn', 'pinwheel'], null));

    const csv = await download(page, page.getByRole('button', { name: 'Download CSV' }));
    expect(csv.name).toBe('termscope-platforms-compare-verbalyn+pinwheel.csv');
    const rows = readCsv(csv.text);
    expect(rows[0]).toEqual(PVP_CSV_COLUMNS.map((c) => c.key));
    const expected = comparisonRows(await loadPlatformCompare(db, { platforms: ['verbalyn', 'pinwheel'], asOf: null }));
    expect(rows.length - 1).toBe(expected.length);
    // Byte for byte the app's CSV writer (formula guard included) over the rows of the same loader in Node.
    expect(csv.text).toBe(csvText(rowsSource(expected, PVP_CSV_COLUMNS)));

    await clientGoto(page, '/platforms/compare?ids=verbalyn,pinwheel&asOf=2021-01-14&export=fixture');
    await page.waitForSelector('[data-testid="pvp-page"][data-as-of="2021-01-14"][data-pvp-state="ready"]');
    await expect.poll(() => tableShape(page)).toEqual(await expectedShape(['verbalyn', 'pinwheel'], '2021-01-14'));
  });

  test('keyboard: add, reorder and filter with the keyboard; the URL keeps it readable; Back restores', async () => {
    const { page } = await fresh('/platforms/compare?ids=verbalyn&export=fixture');
    await page.getByTestId('pvp-choose').waitFor();
    expect(await page.getByTestId('pvp-choose').innerText()).toBe('Choose one more platform to compare.');
    await page.getByTestId('add-platform').focus();
    await page.getByTestId('add-platform').selectOption('quillora');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await page.waitForURL((url) => url.search === '?ids=verbalyn,quillora&export=fixture');
    await settledPvp(page, 'ready');

    await page.getByRole('button', { name: 'Move Quillora left' }).focus();
    await page.keyboard.press('Enter');
    await page.waitForURL((url) => url.search === '?ids=quillora,verbalyn&export=fixture');
    await expect.poll(() => tableShape(page)).toEqual(await expectedShape(['quillora', 'verbalyn'], null));

    await page.getByTestId('show-differences').focus();
    await page.keyboard.press('Space');
    await page.waitForURL(/show=differences/);
    const differing = await expectedShape(['quillora', 'verbalyn'], null, true);
    expect(differing.length).toBeGreaterThan(0);
    await expect.poll(() => tableShape(page)).toEqual(differing);

    await page.goBack();
    await page.waitForURL((url) => !url.search.includes('show='));
    await expect.poll(() => tableShape(page)).toEqual(await expectedShape(['quillora', 'verbalyn'], null));
  });

  test('unknown ids are named, and the page asks for another platform', async () => {
    const { page } = await fresh('/platforms/compare?ids=verbalyn,no-such-one&export=fixture');
    await settledPvp(page, 'missing');
    const message = await page.getByTestId('pvp-missing').innerText();
    expect(message).toContain('No platform with the id “no-such-one” is in this export');
    expect(message).toContain('Choose another platform above to compare.');
    await clientGoto(page, '/platforms/compare?ids=a,b,c,d,e&export=fixture');
    await expect.poll(() => page.getByTestId('url-notes').innerText()).toContain('Ignored ids=e: at most 4 platforms are compared side by side');
  });

  test('the severity history chart is drawn, with one column per platform in its table equal to Node', async () => {
    const { page } = await fresh('/platforms/compare?ids=verbalyn,quillora&export=fixture');
    await settledPvp(page, 'ready');
    const history = (await loadPlatformHistory(db, ['verbalyn', 'quillora'], today))!;
    await page.getByTestId('index-chart').waitFor({ timeout: 60_000 });
    await page.getByText('Show these numbers as a table').click();
    const table = page.getByTestId('index-table');
    // The table's rows are built when it opens: wait for them (allInnerTexts does not wait).
    await table.locator('tbody tr').first().waitFor();
    expect(await table.locator('thead th').allInnerTexts()).toEqual([expect.any(String), 'All shown', 'Verbalyn AI', 'Quillora']);
    expect(await table.locator('tbody tr').count()).toBe(history.points.length);
    const last = history.points.length - 1;
    const lastCells = await table.locator('tbody tr').nth(last).locator('td').allInnerTexts();
    const index = (id: string) => history.index.find((r) => r.group === id && r.bucket === history.points[last]!.bucket)!;
    expect(lastCells[1]!.split(' ')[0]).toBe(index('verbalyn').index?.toFixed(2) ?? '—');
    expect(lastCells[2]!.split(' ')[0]).toBe(index('quillora').index?.toFixed(2) ?? '—');
    expect(await page.getByTestId('pvp-timeline-link').getAttribute('href')).toBe('/timeline?platform=verbalyn&platform=quillora&indexBy=platform&export=fixture');
  });

  test('ticked provisions download as BibTeX and RIS with permalinks, hashes and archive links', async () => {
    const { page } = await fresh('/platforms/compare?ids=verbalyn,quillora&export=fixture');
    await settledPvp(page, 'ready');
    const boxes = page.getByTestId('cite-select');
    const ids = [await boxes.nth(1).getAttribute('data-record'), await boxes.nth(0).getAttribute('data-record')] as string[];
    await boxes.nth(1).check();
    await boxes.nth(0).check();
    const bib = await download(page, page.getByTestId('cite-downloads').getByRole('button', { name: 'BibTeX' }));
    expect(bib.name).toBe('termscope-citations-verbalyn+quillora.bib');
    const { records } = await loadCitations(db, ids, {
      withSnapshots: true,
      permalinkOf: (id) => `${server.url}/provisions/${id}?export=fixture`,
      publisher: fixture.manifest.source.name,
      accessed: 'x'
    });
    expect(bib.text.match(/^@misc\{termscope:([^,]+),/gm)).toEqual(ids.map((id) => `@misc{termscope:${id},`));
    for (const r of records) {
      expect(bib.text).toContain(`url = {${r.permalink}}`);
      expect(bib.text).toContain(`SHA-256 ${r.capture!.sha256}`);
    }
    const risFile = await download(page, page.getByTestId('cite-downloads').getByRole('button', { name: 'RIS' }));
    const lines = risFile.text.split('\r\n');
    expect(lines.filter((l) => l === 'TY  - ELEC')).toHaveLength(2);
    expect(lines.filter((l) => l.startsWith('L3  - '))).toEqual(records.map((r) => `L3  - ${r.capture!.archiveUrl}`));
    // The access day is the reader's (the browser's zone is the test's, America/Los_Angeles).
    const accessed = new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Los_Angeles' }).format(new Date()).replaceAll('-', '/');
    expect(lines).toContain(`Y2  - ${accessed}`);
  });
});

describe('an export without history or captures', () => {
  test('the list links to the comparison; as of is refused with the reason; the pages and citations say what is missing', async () => {
    const { page } = await open('/platforms?export=bare');
    const link = page.getByTestId('pvp-link');
    await expect.poll(() => link.getAttribute('href')).toBe('/platforms/compare?export=bare');
    await link.click();
    await page.getByTestId('pvp-choose').waitFor();
    expect(await page.getByTestId('pvp-choose').innerText()).toBe('Choose two platforms to compare.');

    await clientGoto(page, '/platforms/compare?ids=verbalyn,quillora&asOf=2021-01-14&export=bare');
    await settledPvp(page, 'ready');
    expect(await page.getByTestId('pvp-page').getAttribute('data-as-of')).toBe('');
    expect(await page.getByTestId('url-notes').innerText()).toContain('Ignored asOf=2021-01-14: this export has no version history');
    expect(await tableShape(page)).toEqual(await expectedShape(['verbalyn', 'quillora'], null));
    // waitFor, not count(): count does not wait, and the note is drawn with the view's controls.
    await page.getByText('This export has no version history (provision_versions)').first().waitFor();

    await clientGoto(page, '/platforms/verbalyn?export=bare');
    await page.waitForSelector('[data-testid="platform-history"][data-state="no-history"]', { timeout: 60_000 });

    await clientGoto(page, '/provisions/FX-P-001?export=bare');
    await page.getByTestId('provision-page').waitFor({ timeout: 60_000 });
    const ris = await download(page, page.getByTestId('cite-downloads').getByRole('button', { name: 'RIS' }));
    expect(ris.text).toContain('no capture of the document is cited');
    expect(ris.text).not.toContain('L3  - ');
  });
});

describe('platform page history', () => {
  test('severity over time and the newest changes equal Node; links go to /timeline, /changes and the comparison', async () => {
    const { page } = await fresh('/platforms/verbalyn?export=fixture');
    await page.waitForSelector('[data-testid="platform-history"][data-state="ready"]', { timeout: 60_000 });
    const history = (await loadPlatformHistory(db, ['verbalyn'], today))!;
    const changes = await loadRecentChanges(db, history.spec);
    expect(changes.total).toBeGreaterThan(0);
    expect(Number(await page.getByTestId('platform-changes-count').getAttribute('data-total'))).toBe(changes.total);
    const shown = await page.getByTestId('change-row').evaluateAll((rows) => rows.map((r) => `${r.getAttribute('data-record')}:${r.getAttribute('data-version')}:${r.getAttribute('data-kind')}`));
    expect(shown).toEqual(changes.rows.map((c) => `${c.recordId}:${c.version}:${c.kind}`));
    expect(await page.getByTestId('platform-timeline-link').getAttribute('href')).toBe('/timeline?platform=verbalyn&export=fixture');
    expect(await page.getByTestId('platform-changes-link').getAttribute('href')).toBe(
      `/changes?platform=verbalyn&from=${history.range.from}&to=${history.range.to}&export=fixture`
    );
    expect(await page.getByTestId('compare-with').getAttribute('href')).toBe('/platforms/compare?ids=verbalyn&export=fixture');

    await page.getByTestId('platform-changes-link').click();
    // The platform page shows a feed of its own: wait for the change feed's page to be ready before counting rows.
    await page.waitForSelector('[data-changes-state="ready"]', { timeout: 60_000 });
    await page.getByTestId('change-feed').waitFor({ timeout: 60_000 });
    await expect.poll(() => page.getByTestId('change-row').count(), { timeout: 30_000 }).toBe(Math.min(changes.total, 100));
  });
});

describe('citations elsewhere', () => {
  test('the provision page downloads CSL-JSON, and its CSV has the capture hash and archive link', async () => {
    const { page } = await fresh('/provisions/FX-P-001?export=fixture');
    await page.getByTestId('provision-page').waitFor({ timeout: 60_000 });
    const [record] = (await loadCitations(db, ['FX-P-001'], { withSnapshots: true, permalinkOf: (id) => id, publisher: '', accessed: '' })).records;
    const csl = await download(page, page.getByTestId('cite-downloads').getByRole('button', { name: 'CSL-JSON' }));
    expect(csl.name).toBe('termscope-citations-FX-P-001.json');
    const items = JSON.parse(csl.text) as Record<string, unknown>[];
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ id: 'FX-P-001', URL: `${server.url}/provisions/FX-P-001?export=fixture`, archive_location: record!.capture!.archiveUrl });
    expect(String(items[0]!.note)).toContain(`SHA-256 ${record!.capture!.sha256}`);

    const csv = await download(page, page.getByTestId('record-download').getByRole('button'));
    const rows = readCsv(csv.text);
    const at = (name: string) => rows[1]![rows[0]!.indexOf(name)];
    expect(at('capture_sha256')).toBe(record!.capture!.sha256);
    expect(at('capture_archive_url')).toBe(record!.capture!.archiveUrl);
  });

  test('a SQL result with a record_id column downloads its citations, unknown ids left out and counted', async () => {
    const { page } = await fresh('/sql?export=fixture');
    expect(await runQuery(page, "SELECT record_id FROM provisions WHERE platform_id = 'quillora' UNION ALL SELECT 'nope' ORDER BY 1")).toBe('done');
    const n = fixtureRows('provisions').filter((p) => p.platform_id === 'quillora').length;
    expect(n).toBeGreaterThan(1);
    const bar = page.getByTestId('result-citations');
    expect(Number(await bar.getAttribute('data-records'))).toBe(n + 1);
    const ris = await download(page, bar.getByRole('button', { name: 'RIS' }));
    expect(ris.text.split('\r\n').filter((l) => l === 'TY  - ELEC')).toHaveLength(n);
    expect(await bar.getByRole('status').innerText()).toBe('1 id is not a provision of this export and was left out.');
  });
});
