/**
 * The built app on the demo export, in Chromium: the overview shows the numbers the same queries give in Node on the
 * same files (and the plain counts a reader would make by hand), and the whole load stays on the app's origin.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { TABLE_NAMES, type TableName } from '../../src/lib/contract/schema';
import type { Query } from '../../src/lib/db/types';
import {
  categoryCoverageQuery,
  severityCountsQuery,
  tableRowCountsQuery
} from '../../src/lib/queries/overview';
import { SEVERITY_KEYS, severityKey, type SeverityKey } from '../../src/lib/queries/severity';
import { loadExport, type LoadedExport } from '../../scripts/lib/export-io';
import { openApp } from './app';
import { assertSameOrigin, waitForDb } from './browser';
import { openLoaded } from './open-loaded';

/** Exactly the files the server hands the browser. */
const DEMO_DIR = join(inject('appDir'), 'exports', 'demo');

interface Expected {
  source: string;
  rowCounts: Partial<Record<TableName, number>>;
  severity: Record<SeverityKey, number>;
  /** category_id -> distinct platforms with an active provision there. */
  coverage: Map<string, number>;
  platformTotal: number;
}

let loaded: LoadedExport;
let expected: Expected;

const run = (q: Query) => loaded.db.query(q.sql, q.params);

beforeAll(async () => {
  loaded = await loadExport(DEMO_DIR);
  const tables = TABLE_NAMES.filter((t) => loaded.manifest.tables[t]);

  const rowCounts: Partial<Record<TableName, number>> = {};
  for (const row of await run(tableRowCountsQuery(tables))) rowCounts[row.table_name as TableName] = row.row_count as number;

  const severity = Object.fromEntries(SEVERITY_KEYS.map((k) => [k, 0])) as Record<SeverityKey, number>;
  for (const row of await run(severityCountsQuery())) severity[severityKey(row.severity)] = row.provisions as number;

  const coverageRows = await run(categoryCoverageQuery());
  expected = {
    source: loaded.manifest.source.name,
    rowCounts,
    severity,
    coverage: new Map(coverageRows.map((r) => [r.category_id as string, r.platforms as number])),
    platformTotal: (coverageRows[0]?.platform_total as number | undefined) ?? rowCounts.platforms ?? 0
  };
});

afterAll(() => loaded?.db.close());

/** `data-*` attributes of every element matching `selector`, read in one round trip. */
function dataOf(page: Page, selector: string): Promise<Record<string, string | undefined>[]> {
  return page.locator(selector).evaluateAll((elements) => elements.map((e) => ({ ...(e as HTMLElement).dataset })));
}

const openLiveOverview = (path = '/') =>
  openLoaded(path, undefined, (page) => page.locator('[data-overview-source="live"]').waitFor({ state: 'attached', timeout: 60_000 }));

/**
 * Copies the overview's numbers (`data-*` of its test hooks) the moment the page first shows precomputed numbers
 * (`data-overview-source="prerendered"` for the bundled export, "cache" from overview.json for others), before the
 * live queries replace them.
 */
const SNAPSHOT_CACHED_VIEW = `(() => {
  const read = (selector) => [...document.querySelectorAll(selector)].map((e) => ({ ...e.dataset }));
  let taken = false;
  const snapshot = () => {
    // Prerendered HTML arrives (and is observed) as it is parsed, in several pieces on a busy machine: read it once the
    // whole document is parsed, so that no section is read half there (3 of 16 category rows, at load 17).
    if (taken || document.readyState === 'loading') return;
    if (!document.querySelector('[data-overview-source="cache"], [data-overview-source="prerendered"]')) return;
    if (!document.querySelector('[data-testid="category-row"]')) return;
    taken = true;
    window.__cachedView = {
      rowCounts: read('[data-testid="row-count"]'),
      severities: read('[data-testid="severity-count"]'),
      categories: read('[data-testid="category-row"]'),
      chartDrawn: document.querySelector('[data-testid="severity-by-category-chart"] svg') !== null,
      dbAtThatTime: document.documentElement.dataset.db
    };
    observer.disconnect();
  };
  const observer = new MutationObserver(snapshot);
  observer.observe(document, { subtree: true, childList: true, attributes: true });
  document.addEventListener('readystatechange', snapshot);
})();`;

