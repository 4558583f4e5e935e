/**
 * The provision page in the built app: reached by clicking and by loading its URL (the static fallback renders it),
 * its fields, evidence and citation equal what the same queries give in Node on the same files, downloads equal
 * those queries, a clause starting with "=" is guarded in the CSV (the fixture export, served beside the app), a
 * tampered URL ends in a clear message, exports without the optional tables say what is missing, and it works with
 * the keyboard.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import type { Query } from '../../src/lib/db/types';
import type { Row } from '../../src/lib/db/values';
import { citationSnapshotQuery, provisionQuery, snapshotsQuery } from '../../src/lib/queries/provision';
import { loadExport, type LoadedExport } from '../../scripts/lib/export-io';
import { startServer, type StaticServer } from '../../scripts/serve';
import { readCsv } from '../export/csv-read';
import { buildFixture, fixtureRows } from '../helpers/fixture';
import { copyWithoutHistory } from '../helpers/export-copies';
import { clientGoto, openApp, warmApp } from './app';
import { launchBrowser, savedDownload, waitForDb } from './browser';
import { openLoaded, pageOf, pageOrNotFound } from './open-loaded';

const APP_DIR = inject('appDir');
const DEMO_DIR = join(APP_DIR, 'exports', 'demo');

let demo: LoadedExport;
/** Serves the app with the fixture export as `?export=fixture` and a copy without optional tables as `?export=bare`. */
let server: StaticServer;
let work: string;
/** A demo provision with several neighbours in its document and more captures than one page. */
let record: Row;

const run = (q: Query) => demo.db.query(q.sql, q.params);

/** Messages of any dialog the page opens (alert, confirm …), dismissed: hostile text must never open one. */
function collectDialogs(page: Page): string[] {
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  return dialogs;
}
const iso = (d: unknown) => (d instanceof Date ? d.toISOString().replace('.000Z', 'Z') : null);

beforeAll(async () => {
  demo = await loadExport(DEMO_DIR);
  const [pick] = await demo.db.query(`
    SELECT p.record_id FROM provisions AS p
    WHERE p.status = 'active'
      AND (SELECT count(*) FROM provisions AS o WHERE o.document_id = p.document_id) > 3
      AND (SELECT count(*) FROM snapshots AS s WHERE s.document_id = p.document_id) > 45
    ORDER BY p.record_id LIMIT 1`);
  const [found] = await run(provisionQuery(pick!.record_id as string));
  record = found!;

  const fixtureDir = await buildFixture();
  work = await mkdtemp(join(tmpdir(), 'termscope-provision-e2e-'));
  const bare = await copyWithoutHistory(fixtureDir, work);
  server = await startServer({ dir: APP_DIR, port: 0, mounts: { '/exports/fixture': fixtureDir, '/exports/bare': bare } });
});

afterAll(async () => {
  demo?.db.close();
  await server?.close();
  if (work) await rm(work, { recursive: true, force: true });
});

const openProvision = (path: string, appUrl?: string) => openLoaded(path, appUrl, pageOrNotFound('provision-page'));

/** Resolves when the page of provision `id` is drawn (after a client-side navigation, the previous one may still be). */
const provisionShown = pageOf('provision-page', 'data-record-id');

async function download(page: Page, scope: Locator, name: string | RegExp = 'Download CSV') {
  const [file] = await Promise.all([page.waitForEvent('download'), scope.getByRole('button', { name }).click()]);
  return { name: file.suggestedFilename(), rows: readCsv(await readFile(await savedDownload(file), 'utf8')) };
}

/** What the page must show for `row` (a provisionQuery row). */
async function expectProvision(page: Page, row: Row) {
  const article = page.getByTestId('provision-page');
  expect(await article.getAttribute('data-record-id')).toBe(row.record_id);
  expect(await page.getByTestId('provision-title').innerText()).toBe(row.title);
  // The clause as text, line breaks kept (pre-wrap), nothing interpreted as markup.
  if (row.clause_text !== null) expect(await page.getByTestId('clause-text').evaluate((e) => e.textContent)).toBe(row.clause_text);
  expect(await page.getByTestId('document-title').innerText()).toBe(row.document_title);
  expect(await page.getByTestId('severity').locator('[data-severity]').getAttribute('data-severity')).toBe(row.severity ?? 'unrated');
  expect((await page.getByTestId('status').innerText()).toLowerCase()).toBe(row.status);
  expect(await page.getByTestId('last-verified').getAttribute('datetime')).toBe((row.last_verified as Date | null)?.toISOString() ?? null);
}

