/**
 * The compare view in the built app: on the demo export its numbers, rows and CSV equal the same query run in Node
 * on the same files; on the fixture export (served beside the app) every CSV cell is checked, including the clause
 * that starts with "=" (guarded); an export without history disables "as of"; a tampered URL is noted, not fatal;
 * and the view works with the keyboard and with Back/Forward.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import type { Row } from '../../src/lib/db/values';
import { compareQuery, type CompareFilter } from '../../src/lib/queries/compare';
import { loadExport, type LoadedExport } from '../../scripts/lib/export-io';
import { buildFixture } from '../helpers/fixture';
import { copyWithoutHistory } from '../helpers/export-copies';
import { warmApp } from './app';
import { savedDownload, waitForDb } from './browser';
import { openLoaded } from './open-loaded';
import { servedExports } from './served-exports';

const APP_DIR = inject('appDir');
const ANY = { sectors: [], jurisdictions: [], q: '', platforms: [] };

let demo: LoadedExport;
let fixture: LoadedExport;

beforeAll(async () => {
  demo = await loadExport(join(APP_DIR, 'exports', 'demo'));
  fixture = await loadExport(await buildFixture());
});

afterAll(() => {
  demo?.db.close();
  fixture?.db.close();
});

// The fixture as it is, and a copy without the optional history tables.
const server = servedExports('compare-e2e', async (work) => {
  const fixtureDir = await buildFixture();
  return { '/exports/small': fixtureDir, '/exports/bare': await copyWithoutHistory(fixtureDir, work) };
});

/**
 * The same query in Node, its flat rows (one per provision; one per platform without any) folded here into one row
 * per platform with aligned lists — written out again rather than taken from the app.
 */
async function nodeRows(db: LoadedExport, f: CompareFilter): Promise<Row[]> {
  const q = compareQuery(f);
  const out: Row[] = [];
  const fields = ['record_id', 'title', 'severity', 'clause_text', 'document_id', 'document_title', 'doc_type', 'document_last_updated', 'first_tracked', 'last_verified'];
  const plural: Record<string, string> = {
    record_id: 'record_ids', title: 'titles', severity: 'severities', clause_text: 'clause_texts', document_id: 'document_ids',
    document_title: 'document_titles', doc_type: 'doc_types', document_last_updated: 'document_last_updated',
    first_tracked: 'first_tracked', last_verified: 'last_verified'
  };
  for (const r of await db.db.query(q.sql, q.params)) {
    let g = out.at(-1);
    if (!g || g.platform_id !== r.platform_id) {
      g = { platform_id: r.platform_id!, platform_name: r.platform_name!, sector: r.sector!, jurisdiction: r.jurisdiction!, worst_severity: r.worst_severity!, provisions: 0 };
      for (const f of fields) g[plural[f]!] = null;
      out.push(g);
    }
    if (r.record_id === null) continue;
    g.provisions = (g.provisions as number) + 1;
    for (const f of fields) g[plural[f]!] = [...((g[plural[f]!] as Row[string][] | null) ?? []), r[f]!];
  }
  return out;
}

/** Waits until the view shows rows computed for a filter matching `expected` (a subset of CompareFilter). */
async function waitForRows(page: Page, expected: Partial<CompareFilter>) {
  await page.waitForFunction(
    (want) => {
      const el = document.querySelector<HTMLElement>('[data-compare-state="ready"]');
      const got = el?.dataset.rowsFilter ? JSON.parse(el.dataset.rowsFilter) : null;
      return got !== null && Object.entries(want).every(([k, v]) => JSON.stringify(got[k]) === JSON.stringify(v));
    },
    expected,
    { timeout: 60_000 }
  );
}

const openCompare = (path: string, base?: string) => openLoaded(path, base);

