/**
 * The layout of every route at common laptop and desktop widths (1280, 1366, 1920 px), on one warm page (client-side
 * navigation, the viewport resized in place): the page never scrolls sideways, the document is not taller than what
 * it shows (nothing escapes below the footer), and no view says it is empty while it shows the thing it says is
 * missing. Each route is checked on the demo export and, when the real samples are there, on ToS;DR and Open Terms
 * Archive.
 */
import { readdir } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, inject, test } from 'vitest';
import { loadExport } from '../../scripts/lib/export-io';
import { ROOT } from '../../scripts/start';
import { clientGoto, warmApp, type WarmApp } from './app';
import { runQuery } from './sql-console';

const APP_DIR = inject('appDir');
const real = inject('realExports');
const WIDTHS = [1280, 1366, 1920] as const;
const HEIGHT = 900;

/** What the layout check finds wrong on the page as it is drawn now; empty when nothing. */
interface LayoutProblems {
  /** Pixels the page scrolls sideways, with the elements reaching past the right edge of its layout width. */
  overflowX: { by: number; culprits: string[] } | null;
  /** The document runs on below the footer: by how much, and the elements down there. */
  tooTall: { by: number; culprits: string[] } | null;
  /** Texts saying something is missing or empty next to a rendered table of it. */
  contradictions: string[];
  /** Tables that scroll sideways inside their box although the window is wide (1366 px and up): a column is cut. */
  cutTables: string[];
}

/**
 * Measured in the page. The culprits named (tag, test id, classes) are the elements whose box reaches below the footer
 * (or past the viewport's right edge) while their parent's does not, for the failure message.
 */
function measure(): LayoutProblems {
  const scroller = document.scrollingElement ?? document.documentElement;
  const name = (el: Element) => {
    const id = el.getAttribute('data-testid');
    const cls = [...el.classList].filter((c) => !c.startsWith('svelte-')).join('.');
    return `${el.tagName.toLowerCase()}${id ? `[data-testid=${id}]` : ''}${cls ? `.${cls}` : ''}`;
  };
  const path = (el: Element) => {
    const parts: string[] = [];
    for (let e: Element | null = el; e && e !== document.body && parts.length < 4; e = e.parentElement) parts.unshift(name(e));
    return parts.join(' > ');
  };
  // The elements that reach past a limit while their parent does not: where the overflow starts.
  const all = [...document.body.querySelectorAll('*')].filter((el) => getComputedStyle(el).display !== 'none');
  const escaping = (edge: (box: DOMRect) => number, limit: number) =>
    all
      .filter((el) => edge(el.getBoundingClientRect()) > limit + 0.5)
      .filter((el) => !el.parentElement || edge(el.parentElement.getBoundingClientRect()) <= limit + 0.5)
      .map(path)
      .slice(0, 8);

  // The width the page lays out in: the window less its vertical scrollbar. A page wider than that scrolls sideways
  // (comparing with innerWidth would let up to a scrollbar's width of overflow pass).
  const width = scroller.clientWidth;
  const byX = scroller.scrollWidth - width;
  const overflowX =
    byX > 0
      ? {
          by: byX,
          culprits: escaping((box) => box.right + window.scrollX, width)
        }
      : null;

  const footer = document.querySelector('body footer');
  const footerBottom = footer ? footer.getBoundingClientRect().bottom + window.scrollY : 0;
  // The footer's own bottom margin and the body's padding below it are the only room allowed under it.
  const allowed = footer ? Number.parseFloat(getComputedStyle(footer).marginBottom) + 2 : 0;
  const byY = scroller.scrollHeight - Math.max(footerBottom, window.innerHeight);
  const tooTall =
    !footer || byY > allowed
      ? {
          by: footer ? byY : Number.NaN,
          culprits: escaping((box) => box.bottom + window.scrollY, footerBottom + allowed)
        }
      : null;

  const visible = (el: Element) => {
    const box = el.getBoundingClientRect();
    return box.width > 0 && box.height > 0 && getComputedStyle(el).visibility !== 'hidden';
  };
  // An empty state beside what it says is not there: "… there is nothing to compare" above a comparison, or "No
  // captures of …" beside a table of captures. The message and the table share its parent (a
  // message elsewhere in the card, e.g. "one version only" above the list of versions, is about another thing).
  const contradictions: string[] = [];
  for (const text of document.querySelectorAll('main p, main [role="status"]')) {
    if (!visible(text) || text.closest('table') || !text.parentElement) continue;
    const said = (text as HTMLElement).innerText.trim();
    const noun = /^no (\w+)/i.exec(said)?.[1]?.toLowerCase().slice(0, 5);
    if (!noun && !/nothing to (compare|show)/i.test(said)) continue;
    // What a table lists: the noun of its count ("20 captures") when it has one, else its caption.
    const listed = (table: Element) =>
      (table.closest('.data-table')?.querySelector('.count')?.textContent ?? table.querySelector('caption')?.textContent ?? '')
        .replace(/[\d,.\s]+/, ' ')
        .toLowerCase();
    const tables = [...text.parentElement.querySelectorAll('table')].filter((table) => {
      if (![...table.querySelectorAll('tbody tr')].some(visible)) return false;
      return !noun || listed(table).includes(noun);
    });
    for (const table of tables) contradictions.push(`${path(text)}: “${said}” beside ${path(table)}`);
  }

  // Below 1366 px a wide table may scroll inside its box (its header says so by its scrollbar); from there on, every
  // table of the app's views fits.
  const cutTables =
    window.innerWidth < 1366
      ? []
      : [...document.querySelectorAll('main .data-table .scroll')]
          .filter((box) => visible(box) && box.scrollWidth > box.clientWidth + 1)
          .map((box) => `${path(box.querySelector('table') ?? box)}: ${box.scrollWidth - box.clientWidth} px cut`);
  return { overflowX, tooTall, contradictions, cutTables };
}