describe('provision page on the demo export', () => {
  const warm = warmApp('/', { handOver: true });

  test('reached by clicking from a platform page, it shows the provision as Node reads it', async () => {
    const { page } = await warm.goto('/');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Platforms' }).click();
    await page.getByTestId('platform-search').fill(String(record.platform_name));
    await page.getByRole('link', { name: String(record.platform_name), exact: true }).click();
    await page.getByTestId('platform-page').waitFor();
    // Sorted by record id, the provision is found on the first pages; click through until it shows.
    const table = page.getByTestId('platform-provisions-wrap');
    const link = table.locator(`tr[data-row-key="${record.record_id}"] a`);
    const firstKey = () => table.locator('tbody tr').first().getAttribute('data-row-key');
    for (;;) {
      // Each page is drawn at once with the platform page (the rows are all loaded); the next one only after a click.
      if (await link.isVisible()) break;
      const shown = await firstKey();
      await table.getByRole('button', { name: 'Next page' }).click();
      // Wait for the next page before looking again (isVisible does not wait): otherwise a second click skips a page.
      await expect.poll(firstKey).not.toBe(shown);
    }
    await link.click();
    await page.getByTestId('provision-page').waitFor();
    expect(new URL(page.url()).pathname).toBe(`/provisions/${record.record_id}`);
    await expectProvision(page, record);
  });

  test('hard-loading its URL renders it from the static fallback page', async () => {
    const { page } = await openProvision(`/provisions/${record.record_id}`);
    await expectProvision(page, record);
    const compare = page.getByTestId('compare-link');
    expect(await compare.getAttribute('href')).toBe(`/compare?category=${record.category_id}`);
    const [cited] = await run(citationSnapshotQuery(String(record.record_id)));
    const citation = await page.getByTestId('citation-text').innerText();
    expect(citation).toContain(`record ${record.record_id}`);
    expect(citation).toContain(`SHA-256 ${cited!.sha256}`);
  });

  test('evidence: newest first, paged in the URL; its CSV holds every capture and equals the query in Node', async () => {
    const { page } = await warm.goto(`/provisions/${record.record_id}`, provisionShown(String(record.record_id)));
    const expected = await run(snapshotsQuery(String(record.document_id)));
    const keys = () => page.getByTestId('evidence-table').locator('tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-row-key')));
    expect(await keys()).toEqual(expected.slice(0, 20).map((s) => s.snapshot_id));

    await page.getByTestId('evidence').getByRole('button', { name: 'Next page' }).click();
    await page.waitForURL(/snapshotsPage=2/);
    // Paged when the URL's state reaches the page (evaluateAll does not wait): polled.
    await expect.poll(keys).toEqual(expected.slice(20, 40).map((s) => s.snapshot_id));
    await page.goBack();
    await page.waitForURL((url) => !url.search.includes('snapshotsPage'));
    await expect.poll(async () => (await keys())[0]).toBe(expected[0]!.snapshot_id);

    const csv = await download(page, page.getByTestId('evidence-table-wrap'));
    expect(csv.name).toBe(`termscope-provision-${record.record_id}-evidence.csv`);
    expect(csv.rows[0]).toEqual(['Captured', 'Changed since previous capture', 'SHA-256', 'Archived copy', 'Captured URL', 'Snapshot id']);
    expect(csv.rows.slice(1)).toEqual(
      expected.map((s) => [iso(s.captured_at), s.changed === null ? null : String(s.changed), s.sha256, s.archive_url, s.source_url, s.snapshot_id])
    );
  });

  test('keyboard: a sortable header and the copy button work with Enter; the copied citation is the one shown', async () => {
    const app = await warm.goto(`/provisions/${record.record_id}`, provisionShown(String(record.record_id)));
    const { page, context } = app;
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: app.appUrl });

    const header = page.getByTestId('evidence-table').locator('th[data-column="captured_at"]');
    expect(await header.getAttribute('aria-sort')).toBe('descending');
    await header.getByRole('button').focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(/snapshotsSort=captured_at/);
    await expect.poll(() => header.getAttribute('aria-sort')).toBe('ascending');
    // Focus stays on the header after the navigation, so the sort can be flipped again from the keyboard.
    await expect.poll(() => header.getByRole('button').evaluate((b) => b === document.activeElement)).toBe(true);

    await page.getByTestId('copy-citation').focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('copy-status').getAttribute('data-outcome')).toBe('copied');
    expect(await page.getByTestId('copy-status').innerText()).toContain('Copied');
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied).toBe(await page.getByTestId('citation-text').innerText());
  });

  test('the citation is the same text in different time zones', async () => {
    const texts: string[] = [];
    for (const timezoneId of ['America/Los_Angeles', 'Pacific/Kiritimati']) {
      const session = await launchBrowser();
      try {
        const cdp = await session.context.newCDPSession(session.page);
        await cdp.send('Emulation.setTimezoneOverride', { timezoneId });
        await session.page.goto(`${inject('appUrl')}/provisions/${record.record_id}`);
        await waitForDb(session.page);
        expect(await session.page.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone)).toBe(timezoneId);
        texts.push(await session.page.getByTestId('citation-text').innerText());
      } finally {
        await session.close();
      }
    }
    expect(texts[0]).toBe(texts[1]);
    expect(texts[0]).toMatch(/\d{4}-\d{2}-\d{2} \d{2}:\d{2}(:\d{2})? UTC/);
  });

  test('a tampered URL loaded directly ends in a clear message (static fallback, no script from the id)', async () => {
    const { page } = await openApp('/provisions/%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E');
    const dialogs = collectDialogs(page);
    await waitForDb(page);
    const message = page.getByTestId('not-found');
    await message.waitFor({ timeout: 30_000 });
    expect(await message.locator('h1 code').innerText()).toBe('<img src=x onerror=alert(1)>');
    expect(await message.locator('img').count()).toBe(0);
    expect(dialogs).toEqual([]);
  });

  test('tampered URLs reached inside the app end in a clear message or a note, never a broken page', async () => {
    // The file's warm page and engine: each URL is reached as a link click would reach it (loading is the test above).
    const { page } = warm.session;
    const dialogs = collectDialogs(page);
    for (const [path, shown] of [
      ['/provisions/CA-P-999999999', 'CA-P-999999999'],
      ['/provisions/%3Cimg%20src%3Dx%20onerror%3Dalert(2)%3E', '<img src=x onerror=alert(2)>'],
      ['/provisions/a%2Fb', 'a/b'],
      [`/provisions/${'x'.repeat(300)}`, `${'x'.repeat(120)}…`],
      ["/provisions/'%20OR%20'1'%3D'1", "' OR '1'='1"]
    ] as const) {
      await clientGoto(page, path);
      const message = page.getByTestId('not-found');
      await expect.poll(() => message.locator('h1 code').innerText().catch(() => null), { message: path, timeout: 30_000 }).toBe(shown);
      expect(await message.locator('img').count(), path).toBe(0);
    }
    expect(dialogs).toEqual([]);

    await clientGoto(page, `/provisions/${record.record_id}?snapshotsPage=zero&snapshotsSort=evil&x=1`);
    await page.getByTestId('provision-page').waitFor({ timeout: 30_000 });
    await expect.poll(() => page.locator('.url-note').count(), { timeout: 30_000 }).toBe(3);
    const notes = await page.locator('.url-note').allInnerTexts();
    expect(notes[0]).toContain('Ignored snapshotsPage=zero');
  });
});

