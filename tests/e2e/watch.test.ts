/**
 * Watch and feed (issue 10): follow a platform and a category, and the overview lists every change to them since the
 * last visit, as the same statements give them in Node; the follows survive a reload; /changes links the export's
 * Atom feed, which a browser's XML parser reads as a well-formed Atom document with one entry per change.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { loadExport, type LoadedExport } from '../../scripts/lib/export-io';
import { FEED_ENTRIES } from '../../scripts/lib/atom-feed';
import { changesCountQuery } from '../../src/lib/queries/changes';
import { NO_FILTER } from '../../src/lib/queries/version-filters';
import { exportToday } from '../../src/lib/time/today';
import { loadSinceLastVisit } from '../../src/lib/watch/since';
import { visitsKey } from '../../src/lib/watch/storage';
import { nodeDbAdapter } from '../helpers/node-db-adapter';
import { clientGoto, openApp } from './app';
import { waitForDb } from './browser';

const DEMO_DIR = join(inject('appDir'), 'exports', 'demo');

let loaded: LoadedExport;
let today: string;
let lastVisit: string;

beforeAll(async () => {
  loaded = await loadExport(DEMO_DIR);
  today = exportToday(loaded.manifest);
  // A visit two months before the export's last day: the demo changes every few days.
  const d = new Date(`${today}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 60);
  lastVisit = d.toISOString().slice(0, 10);
});
afterAll(() => loaded?.db.close());

/** Before the app runs: the browser last opened this export on `day` (the app records visits per export). */
const visitedOn = (day: string) =>
  `localStorage.setItem(${JSON.stringify(visitsKey(loaded.manifest.source.name))}, ${JSON.stringify(JSON.stringify({ day, previous: null }))});`;