/**
 * The layout problems once the page has settled at the current width: charts and tables re-measure themselves after a
 * resize (ResizeObserver), so the check is polled until it comes out clean or the time is up, then reported in full.
 */
async function expectCleanLayout(page: Page, where: string): Promise<void> {
  let last: LayoutProblems | undefined;
  const clean = (p: LayoutProblems) =>
    p.overflowX === null && p.tooTall === null && p.contradictions.length === 0 && p.cutTables.length === 0;
  try {
    await expect.poll(async () => clean((last = await page.evaluate(measure))), { timeout: 10_000, interval: 250 }).toBe(true);
  } catch {
    expect(last, `${where}: ${JSON.stringify(last, null, 2)}`).toEqual({ overflowX: null, tooTall: null, contradictions: [], cutTables: [] });
  }
}

/** Waits until the element carrying `attribute` has one of `values`. */
async function attributeIs(page: Page, attribute: string, values: readonly string[], timeout = 60_000): Promise<string> {
  const handle = await page.waitForFunction(
    ([name, wanted]) => {
      const value = document.querySelector(`[${name}]`)?.getAttribute(name);
      return value && wanted.includes(value) ? value : null;
    },
    [attribute, values] as const,
    { timeout, polling: 100 }
  );
  return (await handle.jsonValue()) as string;
}

interface Visit {
  path: string;
  /** Resolves when the view has drawn what it is about (its own signal). */
  settle: (page: Page) => Promise<unknown>;
}

