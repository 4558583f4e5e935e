/**
 * The overview of the bundled (demo) export is prerendered at build time with its true numbers: the HTML alone, with
 * no script run at all, shows the chart (as SVG) and every number, and they are exactly the numbers the page shows
 * once it has hydrated and switched to live queries. Under a URL that asks for another export or another day, the
 * prerendered numbers are hidden until the app shows its own.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, inject, test } from 'vitest';
import type { Manifest } from '../../src/lib/contract/schema';
import { openApp } from './app';
import { waitForDb } from './browser';

const DEMO_DIR = join(inject('appDir'), 'exports', 'demo');

/** The overview's numbers as its test hooks carry them. */
async function overviewNumbers(page: Page) {
  const read = (selector: string) => page.locator(selector).evaluateAll((els) => els.map((e) => ({ ...(e as HTMLElement).dataset })));
  return {
    rowCounts: await read('[data-testid="row-count"]'),
    severities: await read('[data-testid="severity-count"]'),
    categories: await read('[data-testid="category-row"]'),
    source: await page.getByTestId('export-source').innerText()
  };
}

/**
 * The app's HTML as a static host sends it, with the app's scripts refused: what a reader sees before the app's
 * JavaScript runs. The prerender guard (a classic script in the head, which runs before the page is parsed) stays.
 */
async function openWithoutScripts(path: string) {
  const app = await openApp('/favicon.svg');
  await app.page.route('**/*.js', (route) => (route.request().url().includes('/prerender-guard.') ? route.continue() : route.abort()));
  await app.page.goto(new URL(path, `${app.appUrl}/`).href);
  return app;
}

describe('the prerendered overview', () => {
  test('is in the HTML: chart and numbers, before the app\'s scripts run, equal to the live overview after hydration', async () => {
    const bare = await openWithoutScripts('/');
    await expect(bare.page.locator('[data-overview-source]').getAttribute('data-overview-source')).resolves.toBe('prerendered');
    await expect(bare.page.locator('[data-testid="severity-by-category-chart"] svg rect, [data-testid="severity-by-category-chart"] svg path').count()).resolves.toBeGreaterThan(16);
    await expect(bare.page.locator('html').getAttribute('data-db')).resolves.toBeNull(); // the app's scripts did not run
    const prerendered = await overviewNumbers(bare.page);
    const manifest = JSON.parse(await readFile(join(DEMO_DIR, 'manifest.json'), 'utf8')) as Manifest;
    expect(prerendered.rowCounts.map((r) => [r.table, Number(r.value)])).toEqual(Object.entries(manifest.tables).map(([t, e]) => [t, e.rows]));
    expect(prerendered.source).toBe(manifest.source.name);

    const live = await openApp('/');
    await waitForDb(live.page, { consoleErrors: live.consoleErrors });
    await live.page.locator('[data-overview-source="live"]').waitFor({ state: 'attached', timeout: 60_000 });
    expect(await overviewNumbers(live.page)).toEqual(prerendered);
    expect(live.consoleErrors).toEqual([]);
  });

  test('paints from the first frame and hands over to live numbers without a gap (prerendered, then live)', async () => {
    const app = await openApp('/', undefined, {
      initScript: `(() => {
        window.__sources = [];
        new MutationObserver(() => {
          const el = document.querySelector('[data-overview-source]');
          const s = el ? el.getAttribute('data-overview-source') || '(none)' : '(no overview)';
          // Recorded from the moment the parser has put the overview in; any gap after that shows.
          if (window.__sources.length === 0 && !el) return;
          if (window.__sources.at(-1) !== s) window.__sources.push(s);
        }).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-overview-source'] });
      })();`
    });
    await waitForDb(app.page, { consoleErrors: app.consoleErrors });
    await app.page.locator('[data-overview-source="live"]').waitFor({ state: 'attached', timeout: 60_000 });
    expect(await app.page.evaluate(() => (window as unknown as { __sources: string[] }).__sources)).toEqual(['prerendered', 'live']);
  });

  test.each(['/?export=other-export', '/?asOf=2021-01-01'])('is hidden before hydration under %s, whose numbers it is not', async (path) => {
    const bare = await openWithoutScripts(path);
    await expect(bare.page.locator('html').getAttribute('data-prerender-foreign')).resolves.toBe('');
    await expect(bare.page.locator('.overview').evaluate((el) => getComputedStyle(el).visibility)).resolves.toBe('hidden');
  });

  test('is shown under the default export named explicitly', async () => {
    const bare = await openWithoutScripts('/?export=demo');
    await expect(bare.page.locator('html').getAttribute('data-prerender-foreign')).resolves.toBeNull();
    await expect(bare.page.locator('.overview').evaluate((el) => getComputedStyle(el).visibility)).resolves.toBe('visible');
  });
});