describe('overview of the demo export', () => {
  test('the Node side agrees with the manifest and with a count by hand', async () => {
    // Guards the reference itself: if the builders were wrong, the browser comparison below would prove nothing.
    for (const [table, entry] of Object.entries(loaded.manifest.tables)) {
      expect(expected.rowCounts[table as TableName], table).toBe(entry.rows);
    }
    const raw = await loaded.db.query('SELECT platform_id, category_id, severity, status FROM provisions');
    const active = raw.filter((r) => r.status === 'active');
    const bySeverity = new Map<string, number>();
    for (const r of active) bySeverity.set(severityKey(r.severity), (bySeverity.get(severityKey(r.severity)) ?? 0) + 1);
    for (const key of SEVERITY_KEYS) expect(expected.severity[key], key).toBe(bySeverity.get(key) ?? 0);
    const platformsIn = new Map<string, Set<string>>();
    for (const r of active) {
      const set = platformsIn.get(r.category_id as string) ?? new Set<string>();
      set.add(r.platform_id as string);
      platformsIn.set(r.category_id as string, set);
    }
    for (const [category, platforms] of expected.coverage) {
      expect(platforms, category).toBe(platformsIn.get(category)?.size ?? 0);
    }
    expect(expected.coverage.size).toBe(expected.rowCounts.categories);
    expect(active.length).toBeGreaterThan(0);
  });

  test('shows the same numbers as the queries run in Node on the same files', async () => {
    const { page } = await openLiveOverview();

    await expect(page.getByTestId('export-source').innerText()).resolves.toBe(expected.source);

    const rowCounts = await dataOf(page, '[data-testid="row-count"]');
    expect(Object.fromEntries(rowCounts.map((r) => [r.table, Number(r.value)]))).toEqual(expected.rowCounts);

    const severities = await dataOf(page, '[data-testid="severity-count"]');
    expect(Object.fromEntries(severities.map((r) => [r.severity, Number(r.value)]))).toEqual(expected.severity);

    const categories = await dataOf(page, '[data-testid="category-row"]');
    expect(categories).toHaveLength(expected.coverage.size);
    for (const row of categories) {
      expect(Number(row.platforms), row.categoryId).toBe(expected.coverage.get(row.categoryId ?? ''));
      expect(Number(row.platformTotal), row.categoryId).toBe(expected.platformTotal);
    }

    await page.locator('[data-testid="severity-by-category-chart"] svg').first().waitFor({ state: 'attached' });
  });

  test('paints precomputed numbers before the engine is ready, and they are the live ones', async () => {
    expect(loaded.manifest.precomputed?.overview, 'the demo export lists precomputed overview numbers').toBeTruthy();
    const app = await openApp('/', undefined, { initScript: SNAPSHOT_CACHED_VIEW });
    await waitForDb(app.page, { consoleErrors: app.consoleErrors });
    await app.page.locator('[data-overview-source="live"]').waitFor({ state: 'attached', timeout: 60_000 });
    const cached = await app.page.evaluate(() => (window as unknown as { __cachedView?: unknown }).__cachedView);
    expect(cached, 'the page never showed the precomputed numbers').toBeDefined();
    const view = cached as Record<string, unknown>;
    expect(view.dbAtThatTime).not.toBe('ready');
    expect(view.chartDrawn).toBe(true);
    expect(view.rowCounts).toEqual(await dataOf(app.page, '[data-testid="row-count"]'));
    expect(view.severities).toEqual(await dataOf(app.page, '[data-testid="severity-count"]'));
    expect(view.categories).toEqual(await dataOf(app.page, '[data-testid="category-row"]'));
  });

  test('the whole load — page, wasm, worker, manifest, the engine file read in ranges — stays on the app’s origin', async () => {
    const app = await openLiveOverview();
    assertSameOrigin(app, app.appUrl);

    const paths = app.requests.map((url) => new URL(url).pathname);
    // The recorder must have seen the load, or "nothing foreign" would be vacuous.
    expect(paths).toContain('/exports/demo/manifest.json');
    expect(paths).toContain(`/exports/demo/${loaded.manifest.engine!.file}`);
    // The engine's 33 MB wasm comes over the network once; its worker reads the page's copy (a blob: URL). This
    // fresh context keeps no HTTP cache of it: before, the page's preload and the worker each downloaded it.
    expect(app.requests.filter((url) => /^https?:.*duckdb-eh[^/]*\.wasm$/.test(url))).toHaveLength(1);
    expect(app.requests.filter((url) => url.startsWith(`blob:${new URL(app.appUrl).origin}/`))).not.toEqual([]);
    expect(paths.some((p) => p.includes('worker'))).toBe(true);
    // The engine file is in use (tests/e2e/engine-file.test.ts covers the Parquet path): no Parquet file, no decoder.
    await expect(app.page.locator('html').getAttribute('data-db-path')).resolves.toBe('engine-file');
    for (const entry of Object.values(loaded.manifest.tables)) expect(paths).not.toContain(`/exports/demo/${entry.file}`);
    expect(paths.some((p) => p.includes('parquet_wasm'))).toBe(false);
    expect(app.consoleErrors).toEqual([]);
  });
});