/** Every route of the app, with its signal; `ids` are a platform and provisions of the export visited. */
function visits(
  exportName: string | null,
  ids: { platform: string; otherPlatform: string; record: string; singleVersion: string | null }
): Visit[] {
  const q = exportName ? `?export=${exportName}` : '';
  const testid = (id: string) => (page: Page) => page.getByTestId(id).first().waitFor({ timeout: 60_000 });
  const list: Visit[] = [
    { path: `/${q}`, settle: (page) => attributeIs(page, 'data-overview-source', ['live']) },
    { path: `/platforms${q}`, settle: testid('platform-list') },
    { path: `/platforms/${encodeURIComponent(ids.platform)}${q}`, settle: testid('platform-page') },
    { path: `/compare${q}`, settle: (page) => attributeIs(page, 'data-compare-state', ['ready']) },
    { path: `/compare/matrix${q}`, settle: (page) => attributeIs(page, 'data-matrix-state', ['ready']) },
    {
      path: `/provisions/${encodeURIComponent(ids.record)}${q}`,
      settle: async (page) => {
        await page.getByTestId('provision-page').waitFor({ timeout: 60_000 });
        await page.locator('[data-testid="history"] table, [data-testid="history"] .absent').first().waitFor({ timeout: 60_000 });
      }
    },
    { path: `/timeline${q}`, settle: (page) => attributeIs(page, 'data-timeline-state', ['ready', 'no-history']) },
    { path: `/changes${q}`, settle: (page) => attributeIs(page, 'data-changes-state', ['ready', 'no-history']) },
    {
      path: `/sql${q}`,
      settle: async (page) => {
        await page.getByTestId('schema-browser').waitFor({ timeout: 60_000 });
        expect(await runQuery(page, 'SELECT * FROM provisions ORDER BY record_id LIMIT 200')).toBe('done');
      }
    },
    {
      path: `/data${q}`,
      // Every table's rows counted by the engine ("…" until then).
      settle: async (page) => {
        await page.getByTestId('loaded-tables').waitFor({ timeout: 60_000 });
        await page.waitForFunction(() => ![...document.querySelectorAll('[data-testid="table-rows"]')].some((e) => e.textContent === '…'), undefined, { timeout: 60_000 });
      }
    },
    {
      path: `/platforms/compare?ids=${encodeURIComponent(ids.platform)},${encodeURIComponent(ids.otherPlatform)}${exportName ? `&export=${exportName}` : ''}`,
      settle: (page) => attributeIs(page, 'data-pvp-state', ['ready'])
    },
    { path: `/search?q=data${exportName ? `&export=${exportName}` : ''}`, settle: (page) => attributeIs(page, 'data-search-state', ['ready']) },
    { path: `/regulations${q}`, settle: (page) => attributeIs(page, 'data-regulations-state', ['ready']) },
    { path: `/agencies${q}`, settle: (page) => attributeIs(page, 'data-agencies-state', ['ready']) },
    { path: `/provisions/no-such-record${q}`, settle: testid('not-found') },
    { path: `/platforms/no-such-platform${q}`, settle: testid('not-found') }
  ];
  if (ids.singleVersion) {
    list.push({
      path: `/provisions/${encodeURIComponent(ids.singleVersion)}${q}`,
      settle: async (page) => {
        await page.getByTestId('provision-page').waitFor({ timeout: 60_000 });
        await page.getByTestId('diff-single').waitFor({ timeout: 60_000 });
        // Whatever the diff reads starts at once (aria-busy); once nothing is busy, what it shows is final.
        await page.locator('[data-testid="clause-diff"] [aria-busy="true"]').waitFor({ state: 'detached', timeout: 60_000 });
        expect(await page.getByTestId('diff-facts').count(), 'a version compared with itself').toBe(0);
      }
    });
  }
  return list;
}

/** The ids a visit needs, read in Node from the export's files. */
async function idsOf(dir: string) {
  const node = await loadExport(dir);
  try {
    // ToS;DR keeps no versions (no provision_versions table): any provision then, and none with a single version.
    const [versioned] = await node.db.query(
      "SELECT count(*) AS n FROM information_schema.tables WHERE table_name = 'provision_versions'"
    );
    const hasVersions = Number(versioned!.n) > 0;
    const [many] = hasVersions
      ? await node.db.query(
          `SELECT p.platform_id, p.record_id FROM provisions AS p
           WHERE p.record_id IN (SELECT record_id FROM provision_versions GROUP BY record_id HAVING count(*) > 1)
           ORDER BY p.record_id LIMIT 1`
        )
      : [];
    const [first] = many ? [many] : await node.db.query('SELECT platform_id, record_id FROM provisions ORDER BY record_id LIMIT 1');
    const [single] = hasVersions
      ? await node.db.query('SELECT record_id FROM provision_versions GROUP BY record_id HAVING count(*) = 1 ORDER BY record_id LIMIT 1')
      : [];
    const [other] = await node.db.query('SELECT platform_id FROM platforms WHERE platform_id <> ? ORDER BY platform_id LIMIT 1', [String(first!.platform_id)]);
    return {
      platform: String(first!.platform_id),
      otherPlatform: String(other!.platform_id),
      record: String(first!.record_id),
      singleVersion: single ? String(single.record_id) : null
    };
  } finally {
    node.db.close();
  }
}