/** The CSV the compare table should produce for these query rows, written out independently of the app. */
function expectedCsv(rows: Row[]): (string | null)[][] {
  const guard = (s: string) => (/^[\s\u00a0\u3000\u200b\ufeff]*[=+\-@\t\r\uff1d\uff0b\uff0d\uff20]/.test(s) ? `'${s}` : s);
  const text = (v: unknown) => (v === null ? null : guard(String(v)));
  const iso = (d: unknown) => (d instanceof Date ? d.toISOString().replace('.000Z', 'Z') : '');
  const list = (v: unknown, item: (x: unknown) => string = (x) => (x === null ? '' : String(x))) =>
    v === null ? null : guard((v as unknown[]).map(item).join('; '));
  const header = [
    'Platform', 'Platform ID', 'Sector', 'Jurisdiction', 'Worst severity', 'Provisions', 'Record IDs', 'Titles', 'Severities',
    'Clause text', 'Document ID', 'Document', 'Document type', 'Document last updated', 'First tracked', 'Last verified'
  ];
  return [
    header,
    ...rows.map((r) => [
      text(r.platform_name), text(r.platform_id), text(r.sector), text(r.jurisdiction), text(r.worst_severity), String(r.provisions),
      list(r.record_ids), list(r.titles), list(r.severities, (s) => (s === null ? 'unrated' : String(s))), list(r.clause_texts),
      list(r.document_ids), list(r.document_titles), list(r.doc_types), list(r.document_last_updated),
      list(r.first_tracked, iso), list(r.last_verified, iso)
    ])
  ];
}

async function downloadCsv(page: Page) {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('compare-table-wrap').getByRole('button', { name: 'Download CSV' }).click()
  ]);
  const text = await readFile(await savedDownload(download), 'utf8');
  expect(text.startsWith('\uFEFF')).toBe(true);
  expect(text.includes('\r\n')).toBe(true);
  const records = parse(text, { bom: true, cast: (value, context) => (value === '' && !context.quoting ? null : value) }) as (string | null)[][];
  return { name: download.suggestedFilename(), records };
}

