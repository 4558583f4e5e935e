/**
 * The downloads of the charts and summaries, in the built app on the demo export, in one warm page: each new CSV holds
 * the numbers the view shows (its table, or the same query run in Node on the same files); each chart's SVG is a
 * standalone file (parsed by the browser's XML parser: its title, its size, no class or CSS variable left, as many
 * marks as the chart on screen) and its PNG a real PNG at twice that size (signature, IHDR); no CSP violation.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { loadExport, type LoadedExport } from '../../scripts/lib/export-io';
import { rowsToCsv } from '../../src/lib/export/csv';
import { categoryCoverageExport, cellProvisionsExport, severityBreakdownExport, severityByCategoryExport, tableRowsExport } from '../../src/lib/export/view-tables';
import { loadOverview } from '../../src/lib/queries/overview';
import { loadCellProvisions, matrixCellsQuery } from '../../src/lib/queries/matrix';
import { loadCitations } from '../../src/lib/citations/load-citations';
import { nodeDbAdapter } from '../helpers/node-db-adapter';
import { readCsv } from '../export/csv-read';
import { warmApp } from './app';
import { runQuery } from './sql-console';
import { savedDownload } from './browser';

const APP_DIR = inject('appDir');
let demo: LoadedExport;

beforeAll(async () => {
  demo = await loadExport(join(APP_DIR, 'exports', 'demo'));
});
afterAll(() => demo?.db.close());

interface Saved {
  name: string;
  bytes: Buffer;
}

async function save(page: Page, scope: Locator, label: string): Promise<Saved> {
  const button = scope.getByRole('button', { name: label, exact: true });
  await expect.poll(() => button.isEnabled(), { timeout: 30_000 }).toBe(true);
  const [file] = await Promise.all([page.waitForEvent('download', { timeout: 30_000 }), button.click()]);
  return { name: file.suggestedFilename(), bytes: await readFile(await savedDownload(file)) };
}

const csvOf = (saved: Saved) => readCsv(saved.bytes.toString('utf8'));
const digits = (text: string) => text.replace(/[^0-9]/g, '');

/**
 * The SVG file read by the browser's XML parser, beside the chart on screen: what the file says of itself, and how
 * many marks (rect, path, circle, line) each has.
 */