/** Every route file's URL pattern (`/platforms/[platform_id]`), so a new route cannot go unvisited. */
async function routePatterns(): Promise<string[]> {
  const routes = join(ROOT, 'src', 'routes');
  const found: string[] = [];
  for (const entry of await readdir(routes, { recursive: true })) {
    if (!entry.endsWith('+page.svelte')) continue;
    const dir = relative(routes, join(routes, entry, '..'));
    found.push(`/${dir.split(sep).filter(Boolean).join('/')}`);
  }
  return found.sort();
}

/** Whether a visited path is an instance of a route pattern. */
const matches = (pattern: string, path: string) =>
  new RegExp(`^${pattern.replace(/\[[^\]]+\]/g, '[^/]+')}$`).test(new URL(path, 'http://x').pathname);

/** The layout tests of every route on one export's warm page; returns that page, for more tests on it. */
function layoutSuite(exportName: string | null, dir: string): WarmApp {
  const app = warmApp(exportName ? `/?export=${exportName}` : '/', { handOver: exportName === null });
  let ids: Awaited<ReturnType<typeof idsOf>>;
  beforeAll(async () => {
    ids = await idsOf(dir);
  });
  afterAll(() => app.session.page.setViewportSize({ width: 1280, height: HEIGHT }).catch(() => undefined));

  test('every route of src/routes is visited', async () => {
    const paths = visits(exportName, ids).map((v) => v.path);
    const unvisited = (await routePatterns()).filter((pattern) => !paths.some((path) => matches(pattern, path)));
    expect(unvisited).toEqual([]);
  });

  // One test per route, named by its pattern (the ids are read in beforeAll): a route that breaks names itself, and
  // no test runs long.
  const titles = visits(exportName, { platform: '[platform_id]', otherPlatform: '[another platform_id]', record: '[record_id]', singleVersion: '[one-version record_id]' });
  titles.forEach(({ path }, index) => {
    const title = decodeURIComponent(path);
    test(`${title}: no sideways scroll, no overlong document, no contradictory empty state at ${WIDTHS.join(', ')} px`, async ({
      skip
    }) => {
      const visit = visits(exportName, ids)[index];
      if (!visit) return skip('this export has no provision with a single version');
      const { page } = app.session;
      await page.setViewportSize({ width: WIDTHS[0], height: HEIGHT });
      await clientGoto(page, visit.path);
      await visit.settle(page);
      for (const width of WIDTHS) {
        await page.setViewportSize({ width, height: HEIGHT });
        await expectCleanLayout(page, `${visit.path} at ${width} px`);
      }
      expect(app.session.consoleErrors).toEqual([]);
    });
  });
  return app;
}

/** Where the controls of a filter card are drawn: the as-of date, and the right edge of what the filters draw. */
async function controlsBoxes(page: Page) {
  return page.evaluate(() => {
    // What is drawn: a closed menu's panel has a box too, but is not shown.
    const right = (el: Element | null) =>
      el
        ? Math.max(...[...el.querySelectorAll('*')].filter((e) => e.checkVisibility()).map((e) => e.getBoundingClientRect().right))
        : Number.NaN;
    const asOf = document.querySelector('main [data-testid="as-of"]')!.getBoundingClientRect();
    const filter = document.querySelector('main [data-testid="platform-filter"]')!.getBoundingClientRect();
    return { asOfLeft: asOf.left, asOfTop: asOf.top, filtersRight: right(document.querySelector('main [data-testid="platform-filter"]')), filterBottom: filter.bottom };
  });
}