describe('compare on the demo export', () => {
  const warm = warmApp('/compare', { handOver: true });
  test('coverage, standings and rows equal the query in Node', async () => {
    const { page } = await warm.goto('/compare?category=ai_training_data');
    await waitForRows(page, { category: 'ai_training_data', asOf: null });
    const rows = await nodeRows(demo, { category: 'ai_training_data', asOf: null, platforms: ANY, severities: [] });
    const absent = rows.filter((r) => r.provisions === 0);
    expect(absent.length, 'the demo has platforms without this category').toBeGreaterThan(0);

    const coverage = page.getByTestId('coverage');
    expect(await coverage.getAttribute('data-found')).toBe(String(rows.length - absent.length));
    expect(await coverage.getAttribute('data-total')).toBe(String(rows.length));
    const pct = Math.round(((rows.length - absent.length) / rows.length) * 100);
    expect(await coverage.innerText()).toContain(`Found in ${rows.length - absent.length} of ${rows.length} platforms (${pct}%)`);
    const listed = await page.getByTestId('absent-platforms').locator('a').evaluateAll((as) => as.map((a) => (a as HTMLElement).dataset.platformId));
    expect(listed.sort()).toEqual(absent.map((r) => String(r.platform_id)).sort());

    // Platforms per worst severity: the chart's table equivalent.
    const counts = await page.getByTestId('standing-chart-table').locator('tbody tr').evaluateAll((trs) =>
      trs.map((tr) => [tr.getAttribute('data-row'), tr.querySelector('td:last-child')?.textContent?.trim()])
    );
    const byStanding = new Map<string, number>();
    for (const r of rows) byStanding.set(String(r.worst_severity ?? 'none'), (byStanding.get(String(r.worst_severity ?? 'none')) ?? 0) + 1);
    for (const [standing, shown] of counts) expect(Number(shown), standing!).toBe(byStanding.get(standing!) ?? 0);

    // The first page, in the default order (worst first; the query's order).
    const keys = await page.getByTestId('compare-table').locator('tbody tr[data-row-key]').evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-row-key')));
    expect(keys).toEqual(rows.slice(0, 50).map((r) => r.platform_id));
    const links = await page.getByTestId('compare-table').getByTestId('provision-link').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    expect(links[0]).toBe(`/provisions/${(rows[0]!.record_ids as string[])[0]}`);
  });

  test('the CSV holds every row of a filtered, as-of view, exactly as the query in Node', async () => {
    const path = '/compare?category=data_sharing&asOf=2024-06-30&sector=Health&sector=Fintech&severity=critical&severity=high&severity=unrated';
    const { page } = await warm.goto(path);
    const filter: CompareFilter = {
      category: 'data_sharing',
      asOf: '2024-06-30',
      platforms: { ...ANY, sectors: ['Fintech', 'Health'] },
      severities: ['critical', 'high', 'unrated']
    };
    await waitForRows(page, filter);
    const { name, records } = await downloadCsv(page);
    expect(name).toBe('termscope-compare-data_sharing-asof-2024-06-30-Fintech+Health-critical+high+unrated.csv');
    expect(records).toEqual(expectedCsv(await nodeRows(demo, filter)));
  });

  test('all pages go into the CSV, in the order shown', async () => {
    const { page } = await warm.goto('/compare?category=mandatory_arbitration&page=2');
    await waitForRows(page, { category: 'mandatory_arbitration' });
    const rows = await nodeRows(demo, { category: 'mandatory_arbitration', asOf: null, platforms: ANY, severities: [] });
    expect(rows.length).toBeGreaterThan(50);
    const shown = await page.getByTestId('compare-table').locator('tbody tr[data-row-key]').evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-row-key')));
    expect(shown).toEqual(rows.slice(50, 100).map((r) => r.platform_id));
    const { records } = await downloadCsv(page);
    expect(records).toEqual(expectedCsv(rows));
  });

  test('sorting by a header (keyboard) reorders every page and the CSV, and lives in the URL', async () => {
    const { page } = await warm.goto('/compare?category=data_retention');
    await waitForRows(page, { category: 'data_retention' });
    const header = page.getByTestId('compare-table').locator('th[data-column="provisions"] button');
    await header.focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(/sort=-provisions/);
    await expect.poll(() => page.getByTestId('compare-table').locator('th[data-column="provisions"]').getAttribute('aria-sort')).toBe('descending');
    const { records } = await downloadCsv(page);
    const counts = records.slice(1).map((r) => Number(r[5]));
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
    await header.focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(/sort=provisions/);
    await expect.poll(() => page.getByTestId('compare-table').locator('th[data-column="provisions"]').getAttribute('aria-sort')).toBe('ascending');
  });

  test('keyboard: choose a category, expand a clause; Back and Forward restore the view', async () => {
    const { page } = await warm.goto('/compare?category=ai_training_data');
    await waitForRows(page, { category: 'ai_training_data' });
    const select = page.getByTestId('category-select');
    await select.focus();
    await page.keyboard.press('ArrowDown');
    await page.waitForURL((url) => url.searchParams.get('category') !== 'ai_training_data' && url.searchParams.has('category'));
    const next = new URL(page.url()).searchParams.get('category')!;
    await waitForRows(page, { category: next });

    const toggle = page.getByTestId('compare-table').getByRole('button', { name: 'Show full clause' }).first();
    const clause = page.getByTestId('compare-table').getByTestId('clause').first();
    const before = await clause.innerText();
    await toggle.focus();
    await page.keyboard.press('Enter');
    expect(await page.getByTestId('compare-table').getByRole('button', { name: 'Show less' }).first().getAttribute('aria-expanded')).toBe('true');
    expect((await clause.innerText()).length).toBeGreaterThan(before.length);

    await page.goBack();
    await waitForRows(page, { category: 'ai_training_data' });
    expect(await select.inputValue()).toBe('ai_training_data');
    await page.goForward();
    await waitForRows(page, { category: next });
  });

  test('a tampered URL is noted and the page still works', async () => {
    const app = await openCompare(
      "/compare?category=nope%27%3B%20DROP%20TABLE%20provisions%3B--&asOf=2023-02-30&severity=urgent&sort=-password&page=-5&platform=a%20b&jurisdiction=%3Cb%3E&q=%25%27%20OR%201%3D1&evil=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E"
    );
    const { page } = app;
    const notes = page.getByTestId('url-notes');
    await notes.waitFor();
    const text = await notes.innerText();
    for (const key of ['asOf=2023-02-30', 'severity=urgent', 'sort=-password', 'page=-5', 'platform=a b', 'jurisdiction=<b>', 'evil=', 'category=nope']) {
      expect(text).toContain(`Ignored ${key}`);
    }
    // The search is a plain value: nothing matches it, and the page says so rather than failing.
    await page.waitForSelector('[data-compare-state="ready"]');
    expect(await page.getByTestId('coverage').getAttribute('data-total')).toBe('0');
    expect(await page.locator('img[src="x"]').count()).toBe(0);
    expect(app.consoleErrors).toEqual([]);
    // The tables are intact.
    await page.goto(new URL('/compare?category=ai_training_data', app.appUrl).href);
    await waitForDb(page);
    await waitForRows(page, { category: 'ai_training_data' });
    expect(Number(await page.getByTestId('coverage').getAttribute('data-total'))).toBe(demo.manifest.tables.platforms!.rows);
  });
});

