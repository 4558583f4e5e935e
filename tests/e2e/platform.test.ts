/**
 * The platform pages in the built app: the list (search and sort in the URL) and a platform's page, reached by
 * clicking and by loading its URL (the static fallback renders it); downloads equal the same queries run in Node on the
 * same files; the severity profile's numbers equal the query; keyboard sorting with back/forward; a tampered URL ends
 * in a clear message; the fixture's platform without provisions says so.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import type { Query } from '../../src/lib/db/types';
import type { Row } from '../../src/lib/db/values';
import {
  platformProvisionsQuery,
  platformQuery,
  platformSeverityProfileQuery,
  platformsQuery
} from '../../src/lib/queries/platform';
import { loadExport, type LoadedExport } from '../../scripts/lib/export-io';
import { startServer, type StaticServer } from '../../scripts/serve';
import { readCsv } from '../export/csv-read';
import { buildFixture } from '../helpers/fixture';
import { clientGoto, openApp, warmApp } from './app';
import { savedDownload, waitForDb } from './browser';
import { openLoaded, pageOf, pageOrNotFound } from './open-loaded';

const APP_DIR = inject('appDir');
const DEMO_DIR = join(APP_DIR, 'exports', 'demo');

let demo: LoadedExport;
let server: StaticServer;
/** A demo platform with more provisions than one page, removed ones among them. */
let platform: Row;

const run = (q: Query) => demo.db.query(q.sql, q.params);
const iso = (d: unknown) => (d instanceof Date ? d.toISOString().replace('.000Z', 'Z') : null);

beforeAll(async () => {
  demo = await loadExport(DEMO_DIR);
  const rows = await run(platformsQuery());
  platform = rows.find((r) => (r.active_provisions as number) > 60 && (r.removed_provisions as number) > 0)!;
  server = await startServer({ dir: APP_DIR, port: 0, mounts: { '/exports/fixture': await buildFixture() } });
});

afterAll(async () => {
  demo?.db.close();
  await server?.close();
});

const openPlatform = (path: string, appUrl?: string) => openLoaded(path, appUrl, pageOrNotFound('platform-page'));

/** Resolves when the platform page of `id` is drawn (after a client-side navigation, the previous one may still be). */
const platformShown = pageOf('platform-page', 'data-platform-id');

async function download(page: Page, scope: Locator) {
  const [file] = await Promise.all([page.waitForEvent('download'), scope.getByRole('button', { name: 'Download CSV' }).click()]);
  return { name: file.suggestedFilename(), rows: readCsv(await readFile(await savedDownload(file), 'utf8')) };
}

const rowKeys = (table: Locator) => table.locator('tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-row-key')));

