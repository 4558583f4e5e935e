/**
 * Clause search in the built app: the header's box leads to /search?q=…; the results, their order and scores, the
 * total and the counts per platform and category equal the same queries in Node on the same files; the state lives
 * in the URL (search, filters, page); the CSV download is byte for byte the CSV of the same query in Node; and an
 * export without the search index says it falls back to substring matching, with the fallback's results.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { loadExport, writeExport, type LoadedExport } from '../../scripts/lib/export-io';
import { TABLE_NAMES } from '../../src/lib/contract/schema';
import type { Query } from '../../src/lib/db/types';
import { rowsToCsv } from '../../src/lib/export/csv';
import { searchCountsExport } from '../../src/lib/export/view-tables';
import { ALL_PLATFORMS } from '../../src/lib/queries/platform-filter';
import { searchFacetsQuery, searchResultsQuery, searchStatsQuery, type SearchMode, type SearchSpec } from '../../src/lib/queries/search';
import { NO_FILTER } from '../../src/lib/queries/version-filters';
import { SEARCH_EXPORT_COLUMNS } from '../../src/lib/search/export';
import { SEARCH_PAGE_SIZE } from '../../src/lib/search/params';
import { parseQuery } from '../../src/lib/search/parse-query';
import { copyWithoutEngine } from '../helpers/export-copies';
import { buildFixture, FIXTURE_GENERATED_AT } from '../helpers/fixture';
import { openApp, warmApp } from './app';
import { savedDownload, waitForDb } from './browser';
import { servedExports } from './served-exports';
import { waitForView } from './view-state';

const APP_DIR = inject('appDir');
let demo: LoadedExport;
let plain: LoadedExport;
let parquetOnly: LoadedExport;
let bm25: SearchMode;

const server = servedExports('search-exports', async (work) => {
  // The fixture written as exports were before the search index existed.
  const fixture = await loadExport(await buildFixture());
  try {
    await writeExport(fixture.db, join(work, 'fx-noindex'), fixture.manifest.source, FIXTURE_GENERATED_AT, TABLE_NAMES, { searchIndex: false });
  } finally {
    fixture.db.close();
  }
  // The fixture with its index but no engine file: the app reads clause_terms (LIST<INT32> positions) from Parquet.
  const withIndex = await copyWithoutEngine(await buildFixture(), work, 'fx-parquet');
  return { '/exports/fx-noindex': join(work, 'fx-noindex'), '/exports/fx-parquet': withIndex };
});

beforeAll(async () => {
  demo = await loadExport(join(APP_DIR, 'exports', 'demo'));
  const [stats] = await run(demo, searchStatsQuery());
  bm25 = { kind: 'bm25', stats: { documents: Number(stats!.documents), tokens: Number(stats!.tokens) } };
  plain = await loadExport(join(server.work, 'fx-noindex'));
  parquetOnly = await loadExport(join(server.work, 'fx-parquet'));
});

afterAll(() => {
  demo?.db.close();
  plain?.db.close();
  parquetOnly?.db.close();
});

function run(on: LoadedExport, q: Query) {
  return on.db.query(q.sql, q.params);
}

function spec(q: string, filter = NO_FILTER): SearchSpec {
  return { units: parseQuery(q).units, filter, from: null, to: null };
}

/** Waits until the results on screen are those of the search, filters and page the URL asks for. */
const waitForResults = (page: Page) => waitForView(page, 'search');

const shown = (page: Page) =>
  page.locator('[data-testid="search-results"] > li').evaluateAll((lis) =>
    lis.map((li) => ({ record_id: (li as HTMLElement).dataset.recordId, score: Number((li as HTMLElement).dataset.score) }))
  );