describe('watch and feed', () => {
  test('follow a platform and a category; the overview lists their changes since the last visit, as in Node', async () => {
    const [platform] = await loaded.db.query('SELECT platform_id FROM platforms ORDER BY platform_id LIMIT 1');
    const platformId = String(platform!.platform_id);
    const category = 'data_sharing';
    const { page, consoleErrors } = await openApp('/', undefined, { initScript: visitedOn(lastVisit) });
    await waitForDb(page, { consoleErrors });
    await expect(page.getByTestId('since-empty').innerText()).resolves.toMatch(/You follow nothing/);

    await clientGoto(page, `/platforms/${platformId}`);
    const follow = page.locator(`[data-testid="follow-button"][data-follow-id="${platformId}"]`);
    await expect(follow.getAttribute('aria-pressed')).resolves.toBe('false');
    await follow.press('Enter'); // the keyboard works
    await expect.poll(() => follow.getAttribute('aria-pressed')).toBe('true');

    await clientGoto(page, `/compare?category=${category}`);
    const followCategory = page.locator(`[data-testid="follow-button"][data-follow-id="${category}"]`);
    await followCategory.waitFor({ timeout: 60_000 });
    await followCategory.click();
    await expect.poll(() => followCategory.getAttribute('aria-pressed')).toBe('true');

    const expected = await loadSinceLastVisit(nodeDbAdapter(loaded.db), { platforms: [platformId], categories: [category] }, lastVisit, today);
    expect(expected.latest.length, 'the demo has changes in two months of a followed category').toBeGreaterThan(0);
    const check = async () => {
      const since = page.getByTestId('since-last-visit');
      await page.locator('[data-testid="since-last-visit"][data-state="ready"]').waitFor({ timeout: 60_000 });
      await expect(since.getByTestId('since-platforms-link').innerText()).resolves.toContain(`${expected.platformChanges} change`);
      await expect(since.getByTestId('since-categories-link').innerText()).resolves.toContain(`${expected.categoryChanges} change`);
      const href = await since.getByTestId('since-categories-link').getAttribute('href');
      expect(new URL(href!, 'http://x').searchParams.toString()).toBe(`from=${lastVisit}&to=${today}&category=${category}`);
      const rows = await since.getByTestId('change-row').evaluateAll((els) =>
        els.map((e) => `${(e as HTMLElement).dataset.record} v${(e as HTMLElement).dataset.version} ${(e as HTMLElement).dataset.kind}`)
      );
      expect(rows).toEqual(expected.latest.map((c) => `${c.recordId} v${c.version} ${c.kind}`));
    };
    await clientGoto(page, '/');
    await check();

    // Kept in the browser: a reload on the same day shows the same list (the visit before today stays the one set).
    await page.reload();
    await waitForDb(page, { consoleErrors });
    await check();
    expect(consoleErrors).toEqual([]);
  });

  test('opening the app on any page records the visit (not only the overview)', async () => {
    const { page, consoleErrors } = await openApp('/sql', undefined, { initScript: visitedOn(lastVisit) });
    await waitForDb(page, { consoleErrors });
    const key = visitsKey(loaded.manifest.source.name);
    await expect
      .poll(() => page.evaluate((k) => JSON.parse(localStorage.getItem(k) ?? 'null'), key))
      .toEqual({ day: await page.evaluate(() => new Date().toISOString().slice(0, 10)), previous: lastVisit });
    expect(consoleErrors).toEqual([]);
  });

  test('/changes links the Atom feed: well-formed Atom 1.0, one entry per change, the latest first', async () => {
    const { page, consoleErrors } = await openApp('/changes');
    await waitForDb(page, { consoleErrors });
    const link = page.getByTestId('atom-feed-link');
    const href = await link.getAttribute('href');
    expect(href).toBe('/exports/demo/changes.atom');
    await expect(page.locator('head link[rel="alternate"][type="application/atom+xml"]').getAttribute('href')).resolves.toBe(href);
    const feed = await page.evaluate(async (url) => {
      const response = await fetch(url);
      const doc = new DOMParser().parseFromString(await response.text(), 'application/xml');
      const ns = 'http://www.w3.org/2005/Atom';
      const child = (el: Element, name: string) => [...el.children].filter((c) => c.namespaceURI === ns && c.localName === name);
      const root = doc.documentElement;
      return {
        type: response.headers.get('content-type'),
        parseError: doc.getElementsByTagName('parsererror').length > 0,
        root: `${root.namespaceURI} ${root.localName}`,
        feedHas: ['id', 'title', 'updated', 'author'].map((n) => child(root, n).length),
        entries: child(root, 'entry').map((e) => ({
          has: ['id', 'title', 'updated', 'content'].map((n) => child(e, n).length),
          id: child(e, 'id')[0]?.textContent ?? '',
          updated: child(e, 'updated')[0]?.textContent ?? ''
        }))
      };
    }, href!);
    expect(feed.parseError).toBe(false);
    expect(feed.type).toMatch(/^application\/atom\+xml/);
    expect(feed.root).toBe('http://www.w3.org/2005/Atom feed');
    expect(feed.feedHas).toEqual([1, 1, 1, 1]);
    const first = '1990-01-01';
    const [{ changes }] = (await loaded.db.query(changesCountQuery({ filter: NO_FILTER, from: first, to: exportToday(loaded.manifest), kinds: [] }).sql, changesCountQuery({ filter: NO_FILTER, from: first, to: exportToday(loaded.manifest), kinds: [] }).params)) as [{ changes: number }];
    expect(feed.entries).toHaveLength(Math.min(FEED_ENTRIES, changes));
    expect(feed.entries.every((e) => e.has.join() === '1,1,1,1' && /^urn:uuid:[0-9a-f-]{36}$/.test(e.id))).toBe(true);
    expect(new Set(feed.entries.map((e) => e.id)).size).toBe(feed.entries.length);
    const times = feed.entries.map((e) => Date.parse(e.updated));
    expect(times).toEqual([...times].sort((a, b) => b - a));
    expect(consoleErrors).toEqual([]);
  });
});