describe('platform list and page on the demo export', () => {
  const warm = warmApp('/platforms', { handOver: true });

  test('search and sort live in the URL; the list equals the query in Node; a click opens the platform', async () => {
    const { page } = await warm.goto('/platforms', (p) => p.getByTestId('platform-list').waitFor());
    const table = page.getByTestId('platform-list');
    expect(await rowKeys(table)).toEqual((await run(platformsQuery())).slice(0, 100).map((r) => r.platform_id));

    const term = 'chat';
    await page.getByTestId('platform-search').fill(term);
    await page.waitForURL(/q=chat/);
    const matching = await run(platformsQuery(term));
    await expect.poll(() => rowKeys(table)).toEqual(matching.map((r) => r.platform_id));

    await table.locator('th[data-column="active_provisions"] button').click();
    await page.waitForURL(/sort=active_provisions/);
    // Sorted when the URL's state reaches the page: wait for the header to say so before reading the rows.
    await expect.poll(() => table.locator('th[data-column="active_provisions"]').getAttribute('aria-sort')).toBe('ascending');
    const counts = await table.locator('tbody td[data-column="active_provisions"]').allInnerTexts();
    const numbers = counts.map((c) => Number(c.replace(/\D/g, '')));
    expect(numbers).toEqual([...numbers].sort((a, b) => a - b));

    const csv = await download(page, page.getByTestId('platform-list-wrap'));
    expect(csv.name).toBe('termscope-platforms-chat.csv');
    expect(csv.rows.slice(1).map((r) => r[0]).sort()).toEqual(matching.map((r) => r.name).sort());

    const first = matching[0]!;
    await table.getByRole('link', { name: String(first.name), exact: true }).click();
    await page.getByTestId('platform-page').waitFor();
    expect(await page.getByTestId('platform-name').innerText()).toBe(first.name);
  });

  test('hard-loading its URL renders it from the static fallback, with the header Node reads', async () => {
    const { page } = await openPlatform(`/platforms/${platform.platform_id}`);
    const [row] = await run(platformQuery(String(platform.platform_id)));
    expect(await page.getByTestId('platform-name').innerText()).toBe(row!.name);
    const header = await page.locator('.meta').innerText();
    expect(header).toContain(String(row!.sector));
    expect(header).toContain(String(row!.jurisdiction));
    expect(await page.locator('.meta a').getAttribute('href')).toBe(new URL(String(row!.website)).href);
    for (const link of await page.getByTestId('platform-categories').getByRole('link').all()) {
      expect(await link.getAttribute('href')).toMatch(/^\/compare\?category=[a-z0-9_]+$/);
    }
  });

  test('the provisions CSV has every provision (not just the first page) and equals the query in Node', async () => {
    const { page } = await warm.goto(`/platforms/${platform.platform_id}`, platformShown(String(platform.platform_id)));
    const expected = await run(platformProvisionsQuery(String(platform.platform_id)));
    expect(expected.length).toBeGreaterThan(50);
    expect(await rowKeys(page.getByTestId('platform-provisions'))).toEqual(expected.slice(0, 50).map((r) => r.record_id));
    const csv = await download(page, page.getByTestId('platform-provisions-wrap'));
    expect(csv.name).toBe(`termscope-platform-${platform.platform_id}-provisions.csv`);
    expect(csv.rows[0]).toEqual(['Category', 'Provision', 'Severity', 'Status', 'Document', 'First tracked', 'Last verified', 'Record id']);
    expect(csv.rows.slice(1)).toEqual(
      expected.map((r) => [
        r.category_name,
        r.title,
        r.severity ?? 'unrated',
        r.status,
        r.document_title,
        iso(r.first_tracked),
        iso(r.last_verified),
        r.record_id
      ])
    );
  });

  test('the severity profile table and its CSV equal the query in Node; the chart is drawn', async () => {
    const { page } = await warm.goto(`/platforms/${platform.platform_id}`, platformShown(String(platform.platform_id)));
    const expected = await run(platformSeverityProfileQuery(String(platform.platform_id)));
    await page.getByTestId('severity-profile-chart').locator('svg').first().waitFor();
    const csv = await download(page, page.getByTestId('severity-profile-table-wrap'));
    expect(csv.rows[0]).toEqual(['Severity', 'Provisions', 'Share of the platform’s provisions', 'Sector mean share', 'Difference']);
    expect(csv.rows.slice(1).map((r) => r[0])).toEqual(expected.map((r) => r.severity));
    csv.rows.slice(1).forEach((r, i) => {
      const e = expected[i]!;
      expect(Number(r[1])).toBe(e.platform_provisions);
      expect(Number(r[2])).toBe(e.platform_share);
      expect(Number(r[3])).toBe(e.sector_mean_share);
      expect(Number(r[4])).toBeCloseTo((e.platform_share as number) - (e.sector_mean_share as number), 12);
    });
    expect(await page.getByTestId('profile-definition').innerText()).toContain(
      `averaged over the ${expected[0]!.sector_platforms} platforms of the ${platform.sector} sector`
    );
  });

  test('keyboard: Enter on a header sorts, the sort is in the URL, Back restores the previous order', async () => {
    const { page } = await warm.goto(`/platforms/${platform.platform_id}`, platformShown(String(platform.platform_id)));
    const table = page.getByTestId('platform-provisions');
    const before = await rowKeys(table);
    const header = table.locator('th[data-column="severity"]');
    await header.getByRole('button').focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(/provisionsSort=-severity/);
    await expect.poll(() => header.getAttribute('aria-sort')).toBe('descending');
    const worst = await table.locator('tbody tr').first().locator('[data-severity]').getAttribute('data-severity');
    expect(worst).toBe('critical');
    await page.keyboard.press('Enter');
    await page.waitForURL(/provisionsSort=severity/);
    await expect.poll(() => header.getAttribute('aria-sort')).toBe('ascending');
    await page.goBack();
    await page.goBack();
    await page.waitForURL((url) => !url.search.includes('provisionsSort'));
    await expect.poll(() => rowKeys(table)).toEqual(before);
  });

  test('unknown and odd ids end in a clear message', async () => {
    // The first URL is loaded directly (the static fallback); the others are reached inside the same page, as a link
    // click reaches them, so the test does not pay for three cold starts.
    const paths = [
      ['/platforms/no-such-platform', 'no-such-platform'],
      ['/platforms/%3Cb%3Ebold%3C%2Fb%3E', '<b>bold</b>'],
      [`/platforms/${String(platform.platform_id).toUpperCase()}`, String(platform.platform_id).toUpperCase()]
    ] as const;
    const { page } = await openPlatform(paths[0][0]);
    for (const [i, [path, shown]] of paths.entries()) {
      if (i > 0) await clientGoto(page, path);
      const message = page.getByTestId('not-found');
      await expect.poll(() => message.locator('h1 code').innerText().catch(() => null), { message: path, timeout: 30_000 }).toBe(shown);
      expect(await message.locator('b').count()).toBe(0);
    }
  });
});

describe('platform page on the fixture export', () => {
  const warm = warmApp('/platforms?export=fixture', { appUrl: () => server.url });

  test('a platform without provisions says so, and still shows its sector’s mean and its document', async () => {
    const { page } = await warm.goto('/platforms/tradewick?export=fixture', platformShown('tradewick'));
    expect(await page.getByTestId('profile-definition').innerText()).toContain('Tradewick has no active provisions.');
    expect(await page.getByTestId('platform-provisions-wrap').innerText()).toContain('The export tracks no provisions of this platform.');
    expect(await rowKeys(page.getByTestId('platform-documents'))).toEqual(['FX-D-015']);
    await page.getByTestId('severity-profile-chart').locator('svg').first().waitFor();
  });

  test('several provisions of one category: the worst active one shows, and compare links keep the export', async () => {
    const { page } = await warm.goto('/platforms/pinwheel?export=fixture', platformShown('pinwheel'));
    const row = page.getByTestId('platform-categories').locator('tr[data-row-key="data_sharing"]');
    expect(await row.locator('td[data-column="provisions"]').innerText()).toBe('3');
    expect(await row.locator('[data-severity]').getAttribute('data-severity')).toBe('high');
    expect(await row.getByRole('link').getAttribute('href')).toBe('/compare?category=data_sharing&export=fixture');
  });
});