async function checkSvg(page: Page, frame: Locator, saved: Saved, title: string) {
  const text = saved.bytes.toString('utf8');
  const parsed = await frame.evaluate((el, source) => {
    const doc = new DOMParser().parseFromString(source, 'image/svg+xml');
    const root = doc.documentElement;
    // Marks of the drawing, not of the patterns its fills use (copied into the file's <defs>).
    // On screen, a hover highlight (none while the pointer is away, as the test keeps it) is not part of the chart.
    const marks = (layers: Element[]) =>
      layers.reduce(
        (n, layer) =>
          n + [...layer.querySelectorAll('rect, path, circle, line, polyline')].filter((m) => !m.closest('defs, pattern, [class*="lc-highlight-"]')).length,
        0
      );
    const screen = [...el.querySelectorAll('svg.lc-layout-svg')];
    return {
      error: doc.querySelector('parsererror')?.textContent ?? null,
      name: root.localName,
      ns: root.namespaceURI,
      width: Number(root.getAttribute('width')),
      height: Number(root.getAttribute('height')),
      viewBox: root.getAttribute('viewBox'),
      title: root.querySelector(':scope > title')?.textContent ?? null,
      texts: [...root.querySelectorAll(':scope > text')].map((t) => t.textContent),
      layers: root.querySelectorAll(':scope > svg').length,
      screenLayers: screen.length,
      fileMarks: marks([...root.querySelectorAll(':scope > svg')]),
      screenMarks: marks(screen),
      classes: root.querySelectorAll('[class]').length,
      font: root.getAttribute('font-family')
    };
  }, text);
  expect(parsed.error).toBeNull();
  expect(parsed).toMatchObject({ name: 'svg', ns: 'http://www.w3.org/2000/svg', title, classes: 0 });
  expect(parsed.viewBox).toBe(`0 0 ${parsed.width} ${parsed.height}`);
  expect(parsed.width).toBeGreaterThan(100);
  expect(parsed.height).toBeGreaterThan(50);
  expect(parsed.font).toBeTruthy();
  // The title above the chart (wrapped between words when the chart is narrow), then the legend, then the credit lines:
  // the demo's source and attribution, as its manifest says.
  const words = (t: string) => t.split(/\s+/).filter(Boolean).join(' ');
  const all = words(parsed.texts.join(' '));
  expect(all.startsWith(words(title))).toBe(true);
  const credit = all.slice(all.indexOf('Data: '));
  expect(credit).toContain(`Data: ${demo.manifest.source.name}`);
  expect(credit).toContain(words(demo.manifest.source.attribution));
  expect(parsed.layers).toBe(parsed.screenLayers);
  expect(parsed.fileMarks).toBeGreaterThan(0);
  expect(parsed.fileMarks).toBe(parsed.screenMarks);
  // The look is inlined: nothing points at the page's stylesheet or its variables.
  expect(text).not.toMatch(/var\(--/);
  return parsed;
}

/** A PNG: its 8-byte signature, then the IHDR chunk holding width and height (big-endian, at bytes 16 and 20). */
function checkPng(saved: Saved, svg: { width: number; height: number }) {
  const b = saved.bytes;
  expect([...b.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  expect(b.subarray(12, 16).toString('ascii')).toBe('IHDR');
  expect({ width: b.readUInt32BE(16), height: b.readUInt32BE(20) }).toEqual({ width: svg.width * 2, height: svg.height * 2 });
  // More than a blank canvas: an all-white 2x image of this size compresses to far less.
  expect(b.length).toBeGreaterThan(5_000);
}

/** The chart has stopped changing: the same number of marks on two reads in a row (layerchart may still be drawing). */
async function settledChart(frame: Locator) {
  // The pointer away from the chart: no hover highlight drawn while it is counted.
  await frame.page().mouse.move(0, 0);
  let last = -1;
  await expect
    .poll(
      async () => {
        const n = await frame.evaluate((el) => el.querySelectorAll('svg.lc-layout-svg :is(rect, path, circle, line, polyline)').length);
        const same = n === last && n > 0;
        last = n;
        return same;
      },
      { timeout: 30_000, interval: 200 }
    )
    .toBe(true);
}

/** SVG and PNG of the chart in `frame`, whose download row is `row`; returns the file names. */
async function checkImages(page: Page, frame: Locator, row: Locator, title: string) {
  await settledChart(frame);
  const svg = await save(page, row, 'Download chart (SVG)');
  const parsed = await checkSvg(page, frame, svg, title);
  const png = await save(page, row, 'Download chart (PNG)');
  checkPng(png, parsed);
  return { svg: svg.name, png: png.name, texts: parsed.texts };
}

/**
 * The rows of a chart's table, opened first ("Show these numbers as a table": `details`, when the table is built only
 * once open; else the `<details>` around it): header cells and body cells as text.
 */
async function tableTexts(page: Page, table: Locator, details: Locator = table.locator('xpath=ancestor::details[1]')): Promise<string[][]> {
  if ((await details.count()) > 0 && !(await details.evaluate((d) => (d as HTMLDetailsElement).open))) await details.locator('summary').click();
  await table.locator('tbody tr').first().waitFor();
  return table.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('th, td')].map((c) => (c as HTMLElement).innerText.trim())));
}