describe('compare on the fixture export', () => {
  const warm = warmApp('/compare?export=small', { appUrl: () => server.url });
  test.each(['mandatory_arbitration', 'data_retention', 'automated_decisions'])(
    '%s: every CSV cell as the query in Node, formula-like clauses guarded',
    async (category) => {
      const { page } = await warm.goto(`/compare?export=small&category=${category}`);
      await waitForRows(page, { category });
      const { records } = await downloadCsv(page);
      const rows = await nodeRows(fixture, { category, asOf: null, platforms: ANY, severities: [] });
      expect(records).toEqual(expectedCsv(rows));
      if (category === 'mandatory_arbitration') {
        const chattersmith = records.find((r) => r[1] === 'chattersmith')!;
        expect(chattersmith[9]!.startsWith("'=== 14. Binding arbitration ===")).toBe(true);
      }
      if (category === 'data_retention') {
        expect(records.find((r) => r[1] === 'verbalyn')![9]!.startsWith("'+ ")).toBe(true);
        expect(records.find((r) => r[1] === 'murmurly')![9]!.startsWith("'@handles")).toBe(true);
      }
    }
  );

  test('as of a version boundary, from the history', async () => {
    for (const [day, severity] of [['2023-12-31', 'high'], ['2024-01-01', 'medium']] as const) {
      const { page } = await warm.goto(`/compare?export=small&category=data_sharing&asOf=${day}&platform=verbalyn`);
      await waitForRows(page, { category: 'data_sharing', asOf: day });
      const { records } = await downloadCsv(page);
      expect(records).toEqual(expectedCsv(await nodeRows(fixture, { category: 'data_sharing', asOf: day, platforms: { ...ANY, platforms: ['verbalyn'] }, severities: [] })));
      expect(records[1]![8]).toBe(severity);
    }
  });

  test('without provision_versions, "as of" is disabled and a past day in the URL is noted', async () => {
    const { page } = await openCompare('/compare?export=bare&category=data_sharing&asOf=2023-06-30', server.url);
    await waitForRows(page, { category: 'data_sharing', asOf: null });
    const input = page.getByTestId('as-of').locator('input');
    expect(await input.isDisabled()).toBe(true);
    expect(await page.getByTestId('as-of').innerText()).toContain('no version history');
    expect(await page.getByTestId('url-notes').innerText()).toContain('Ignored asOf=2023-06-30');
    const { records } = await downloadCsv(page);
    expect(records).toEqual(expectedCsv(await nodeRows(fixture, { category: 'data_sharing', asOf: null, platforms: ANY, severities: [] })));
  });
});
