/**
 * The change feed in the built app, on the demo export: the page, its count and the raised-vs-lowered summary equal
 * the same queries in Node on the same files; the CSV download is byte for byte the CSV of the same query run in
 * Node; kind filters and pages go through the URL; an export without history says so.
 */
import { readFile } from 'node:fs/promises';
import { parse } from 'csv-parse/sync';
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { CHANGE_EXPORT_COLUMNS } from '../../src/lib/changes/feed';
import { CHANGES_PAGE_SIZE } from '../../src/lib/changes/params';
import type { Query } from '../../src/lib/db/types';
import { rowsToCsv } from '../../src/lib/export/csv';
import { changesCountQuery, changeSummaryQuery, changesQuery, type ChangeSpec } from '../../src/lib/queries/changes';
import { NO_FILTER } from '../../src/lib/queries/version-filters';
import { openApp, warmApp } from './app';
import { savedDownload, waitForDb } from './browser';
import { waitForView } from './view-state';
import { withTimeExports } from './timeline-exports';

const files = withTimeExports();

const run = (q: Query) => files.demo.db.query(q.sql, q.params);

/** Waits until the feed shows the rows of the filters and page the URL asks for. */
const waitForFeed = (page: Page) => waitForView(page, 'changes');

const shownRows = (page: Page) =>
  page.getByTestId('change-row').evaluateAll((trs) =>
    trs.map((tr) => {
      const d = (tr as HTMLElement).dataset;
      return { record_id: d.record, version: Number(d.version), kind: d.kind, day: d.day };
    })
  );

const SPEC: ChangeSpec = { filter: NO_FILTER, from: '2026-01-01', to: '2026-06-30', kinds: [] };
const PATH = '/changes?from=2026-01-01&to=2026-06-30';

describe('change feed on the demo export', () => {
  const warm = warmApp(PATH, { appUrl: () => files.server.url });

  test('shows the page, the count and the summary the queries give in Node', async () => {
    const { page } = await warm.goto(PATH, waitForFeed);
    const expected = await run(changesQuery(SPEC, { limit: CHANGES_PAGE_SIZE, offset: 0 }));
    expect(await shownRows(page)).toEqual(expected.map((r) => ({ record_id: r.record_id, version: r.version, kind: r.kind, day: r.day })));
    const [{ changes }] = (await run(changesCountQuery(SPEC))) as [{ changes: number }];
    await expect(page.locator('#feed-h').innerText()).resolves.toBe(`${changes.toLocaleString('en-US')} changes`);
    expect(changes).toBeGreaterThan(CHANGES_PAGE_SIZE);

    const summary = await run(changeSummaryQuery(SPEC));
    await page.getByTestId('summary-row').first().waitFor();
    const shown = await page.getByTestId('summary-row').evaluateAll((trs) =>
      trs.map((tr) => {
        const d = (tr as HTMLElement).dataset;
        return { category_id: d.category, raised: Number(d.raised), lowered: Number(d.lowered) };
      })
    );
    expect(shown).toEqual(summary.map((r) => ({ category_id: r.category_id, raised: r.raised, lowered: r.lowered })));
    const raised = summary.reduce((s, r) => s + (r.raised as number), 0);
    const lowered = summary.reduce((s, r) => s + (r.lowered as number), 0);
    const headline = (await page.getByTestId('summary-headline').textContent())!.replace(/\s+/g, ' ').trim();
    expect(headline).toMatch(new RegExp(`^${raised.toLocaleString('en-US')} raised vs ${lowered.toLocaleString('en-US')} lowered`));
  });

  test('downloads every matching change as the CSV of the same query in Node', async () => {
    const { page } = await warm.goto(`${PATH}&kind=raised&kind=lowered`, waitForFeed);
    const spec: ChangeSpec = { ...SPEC, kinds: ['raised', 'lowered'] };
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download CSV' }).click()]);
    const text = await readFile(await savedDownload(download), 'utf8');
    const rows = await run(changesQuery(spec));
    expect(text).toBe(rowsToCsv(rows, CHANGE_EXPORT_COLUMNS));
    const records = parse(text, { bom: true }) as string[][];
    expect(records[0]).toEqual(CHANGE_EXPORT_COLUMNS.map((c) => c.label));
    expect(records.length - 1).toBe(rows.length);
    expect(rows.length).toBeGreaterThan(CHANGES_PAGE_SIZE); // all pages, not the one on screen
    expect(new Set(records.slice(1).map((r) => r[2]))).toEqual(new Set(['raised', 'lowered']));
    expect(download.suggestedFilename()).toBe('termscope-changes-from-2026-01-01-to-2026-06-30-raised+lowered.csv');
  });

  test('kinds and pages go through the URL', async () => {
    const { page } = await warm.goto(PATH, waitForFeed);
    await page.getByTestId('kind-menu').locator('summary').click();
    await page.getByTestId('kind-menu').getByLabel('Removed').check();
    await page.waitForURL(/kind=removed/);
    await waitForFeed(page);
    const removed = await shownRows(page);
    expect(removed.length).toBeGreaterThan(0);
    expect(removed.every((r) => r.kind === 'removed')).toBe(true);
    const expected = await run(changesQuery({ ...SPEC, kinds: ['removed'] }, { limit: CHANGES_PAGE_SIZE, offset: 0 }));
    expect(removed.map((r) => r.record_id)).toEqual(expected.map((r) => r.record_id));

    const next = await warm.goto(`${PATH}&page=2`, waitForFeed);
    const second = await run(changesQuery(SPEC, { limit: CHANGES_PAGE_SIZE, offset: CHANGES_PAGE_SIZE }));
    expect((await shownRows(next.page)).map((r) => `${r.record_id}:${r.version}:${r.kind}`)).toEqual(
      second.map((r) => `${r.record_id}:${r.version}:${r.kind}`)
    );
    await next.page.getByRole('button', { name: 'Previous page' }).click();
    await next.page.waitForURL((url) => !url.searchParams.has('page'));
  });

  test('a change links to its provision', async () => {
    const { page } = await warm.goto(PATH, waitForFeed);
    const row = page.getByTestId('change-row').first();
    const id = await row.getAttribute('data-record');
    await row.locator('td.provision a').click();
    await page.waitForURL(new RegExp(`/provisions/${id}`));
  });
});

describe('change feed on exports with missing history', () => {
  test('with an undated version: says it is left out, and lists the rest', async () => {
    const app = await openApp('/changes?export=fx-gaps&from=2019-01-01&to=2026-10-01', files.server.url);
    await waitForDb(app.page, { consoleErrors: app.consoleErrors });
    await waitForFeed(app.page);
    await expect(app.page.getByTestId('undated-note').innerText()).resolves.toMatch(/^1 of 80 versions have no start date/);
    expect(await app.page.getByTestId('change-row').count()).toBeGreaterThan(0);
    expect(app.consoleErrors).toEqual([]);
  });

  test('says the export has no provision_versions', async () => {
    const app = await openApp('/changes?export=fx-nohist', files.server.url);
    await waitForDb(app.page, { consoleErrors: app.consoleErrors });
    await app.page.getByTestId('no-history').waitFor();
    expect(app.consoleErrors).toEqual([]);
  });
});