describe('provision page on the fixture export', () => {
  const warm = warmApp('/?export=fixture', { appUrl: () => server.url });

  test('a clause starting with "=" (and "+", "@") comes out guarded in the provision’s CSV, and shows as text', async () => {
    const clauses = new Map(fixtureRows('provisions').map((p) => [p.record_id as string, p.clause_text as string]));
    for (const id of ['FX-P-016', 'FX-P-004', 'FX-P-028']) {
      const { page } = await warm.goto(`/provisions/${id}?export=fixture`, provisionShown(id));
      const clause = clauses.get(id)!;
      expect(await page.getByTestId('clause-text').evaluate((e) => e.textContent)).toBe(clause);
      const csv = await download(page, page.getByTestId('record-download'), 'Download this provision (CSV)');
      expect(csv.name).toBe(`termscope-provision-${id}.csv`);
      const [header, values] = csv.rows;
      const cell = values![header!.indexOf('clause_text')];
      expect(cell).toBe(`'${clause}`);
      expect(values![header!.indexOf('record_id')]).toBe(id);
    }
  });

  test('links keep the export; an unrated, removed provision reads as such', async () => {
    const { page } = await warm.goto('/provisions/FX-P-009?export=fixture', provisionShown('FX-P-009'));
    expect(await page.getByTestId('status').innerText()).toBe('Removed');
    expect(await page.getByTestId('removed-at').getAttribute('datetime')).toBe('2024-08-01T00:00:00.000Z');
    expect(await page.getByTestId('platform-link').getAttribute('href')).toBe('/platforms/quillora?export=fixture');
    expect(await page.getByTestId('citation-text').innerText()).toContain('capture FX-S-012 of 2024-03-04 06:00 UTC');

    const unrated = await warm.goto('/provisions/FX-P-026?export=fixture', provisionShown('FX-P-026'));
    expect(await unrated.page.getByTestId('severity').innerText()).toContain('Unrated');
  });

  test('an export without provision_versions and snapshots says what is missing', async () => {
    const { page } = await openProvision('/provisions/FX-P-001?export=bare', server.url);
    expect(await page.getByTestId('evidence').innerText()).toContain('no snapshots table');
    expect(await page.getByTestId('history').innerText()).toContain('no provision_versions table');
    expect(await page.getByTestId('citation-text').innerText()).toContain('No captures of the document are in this export.');
  });
});