describe('search on the demo export', () => {
  // One warm page: these tests are about search, not about loading (the two below load their exports cold).
  const app = warmApp('/', { handOver: true });

  test('the header box leads to /search?q=…, whose results, total and counts equal the queries in Node', async () => {
    // Leaving /search, the box keeps the last search ("data")…
    await app.goto('/search?q=data', waitForResults);
    const { page } = await app.goto('/', (p) => p.locator('[data-overview-source="live"]').waitFor({ state: 'attached' }));
    expect(await page.locator('#site-search-q').inputValue()).toBe('data');
    // …and typing after "/" replaces it. Keyboard only: "/" puts the cursor in the header's box, Enter searches.
    await page.keyboard.press('/');
    await page.keyboard.type('model training');
    await page.keyboard.press('Enter');
    await page.waitForURL((url) => url.pathname === '/search' && url.searchParams.get('q') === 'model training');
    await waitForResults(page);
    const s = spec('model training');
    const expected = await run(demo, searchResultsQuery(s, bm25, { limit: SEARCH_PAGE_SIZE, offset: 0 }));
    expect(expected.length).toBe(SEARCH_PAGE_SIZE);
    const got = await shown(page);
    expect(got.map((r) => r.record_id)).toEqual(expected.map((r) => r.record_id));
    got.forEach((r, i) => expect(Math.abs(r.score - Number(expected[i]!.score))).toBeLessThan(1e-9));
    const total = Number(expected[0]!.total);
    await expect(page.getByTestId('search-total').innerText()).resolves.toBe(`${total.toLocaleString('en-US')} provisions`);
    await expect(page.locator('[data-search-mode]').getAttribute('data-search-mode')).resolves.toBe('bm25');
    // Matches are marked in the snippets, as text.
    expect(await page.locator('[data-testid="search-results"] mark').count()).toBeGreaterThan(SEARCH_PAGE_SIZE);
    const facets = await run(demo, searchFacetsQuery(s, bm25));
    // The counts are a query of their own, drawn only once they answer this search: wait for them (evaluateAll does not).
    await page.locator('[data-testid="platform-counts"] tbody tr').first().waitFor();
    await page.locator('[data-testid="category-counts"] tbody tr').first().waitFor();
    const counts = await page.locator('[data-testid="platform-counts"] tbody tr').evaluateAll((trs) =>
      trs.map((tr) => [(tr as HTMLElement).dataset.id, Number((tr as HTMLElement).dataset.n)])
    );
    expect(counts).toEqual(facets.filter((f) => f.facet === 'platform').slice(0, 12).map((f) => [f.id, Number(f.n)]));
    const categories = await page.locator('[data-testid="category-counts"] tbody tr').evaluateAll((trs) => trs.map((tr) => Number((tr as HTMLElement).dataset.n)));
    expect(categories.reduce((a, b) => a + b, 0)).toBe(total);
  });

  test('search, filters and page live in the URL; a count narrows the search to its platform', async () => {
    const { page } = await app.goto('/search?q=data&severity=critical&page=2', waitForResults);
    const filter = { ...NO_FILTER, severities: ['critical' as const] };
    const expected = await run(demo, searchResultsQuery(spec('data', filter), bm25, { limit: SEARCH_PAGE_SIZE, offset: SEARCH_PAGE_SIZE }));
    expect(expected.length).toBeGreaterThan(0);
    expect((await shown(page)).map((r) => r.record_id)).toEqual(expected.map((r) => r.record_id));
    await expect(page.getByTestId('search-input').inputValue()).resolves.toBe('data');

    const first = page.locator('[data-testid="platform-counts"] tbody tr').first();
    const platform = (await first.getAttribute('data-id'))!;
    await first.getByRole('button').click();
    await page.waitForURL((url) => url.searchParams.getAll('platform').join() === platform && !url.searchParams.has('page'));
    await waitForResults(page);
    const narrowed = await run(
      demo,
      searchResultsQuery(spec('data', { ...filter, platforms: { ...ALL_PLATFORMS, platforms: [platform] } }), bm25, { limit: SEARCH_PAGE_SIZE, offset: 0 })
    );
    expect((await shown(page)).map((r) => r.record_id)).toEqual(narrowed.map((r) => r.record_id));

    // A new search from the page's own box keeps the filters and starts on page 1.
    await page.getByTestId('search-input').fill('"opt out"');
    await page.getByTestId('search-input').press('Enter');
    await page.waitForURL((url) => url.searchParams.get('q') === '"opt out"' && url.searchParams.get('severity') === 'critical');
    await waitForResults(page);
    await page.goBack();
    await page.waitForURL((url) => url.searchParams.get('q') === 'data');
    await waitForResults(page);
    expect((await shown(page)).map((r) => r.record_id)).toEqual(narrowed.map((r) => r.record_id));
  });

  test('downloads every result as the CSV of the same query in Node', async () => {
    const { page } = await app.goto('/search?q=arbitr*', waitForResults);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download CSV' }).click()]);
    const text = await readFile(await savedDownload(download), 'utf8');
    const rows = await run(demo, searchResultsQuery(spec('arbitr*'), bm25));
    expect(rows.length).toBeGreaterThan(SEARCH_PAGE_SIZE); // every page, not the one on screen
    expect(text).toBe(rowsToCsv(rows, SEARCH_EXPORT_COLUMNS));
    expect(download.suggestedFilename()).toMatch(/^termscope-search.*\.csv$/);

    // The counts by platform and by category, every row (not only the 12 shown), as the facets query in Node.
    const counts = page.getByTestId('counts-downloads').getByRole('button', { name: 'Download numbers (CSV)' });
    await counts.waitFor();
    const [saved] = await Promise.all([page.waitForEvent('download'), counts.click()]);
    const facets = await run(demo, searchFacetsQuery(spec('arbitr*'), bm25));
    const pick = (facet: string) => facets.filter((f) => f.facet === facet).map((f) => ({ id: String(f.id), label: String(f.label), n: Number(f.n) }));
    const expected = searchCountsExport(pick('platform'), pick('category'));
    expect(expected.rows.length).toBeGreaterThan(12);
    expect(await readFile(await savedDownload(saved), 'utf8')).toBe(rowsToCsv(expected.rows, expected.columns));
    expect(saved.suggestedFilename()).toBe('termscope-search-counts-arbitr.csv');
  });
});

