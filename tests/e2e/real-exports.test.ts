/**
 * Every view opens and settles on the two real archives, imported by the project's importers from ../shared/data
 * (ToS;DR 2021: no history, documents often unnamed; Open Terms Archive genai-eu: rule-found, unrated provisions with
 * a year of versions): no load error, no error state, no console error, no request off the app's origin. The views'
 * own truths on these exports are tested beside their other tests; this is the floor under them.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { loadExport, type LoadedExport } from '../../scripts/lib/export-io';
import { clientGoto, warmApp } from './app';
import { assertSameOrigin } from './browser';

const real = inject('realExports');
const APP_DIR = inject('appDir');

/** Waits until `attribute` on the element carrying it is one of `settled`, and returns it. */
async function settledState(page: Page, attribute: string, settled: readonly string[]): Promise<string> {
  const handle = await page.waitForFunction(
    ([name, values]) => {
      const value = document.querySelector(`[${name}]`)?.getAttribute(name);
      return value && values.includes(value) ? value : null;
    },
    [attribute, settled] as const,
    { timeout: 90_000, polling: 100 }
  );
  return (await handle.jsonValue()) as string;
}

for (const name of ['tosdr', 'ota'] as const) {
  describe.skipIf(!real.available)(`every view on the real ${name} export${real.available ? '' : ` (skipped: ${real.why})`}`, () => {
    let node: LoadedExport;
    let ids: { platform: string; record: string; provisions: number };

    beforeAll(async () => {
      node = await loadExport(join(APP_DIR, 'exports', name));
      const [first] = await node.db.query(
        'SELECT p.platform_id, p.record_id, (SELECT count(*) FROM provisions) AS n FROM provisions AS p ORDER BY p.record_id LIMIT 1'
      );
      ids = { platform: String(first!.platform_id), record: String(first!.record_id), provisions: Number(first!.n) };
    });
    afterAll(() => node?.db.close());
    // One load of the export for both tests: opened cold on the overview, then moved between views in the app.
    const app = warmApp(`/?export=${name}`);

    test('overview, compare, matrix, a platform, a provision, timeline and changes settle without error', async () => {
      const session = app.session;
      const { page, consoleErrors } = session;
      expect(await settledState(page, 'data-overview-source', ['live'])).toBe('live');

      const visits: [string, () => Promise<unknown>][] = [
        [`/compare?export=${name}`, () => settledState(page, 'data-compare-state', ['ready', 'error'])],
        [`/compare/matrix?export=${name}`, () => settledState(page, 'data-matrix-state', ['ready', 'error'])],
        [`/timeline?export=${name}`, () => settledState(page, 'data-timeline-state', ['ready', 'no-history', 'error'])],
        [`/changes?export=${name}`, () => settledState(page, 'data-changes-state', ['ready', 'no-history', 'error'])],
        [`/platforms/${encodeURIComponent(ids.platform)}?export=${name}`, () => page.getByTestId('platform-page').waitFor({ timeout: 60_000 })],
        [`/provisions/${encodeURIComponent(ids.record)}?export=${name}`, () => page.getByTestId('provision-page').waitFor({ timeout: 60_000 })]
      ];
      for (const [path, settle] of visits) {
        await clientGoto(page, path);
        const state = await settle();
        const alert = state === 'error' ? await page.locator('[role="alert"]').allInnerTexts() : [];
        expect(state, `${path}: ${alert.join(' / ')}`).not.toBe('error');
        expect(await page.getByTestId('load-error').count(), path).toBe(0);
      }
      // The history views say what the export lacks instead of failing: ToS;DR keeps no versions.
      await clientGoto(page, `/timeline?export=${name}`);
      expect(await settledState(page, 'data-timeline-state', ['ready', 'no-history', 'error'])).toBe(name === 'tosdr' ? 'no-history' : 'ready');

      expect(consoleErrors).toEqual([]);
      assertSameOrigin(session, session.appUrl);
    });

    test('the overview names the source and counts the file’s provisions', async () => {
      const { page } = await app.goto(`/?export=${name}`, (p) => settledState(p, 'data-overview-source', ['live']));
      const row = page.locator('[data-testid="row-count"][data-table="provisions"]');
      await expect.poll(() => row.getAttribute('data-value'), { timeout: 30_000 }).toBe(String(ids.provisions));
      expect(await page.getByTestId('export-source').innerText()).toBe(node.manifest.source.name);
    });
  });
}
