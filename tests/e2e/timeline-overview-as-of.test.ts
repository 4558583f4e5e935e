/**
 * "As of" on the overview, in the built app: `?asOf=` shows the numbers `loadOverview` gives for that day in Node on
 * the same files (never the precomputed ones, which are today's); the date input writes the URL; an export without
 * history notes the ignored day and shows today.
 */
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { asAppDb } from '../../scripts/lib/duckdb-node';
import { loadOverview } from '../../src/lib/queries/overview';
import { openApp, warmApp } from './app';
import { waitForDb } from './browser';
import { withTimeExports } from './timeline-exports';

const files = withTimeExports();

async function waitForOverview(page: Page, asOf: string) {
  await page.locator(`[data-overview-source="live"][data-overview-as-of="${asOf}"]`).waitFor({ state: 'attached', timeout: 60_000 });
}

const dataOf = (page: Page, selector: string) =>
  page.locator(selector).evaluateAll((els) => els.map((e) => ({ ...(e as HTMLElement).dataset })));

describe('overview as of a day', () => {
  // Opened cold on a day (the first test's URL); the second test goes on in the same app.
  const warm = warmApp('/?asOf=2022-06-30', { appUrl: () => files.server.url });

  test('shows the numbers of that day, equal to loadOverview in Node', async () => {
    const app = warm.session;
    await waitForOverview(app.page, '2022-06-30');
    const expected = await loadOverview(asAppDb(files.demo.db), files.demo.manifest, { asOf: '2022-06-30' });
    const severities = await dataOf(app.page, '[data-testid="severity-count"]');
    expect(Object.fromEntries(severities.map((r) => [r.severity, Number(r.value)]))).toEqual(
      Object.fromEntries(expected.by_severity.map((b) => [b.severity, b.count]))
    );
    const categories = await dataOf(app.page, '[data-testid="category-row"]');
    expect(Object.fromEntries(categories.map((r) => [r.categoryId, Number(r.platforms)]))).toEqual(
      Object.fromEntries(expected.coverage.map((c) => [c.category_id, c.platforms]))
    );
    // Not today's numbers under another label.
    const today = await loadOverview(asAppDb(files.demo.db), files.demo.manifest);
    expect(expected.provisions.active).not.toBe(today.provisions.active);
    await expect(app.page.locator('.count-line').innerText()).resolves.toContain('as of Jun 30, 2022');
  });

  test('the date input writes asOf to the URL, and Latest takes it away', async () => {
    const app = await warm.goto('/', (page) => waitForOverview(page, 'today'));
    await app.page.getByTestId('as-of').locator('input[type="date"]').fill('2024-02-29');
    await app.page.waitForURL(/asOf=2024-02-29/);
    await waitForOverview(app.page, '2024-02-29');
    await app.page.getByTestId('as-of').getByRole('button', { name: 'Latest' }).click();
    await app.page.waitForURL((url) => !url.searchParams.has('asOf'));
    await waitForOverview(app.page, 'today');
  });

  test('an export without history notes the ignored day and shows today', async () => {
    const app = await openApp('/?export=fx-nohist&asOf=2024-01-01', files.server.url);
    await waitForDb(app.page, { consoleErrors: app.consoleErrors });
    await waitForOverview(app.page, 'today');
    await expect(app.page.getByTestId('url-notes').innerText()).resolves.toContain('Ignored asOf=2024-01-01: this export has no version history');
    await expect(app.page.getByTestId('as-of').locator('input').isDisabled()).resolves.toBe(true);
    expect(app.consoleErrors).toEqual([]);
  });
});