describe('search on an export without the index', () => {
  test('says it falls back to substrings, and shows the fallback’s results', async () => {
    const { page, consoleErrors } = await openApp('/search?export=fx-noindex&q=training', server.url);
    await waitForDb(page, { consoleErrors });
    await waitForResults(page);
    // waitFor, not isVisible (which answers at once, drawn or not).
    await page.getByTestId('search-fallback').waitFor({ state: 'visible' });
    await expect(page.locator('[data-search-mode]').getAttribute('data-search-mode')).resolves.toBe('substring');
    const expected = await run(plain, searchResultsQuery(spec('training'), { kind: 'substring' }, { limit: SEARCH_PAGE_SIZE, offset: 0 }));
    expect(expected.length).toBeGreaterThan(0);
    expect((await shown(page)).map((r) => r.record_id)).toEqual(expected.map((r) => r.record_id));
  });
});

describe('search on an export read from its Parquet files', () => {
  test('loads the index from Parquet and ranks as the same query in Node', async () => {
    const { page, consoleErrors } = await openApp('/search?export=fx-parquet&q=%22opt+out%22+train*', server.url);
    await waitForDb(page, { consoleErrors });
    await expect(page.locator('html').getAttribute('data-db-path')).resolves.toBe('parquet');
    await waitForResults(page);
    await expect(page.locator('[data-search-mode]').getAttribute('data-search-mode')).resolves.toBe('bm25');
    const [stats] = await run(parquetOnly, searchStatsQuery());
    const mode: SearchMode = { kind: 'bm25', stats: { documents: Number(stats!.documents), tokens: Number(stats!.tokens) } };
    const expected = await run(parquetOnly, searchResultsQuery(spec('"opt out" train*'), mode, { limit: SEARCH_PAGE_SIZE, offset: 0 }));
    expect(expected.length).toBeGreaterThan(0);
    const got = await shown(page);
    expect(got.map((r) => r.record_id)).toEqual(expected.map((r) => r.record_id));
    got.forEach((r, i) => expect(Math.abs(r.score - Number(expected[i]!.score))).toBeLessThan(1e-9));
  });
});