describe('layout on the demo export', () => {
  const DEMO_DIR = join(APP_DIR, 'exports', 'demo');
  const app = layoutSuite(null, DEMO_DIR);

  // On the same warm page as the layout tests above: each starts at 1280 px, wherever they left it.
  describe('what the views say', () => {
    beforeEach(() => app.session.page.setViewportSize({ width: 1280, height: HEIGHT }));

    test('the matrix legend says what a coloured cell without a number is, and the cells draw it so', async () => {
      const { page } = app.session;
      await clientGoto(page, '/compare/matrix');
      await attributeIs(page, 'data-matrix-state', ['ready']);
      expect(await page.getByTestId('matrix-count-key').innerText()).toBe('colour alone = one provision, a number = that many');
      // The grid is virtualised: its cells are drawn once it has measured its box (evaluateAll does not wait).
      await page.locator('button[data-cell]').first().waitFor({ state: 'attached' });
      const cells = await page.locator('button[data-cell]').evaluateAll((buttons) =>
        buttons.map((b) => ({ n: Number(b.getAttribute('data-provisions')), text: (b as HTMLElement).innerText.trim() }))
      );
      expect(cells.filter((c) => c.n === 1).length).toBeGreaterThan(0);
      expect(cells.filter((c) => c.n > 1).length).toBeGreaterThan(0);
      for (const cell of cells) expect(cell.text).toBe(cell.n === 0 ? '–' : cell.n === 1 ? '' : String(cell.n));
    });

    test('the compare and matrix filter cards put the date beside the filters, not on a band of its own', async () => {
      const { page } = app.session;
      for (const [path, attribute] of [['/compare', 'data-compare-state'], ['/compare/matrix', 'data-matrix-state']] as const) {
        await clientGoto(page, path);
        await attributeIs(page, attribute, ['ready']);
        for (const width of [1280, 1366, 1920]) {
          await page.setViewportSize({ width, height: HEIGHT });
          const box = await controlsBoxes(page);
          // Right of everything the platform filter draws, and starting above its bottom: beside it, in its band.
          expect(box.asOfLeft, `${path} at ${width} px`).toBeGreaterThanOrEqual(box.filtersRight);
          expect(box.asOfTop, `${path} at ${width} px`).toBeLessThan(box.filterBottom);
        }
      }
      await page.setViewportSize({ width: 1280, height: HEIGHT });
    });

    test('the timeline says its category count is of today and its platform count of the range', async () => {
      const { page } = app.session;
      await clientGoto(page, '/timeline');
      await attributeIs(page, 'data-timeline-state', ['ready']);
      await attributeIs(page, 'data-strips-state', ['ready']);
      const picker = page.locator('section[aria-labelledby="strips-h"] [data-testid="category-select"]');
      const category = await picker.inputValue();
      const label = await picker.locator('option:checked').innerText();
      const node = await loadExport(DEMO_DIR);
      try {
        const [today] = await node.db.query(
          "SELECT count(DISTINCT platform_id) AS n FROM provisions WHERE status = 'active' AND category_id = ?",
          [category]
        );
        expect(label).toMatch(new RegExp(`\\(${Number(today!.n).toLocaleString('en-US')} platforms today\\)$`));
      } finally {
        node.db.close();
      }
      expect(await page.getByTestId('strips-count').innerText()).toMatch(
        /^\d[\d,]* platforms? with a provision in this category during the range$/
      );
    });
  });
});

for (const name of ['tosdr', 'ota'] as const) {
  describe.skipIf(!real.available)(`layout on the real ${name} export${real.available ? '' : ` (skipped: ${real.why})`}`, () => {
    layoutSuite(name, join(APP_DIR, 'exports', name));
  });
}