describe('downloads of charts and summaries on the demo export', () => {
  const warm = warmApp('/', { handOver: true });

  test('overview: severity by category as CSV (the query in Node, the table on screen), SVG and PNG', async () => {
    const { page } = await warm.goto('/', (p) => p.locator('[data-testid="severity-by-category-chart"] svg.lc-layout-svg:not(.static-chart)').first().waitFor({ timeout: 60_000 }));
    const row = page.getByTestId('chart-downloads');
    const csv = await save(page, row, 'Download numbers (CSV)');
    expect(csv.name).toBe('termscope-overview-severity.csv');
    const data = await loadOverview(nodeDbAdapter(demo.db), demo.manifest);
    const expected = severityByCategoryExport(data.severity_by_category);
    expect(csv.bytes.toString('utf8')).toBe(rowsToCsv(expected.rows, expected.columns));
    // And the table the page shows: name, the six levels, total.
    const shown = await tableTexts(page, page.locator('table').filter({ has: page.locator('caption', { hasText: 'per category and severity' }) }));
    const body = csvOf(csv).slice(1);
    expect(shown.map((r) => [r[0], ...r.slice(1).map(digits)])).toEqual(body.map((r) => [r[1], ...r.slice(3)]));

    const names = await checkImages(page, page.getByTestId('severity-by-category-chart'), row, 'Active provisions per category, by severity');
    expect(names).toMatchObject({ svg: 'termscope-overview-severity.svg', png: 'termscope-overview-severity.png' });
    // The legend (HTML on the page) is drawn in the file, under the title: the levels the page's legend lists.
    const legend = await page.getByRole('list', { name: 'Severity colours' }).first().locator('li').allInnerTexts();
    expect(names.texts.slice(1, 7)).toEqual(['Critical', 'High', 'Medium', 'Low', 'Info', 'Unrated']);
    expect(legend.map((t) => t.trim())).toEqual(names.texts.slice(1, 7));
  });

  test("overview: rows per table, provisions by severity and the categories as CSV, equal to the same numbers in Node", async () => {
    const { page } = await warm.goto('/', (p) => p.getByTestId('coverage-downloads').waitFor({ timeout: 60_000 }));
    const data = await loadOverview(nodeDbAdapter(demo.db), demo.manifest);
    const cases = [
      ['tables-downloads', 'termscope-overview-tables.csv', tableRowsExport(data.row_counts)],
      ['by-severity-downloads', 'termscope-overview-by-severity.csv', severityBreakdownExport(data.by_severity, data.provisions.active)],
      ['coverage-downloads', 'termscope-overview-categories.csv', categoryCoverageExport(data.coverage, data.platform_total)]
    ] as const;
    for (const [testid, name, expected] of cases) {
      const csv = await save(page, page.getByTestId(testid), 'Download numbers (CSV)');
      expect(csv.name).toBe(name);
      expect(csv.bytes.toString('utf8')).toBe(rowsToCsv(expected.rows, expected.columns));
    }
    // The categories file lists what the page lists: each category row's platforms.
    const shown = await page.getByTestId('category-row').evaluateAll((rows) => rows.map((r) => [(r as HTMLElement).dataset.categoryId, (r as HTMLElement).dataset.platforms]));
    const byId = new Map(data.coverage.map((c) => [c.category_id, String(c.platforms)]));
    expect(shown.length).toBeGreaterThan(0);
    for (const [id, platforms] of shown) expect(byId.get(id!)).toBe(platforms);
  });

  test('compare: the standing and sector bars as CSV (their tables), SVG and PNG', async () => {
    const { page } = await warm.goto('/compare', (p) => p.locator('[data-compare-state="ready"]').waitFor({ timeout: 60_000 }));
    for (const id of ['standing-chart', 'sector-chart']) {
      const frame = page.getByTestId(id);
      await frame.locator('svg.lc-layout-svg').first().waitFor({ timeout: 30_000 });
      const row = page.getByTestId(`${id}-downloads`);
      const csv = await save(page, row, 'Download numbers (CSV)');
      expect(csv.name).toMatch(new RegExp(`^termscope-compare-${id === 'standing-chart' ? 'standing' : 'sectors'}-[a-z_]+\\.csv$`));
      const [header, ...body] = csvOf(csv);
      expect(header!.slice(2)).toEqual(['critical', 'high', 'medium', 'low', 'info', 'unrated', 'no_provision', 'platforms']);
      const shown = await tableTexts(page, page.getByTestId(`${id}-table`));
      expect(body.map((r) => [r[1], ...r.slice(2)])).toEqual(shown.map((r) => [r[0], ...r.slice(1).map(digits)]));
      expect(body.length).toBeGreaterThan(0);
      await checkImages(page, frame, row, await frame.getAttribute('aria-label').then((l) => l!.replace(' The numbers are in the table below.', '')));
    }
  });

  test('timeline: the severity index and the strips as CSV (their tables), the charts as SVG and PNG', async () => {
    const { page } = await warm.goto('/timeline?bucket=quarter&indexBy=sector', async (p) => {
      await p.locator('[data-index-state="ready"]').waitFor({ timeout: 60_000 });
      await p.locator('[data-strips-state="ready"]').waitFor({ timeout: 60_000 });
    });
    await checkImages(page, page.getByTestId('timeline-chart'), page.getByTestId('timeline-chart-downloads'), 'Provisions in force, by severity');

    const indexRow = page.getByTestId('index-chart-downloads');
    const index = await save(page, indexRow, 'Download numbers (CSV)');
    expect(index.name).toMatch(/^termscope-timeline-index-from-\d{4}-\d\d-\d\d-to-\d{4}-\d\d-\d\d-quarter-sector\.csv$/);
    const [header, ...body] = csvOf(index);
    expect(header).toEqual(['bucket_start', 'state_at_end_of', 'group', 'group_label', 'severity_index', 'rated', 'unrated']);
    // The table: one row per year; "All shown" then each group as "index (rated / unrated)", the index to 2 places.
    const shown = await tableTexts(page, page.getByTestId('index-table'), page.locator('[data-index-state="ready"] details'));
    const groups = new Set(body.map((r) => r[2])).size;
    expect(body.length).toBe(shown.length * groups);
    shown.forEach((cells, i) => {
      const mine = body.slice(i * groups, (i + 1) * groups);
      const fromFile = mine.map((r, k) => (r[4] === null ? '—' : Number(r[4]).toFixed(2)) + (k === 0 ? '' : ` (${r[5]} / ${r[6]})`));
      expect(cells.slice(1).map((c) => c.replace(/,/g, ''))).toEqual(fromFile);
    });
    await checkImages(page, page.getByTestId('index-chart'), indexRow, 'Severity index (0 = info … 4 = critical; rated provisions in force)');

    const strips = await save(page, page.getByTestId('strips-downloads'), 'Download numbers (CSV)');
    expect(strips.name).toMatch(/^termscope-timeline-strips-.*\.csv$/);
    const [sh, ...segments] = csvOf(strips);
    expect(sh).toEqual(['platform_id', 'platform', 'from', 'to', 'severity', 'record_id', 'version', 'valid_from', 'valid_to', 'provisions_in_force']);
    // Every segment drawn, platform by platform in the order drawn, is a row of the file.
    const drawn = await page.getByTestId('strip-segment').evaluateAll((els) =>
      els.map((e) => [e.closest<HTMLElement>('[data-platform]')!.dataset.platform, (e as HTMLElement).dataset.record, (e as HTMLElement).dataset.version, (e as HTMLElement).dataset.severity])
    );
    expect(segments.map((r) => [r[0], r[5], r[6], r[4]])).toEqual(drawn);
    expect(drawn.length).toBeGreaterThan(0);
    // Strips are rows of HTML, not one drawing: numbers only.
    expect(await page.getByTestId('strips-downloads').getByRole('button', { name: 'Download chart (SVG)' }).count()).toBe(0);
  });

  test('changes: the summary as CSV, equal to the table on screen', async () => {
    const { page } = await warm.goto('/changes?from=2020-01-01&to=2025-12-31&kind=raised', (p) =>
      p.waitForFunction(() => document.querySelector<HTMLElement>('[data-changes-state]')?.dataset.changesState === 'ready', null, { timeout: 60_000 })
    );
    await page.getByTestId('summary-row').first().waitFor();
    const csv = await save(page, page.getByTestId('summary-downloads'), 'Download numbers (CSV)');
    // The summary counts every kind: the kind filter is not in its name.
    expect(csv.name).toBe('termscope-changes-summary-from-2020-01-01-to-2025-12-31.csv');
    const [header, ...body] = csvOf(csv);
    expect(header).toEqual(['category_id', 'category', 'lowered', 'raised', 'added', 'removed', 'reworded', 'changes']);
    const shown = await page.getByTestId('summary-row').evaluateAll((trs) =>
      trs.map((tr) => [(tr as HTMLElement).dataset.category!, ...[...tr.querySelectorAll('th, td.num')].map((c) => (c as HTMLElement).innerText.trim())])
    );
    expect(body.map((r) => [r[0], r[1], ...r.slice(2)])).toEqual(shown.map((r) => [r[0], r[1], ...r.slice(2).map(digits)]));
  });

  test('matrix cell panel: each provision with its last-verified day and cited capture; its CSV equals Node', async () => {
    const cells = await demo.db.query(matrixCellsQuery({ asOf: null, platforms: { sectors: [], jurisdictions: [], q: '', platforms: [] } }).sql, matrixCellsQuery({ asOf: null, platforms: { sectors: [], jurisdictions: [], q: '', platforms: [] } }).params as never);
    const cell = cells.find((c) => (c.provisions as number) >= 2)!;
    const [platform, category] = [String(cell.platform_id), String(cell.category_id)];
    const { page } = await warm.goto(`/compare/matrix?cellPlatform=${platform}&cellCategory=${category}`, (p) => p.getByTestId('cell-panel').locator('li').first().waitFor({ timeout: 60_000 }));
    const panel = page.getByTestId('cell-panel');
    await panel.getByTestId('capture').first().waitFor({ timeout: 30_000 });

    const db = nodeDbAdapter(demo.db);
    const list = await loadCellProvisions(db, { asOf: null, platform, category });
    const context = { withSnapshots: true, permalinkOf: () => '', publisher: '', accessed: '' };
    const { records } = await loadCitations(db, list.map((p) => p.record_id), context);
    const cited = new Map(records.map((r) => [r.recordId, r]));
    // On screen: each provision's capture (its snapshot) and hash, as the citation names them.
    const shown = await panel.locator('li').evaluateAll((lis) =>
      lis.map((li) => ({
        id: (li as HTMLElement).dataset.recordId!,
        snapshot: li.querySelector<HTMLElement>('[data-testid="capture"]')?.dataset.snapshot ?? null,
        sha: li.querySelector<HTMLElement>('[data-testid="capture-sha256"]')?.title ?? null,
        verified: li.querySelector('[data-testid="last-verified"] time')?.getAttribute('datetime') ?? null
      }))
    );
    expect(shown).toEqual(
      list.map((p) => ({
        id: p.record_id,
        snapshot: cited.get(p.record_id)?.capture?.snapshotId ?? null,
        sha: cited.get(p.record_id)?.capture?.sha256 ?? null,
        verified: cited.get(p.record_id)?.lastVerified?.toISOString() ?? null
      }))
    );
    expect(shown.some((s) => s.snapshot !== null && s.sha !== null)).toBe(true);

    const csv = await save(page, page.getByTestId('cell-downloads'), 'Download numbers (CSV)');
    expect(csv.name).toBe(`termscope-matrix-cell-${platform}-${category}.csv`.replace(/[^A-Za-z0-9._+-]+/g, '_'));
    const expected = cellProvisionsExport(list, cited);
    expect(csv.bytes.toString('utf8')).toBe(rowsToCsv(expected.rows, expected.columns));
  });

  test('platform page and platform vs platform: profile, history and index charts as SVG and PNG; history numbers as CSV', async () => {
    const picked = await demo.db.query('SELECT platform_id, name, sector FROM platforms ORDER BY platform_id LIMIT 2', []);
    const [p1, p2] = picked.map((r) => String(r.platform_id));
    const sector = picked[0]!.sector === null ? 'Sector mean' : `${String(picked[0]!.sector)} mean`;
    const { page } = await warm.goto(`/platforms/${p1}`, (p) => p.locator('[data-testid="platform-history"][data-state="ready"]').waitFor({ timeout: 60_000 }));
    await page.getByTestId('severity-profile-chart').locator('svg.lc-layout-svg').first().waitFor({ timeout: 30_000 });
    const profileTitle = `${String(picked[0]!.name)}: share of active provisions by severity, beside ${sector}`;
    const profile = await checkImages(page, page.getByTestId('severity-profile-chart'), page.getByTestId('severity-profile-downloads'), profileTitle);
    expect(profile.svg).toBe(`termscope-platform-profile-${p1}.svg`);

    const history = page.getByTestId('platform-history');
    await history.getByTestId('timeline-chart').locator('svg.lc-layout-svg').first().waitFor({ timeout: 30_000 });
    const names = await checkImages(page, history.getByTestId('timeline-chart'), history.getByTestId('timeline-chart-downloads'), 'Provisions in force, by severity');
    expect(names.png).toMatch(new RegExp(`^termscope-platform-history-${p1}-from-.*\\.png$`));
    const csv = await save(page, history.getByTestId('timeline-chart-downloads'), 'Download numbers (CSV)');
    const [header, ...body] = csvOf(csv);
    expect(header).toEqual(['bucket_start', 'state_at_end_of', 'critical', 'high', 'medium', 'low', 'info', 'unrated', 'total']);
    expect(body.length).toBeGreaterThan(1);
    for (const r of body) expect(r.slice(2, 8).reduce((n, c) => n + Number(c), 0)).toBe(Number(r[8]));

    const vs = await warm.goto(`/platforms/compare?ids=${p1},${p2}`, (p) => p.locator('[data-testid="pvp-page"][data-pvp-state="ready"]').waitFor({ timeout: 60_000 }));
    const frame = vs.page.getByTestId('index-chart');
    await frame.locator('svg.lc-layout-svg').first().waitFor({ timeout: 60_000 });
    const pvp = await checkImages(vs.page, frame, vs.page.getByTestId('index-chart-downloads'), 'Severity index (0 = info … 4 = critical; rated provisions in force)');
    expect(pvp.svg).toBe(`termscope-platforms-compare-history-${p1}+${p2}.svg`);
  });

  test('SQL console: the result chart as SVG and PNG', async () => {
    const { page } = await warm.goto('/sql', (p) => p.getByTestId('sql-input').waitFor({ timeout: 30_000 }));
    expect(await runQuery(page, 'SELECT category_id, count(*) AS n FROM provisions GROUP BY ALL ORDER BY category_id')).toBe('done');
    await page.getByTestId('tab-chart').click();
    const chart = page.getByTestId('result-chart');
    await chart.locator('svg.lc-layout-svg').first().waitFor({ timeout: 30_000 });
    const names = await checkImages(page, chart, page.getByTestId('result-chart-downloads'), 'Bar chart of n by category_id');
    expect(names.svg).toMatch(/^termscope-sql-chart-bar-at-\d{8}-\d{6}\.svg$/);
  });
});
