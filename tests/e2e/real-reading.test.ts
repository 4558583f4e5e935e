/**
 * Reading the two real archives (imported from ../shared/data by global-setup; skipped, saying why, without them):
 *  - ToS;DR 2021: many categories under long names (folded groups, capped bars, short labels in the matrix), long
 *    quotes collapsed behind "Show all", provisions without a document, the source's own rating, link and fields,
 *    the credit of the source on every page, and SQL examples about its own platforms and ratings;
 *  - Open Terms Archive genai-eu: rule-found, unrated provisions — every severity chart gives way to a note, each
 *    provision says a text rule found it, long versions start collapsed in the diff, and the SQL examples are about
 *    its rules, history and captures.
 * Expectations come from the same files read in Node. One page per export, moved between views inside the app.
 */
import type { Page } from 'playwright-core';
import { describe, expect, inject, test } from 'vitest';
import type { LoadedExport } from '../../scripts/lib/export-io';
import { loadExportProfile } from '../../src/lib/queries/export-profile';
import { matrixCategoriesQuery } from '../../src/lib/queries/matrix';
import { severityByCategoryQuery } from '../../src/lib/queries/overview';
import { examplesFor } from '../../src/lib/sql/examples';
import { classificationNote, sourceValueText } from '../../src/lib/provision/provenance';
import { tableSpec } from '../../src/lib/contract/schema';
import { nodeDbAdapter } from '../helpers/node-db-adapter';
import { clientGoto } from './app';
import { realExportSession } from './real-export-session';
import { finishedRuns, rowCount, settled } from './sql-console';

const real = inject('realExports');
const skipped = real.available ? '' : ` (skipped: ${real.why})`;

type Rec = Record<string, unknown>;

/** The overview drawn from the live queries (not the bundled snapshot). */
const overviewLive = (page: Page) => page.locator('[data-overview-source="live"]').waitFor({ state: 'attached', timeout: 90_000 });

const attr = (page: Page, selector: string, name: string) => page.locator(selector).first().getAttribute(name);

/** The credit in the footer says what the manifest says, with the source's link. */
async function expectCredit(page: Page, node: LoadedExport) {
  const { source } = node.manifest;
  const credit = page.getByTestId('source-credit');
  expect(await credit.getByTestId('credit-name').innerText()).toBe(source.name);
  expect(await credit.getByTestId('credit-licence').innerText()).toBe(source.licence);
  expect(await credit.getByTestId('credit-attribution').innerText()).toBe(source.attribution);
  if (source.url) expect(await credit.getByTestId('credit-source').getAttribute('href')).toBe(new URL(source.url).href);
  expect(await credit.getByTestId('credit-synthetic').count()).toBe(0);
}

/** The library lists exactly this export's examples; `name` runs from it with as many rows as in Node. */
async function expectExamples(page: Page, node: LoadedExport, exportName: string, name: string) {
  await clientGoto(page, `/sql?export=${exportName}`);
  await page.locator('[data-testid="examples"][data-examples="export"]').waitFor({ timeout: 60_000 });
  const expected = examplesFor(await loadExportProfile(nodeDbAdapter(node.db), node.tables));
  expect(await page.getByTestId('examples').locator('button').allInnerTexts()).toEqual(expected.map((e) => e.name));
  for (const e of expected) expect((await node.db.query(e.sql)).length, e.name).toBeGreaterThan(0);
  const example = expected.find((e) => e.name === name)!;
  await page.getByTestId('examples').getByRole('button', { name: example.name, exact: true }).click();
  const before = await finishedRuns(page);
  await page.getByTestId('sql-input').click();
  await page.keyboard.press('ControlOrMeta+Enter');
  expect(await settled(page, before)).toBe('done');
  expect(await rowCount(page)).toBe((await node.db.query(example.sql)).length);
}

describe.skipIf(!real.available)(`the real ToS;DR export${skipped}`, () => {
  const opened = realExportSession('tosdr', '/?export=tosdr', { ready: overviewLive });

  test('overview and matrix stay readable with its categories; long quotes start collapsed; provenance shows', async () => {
    const { page } = opened.session;

    // Severity by category: at most 20 bars, all of them a key press away.
    const q = severityByCategoryQuery();
    const withProvisions = (await opened.node.db.query(q.sql, q.params)).filter((r) => Number(r.total) > 0);
    const chart = '[data-testid="severity-by-category-chart"]';
    await page.locator(`${chart} svg`).first().waitFor({ state: 'attached' });
    expect(await attr(page, chart, 'data-bars')).toBe(String(Math.min(20, withProvisions.length)));
    // Polled: the axis may be drawn a frame after the chart's svg, and allTextContents does not wait.
    const labels = withProvisions.slice(0, 20).filter((r) => r.short_label !== null).map((r) => r.short_label);
    await expect.poll(() => page.locator(`${chart} .lc-axis-tick-label`).allTextContents()).toEqual(expect.arrayContaining(labels));
    if (withProvisions.length > 20) {
      await page.getByTestId('bars-toggle').focus();
      await page.keyboard.press('Enter');
      await expect.poll(() => attr(page, chart, 'data-bars')).toBe(String(withProvisions.length));
    }

    // Categories: groups of more than 8 start folded to 5 and open from the keyboard.
    const categories = await opened.node.db.query(matrixCategoriesQuery().sql);
    const sizes = new Map<string, number>();
    for (const c of categories) sizes.set(String(c.group_name ?? ''), (sizes.get(String(c.group_name ?? '')) ?? 0) + 1);
    const long = [...sizes].find(([, n]) => n > 8);
    expect(long, 'the ToS;DR taxonomy has a group longer than 8').toBeDefined();
    const group = page.locator(`[data-testid="category-group"][data-group="${long![0]}"]`);
    expect(await group.getByTestId('category-row').count()).toBe(5);
    await group.getByTestId('group-fold').focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => group.getByTestId('category-row').count()).toBe(long![1]);
    expect(await group.getByTestId('group-fold').getAttribute('aria-expanded')).toBe('true');
    await expectCredit(page, opened.node);

    // Matrix: short labels head the columns; the full name is the accessible name and in the tooltip.
    await clientGoto(page, '/compare/matrix?export=tosdr');
    await page.locator('[data-matrix-state="ready"]').waitFor({ timeout: 90_000 });
    // The columns are virtualised: drawn once the grid has measured its box, which may be a frame after "ready".
    await page.locator('[data-testid^="sort-category-"]').first().waitFor({ state: 'attached' });
    const drawn = await page
      .locator('[data-testid^="sort-category-"]')
      .evaluateAll((bs) => bs.map((b) => b.getAttribute('data-testid')!.slice('sort-category-'.length)));
    const probe = categories.find((c) => drawn.includes(String(c.category_id)) && c.short_label !== null)!;
    const button = page.getByTestId(`sort-category-${String(probe.category_id)}`);
    expect((await button.locator('.vertical').textContent())?.trim()).toBe(probe.short_label);
    expect(await button.getAttribute('aria-label')).toBe(`Sort platforms by ${String(probe.name)}`);
    expect(await button.getAttribute('title')).toContain(String(probe.name));

    // The longest quote starts collapsed, and opens in full.
    const [longest] = await opened.node.db.query('SELECT record_id, clause_text FROM provisions ORDER BY length(clause_text) DESC NULLS LAST, record_id LIMIT 1');
    expect(String(longest!.clause_text).length).toBeGreaterThan(1500);
    await clientGoto(page, `/provisions/${encodeURIComponent(String(longest!.record_id))}?export=tosdr`);
    const clause = page.getByTestId('clause-text');
    await clause.waitFor({ timeout: 60_000 });
    expect(await clause.getAttribute('data-collapsed')).toBe('true');
    await page.getByTestId('clause-text-toggle').focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => clause.textContent()).toBe(longest!.clause_text);
    expect(await attr(page, '[data-testid="clause-text-toggle"]', 'aria-expanded')).toBe('true');

    // A point without a document: provenance, the source's own fields, no document.
    const [unnamed] = await opened.node.db.query(
      'SELECT * FROM provisions WHERE document_id IS NULL AND source_rating IS NOT NULL ORDER BY record_id LIMIT 1'
    );
    expect(unnamed, 'the ToS;DR sample has points naming no document').toBeDefined();
    await clientGoto(page, `/provisions/${encodeURIComponent(String(unnamed!.record_id))}?export=tosdr`);
    const article = page.getByTestId('provision-page');
    await article.waitFor({ timeout: 60_000 });
    expect(await article.getByTestId('document-title').innerText()).toContain('Document not named by the source');
    const provenance = article.getByTestId('provenance');
    expect(await provenance.getByTestId('source-rating').innerText()).toBe(unnamed!.source_rating);
    if (unnamed!.source_url !== null) {
      expect(await provenance.getByTestId('source-record').locator('a').getAttribute('href')).toBe(new URL(String(unnamed!.source_url)).href);
    }
    // The importer's extra columns (the ToS;DR case, score, …), named and valued as the file holds them.
    const contract = new Set(tableSpec('provisions').columns.map((c) => c.name));
    const extra = Object.keys(unnamed!).filter((k) => !contract.has(k));
    expect(extra.length).toBeGreaterThan(0);
    const shown = await provenance.locator('[data-testid="source-fields"] dd').evaluateAll((dds) =>
      dds.map((dd) => [dd.getAttribute('data-field'), dd.textContent?.trim()])
    );
    expect(shown).toEqual(extra.map((k) => [k, sourceValueText(unnamed![k])]));
    expect(opened.session.consoleErrors).toEqual([]);
  });

  test('compare names no document for such points; the SQL examples are about this export', async () => {
    const { page } = opened.session;
    const [pick] = await opened.node.db.query(
      "SELECT category_id FROM provisions WHERE document_id IS NULL AND status = 'active' ORDER BY category_id LIMIT 1"
    );
    await clientGoto(page, `/compare?export=tosdr&category=${String(pick!.category_id)}`);
    await page.locator('[data-compare-state="ready"]').waitFor({ timeout: 90_000 });
    expect(await page.getByTestId('compare-table').innerText()).toContain('document not named by the source');
    expect(await page.getByTestId('standing-chart').count()).toBe(1); // ToS;DR is rated

    const profile = await loadExportProfile(nodeDbAdapter(opened.node.db), opened.node.tables);
    await expectExamples(page, opened.node, 'tosdr', `Every provision of ${profile.topPlatform!.name}`);
    expect(opened.session.consoleErrors).toEqual([]);
  });
});

describe.skipIf(!real.available)(`the real Open Terms Archive export${skipped}`, () => {
  const opened = realExportSession('ota', '/?export=ota', { ready: overviewLive });

  test('nothing is rated: overview, timeline index, compare and platform profile say so instead of charting', async () => {
    const [{ rated }] = (await opened.node.db.query('SELECT count(severity) AS rated FROM provisions')) as [Rec];
    expect(rated).toBe(0);
    const { page } = opened.session;
    expect(await page.getByTestId('unrated-only').count()).toBe(2);
    expect(await page.getByTestId('severity-by-category-chart').count()).toBe(0);
    await expectCredit(page, opened.node);

    await clientGoto(page, '/timeline?export=ota');
    await page.locator('[data-index-state="unrated"] [data-testid="unrated-only"]').waitFor({ timeout: 90_000 });

    await clientGoto(page, '/compare?export=ota');
    await page.locator('[data-compare-state="ready"]').waitFor({ timeout: 90_000 });
    expect(await page.getByTestId('unrated-only').count()).toBe(1);
    expect(await page.getByTestId('standing-chart').count()).toBe(0);

    const [busiest] = await opened.node.db.query(
      "SELECT platform_id FROM provisions WHERE status = 'active' GROUP BY ALL ORDER BY count(*) DESC, platform_id LIMIT 1"
    );
    await clientGoto(page, `/platforms/${encodeURIComponent(String(busiest!.platform_id))}?export=ota`);
    await page.getByTestId('platform-page').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('unrated-only').count()).toBe(1);
    expect(await page.getByTestId('severity-profile-chart').count()).toBe(0);
    expect(opened.session.consoleErrors).toEqual([]);
  });

  test('each provision says a text rule found it; long versions start collapsed in the diff', async () => {
    const { page } = opened.session;
    // The provision whose last two versions hold the longest text.
    const [pick] = await opened.node.db.query(`
      WITH last2 AS (
        SELECT record_id, version, clause_text, row_number() OVER (PARTITION BY record_id ORDER BY version DESC) AS k FROM provision_versions
      )
      SELECT record_id, max(length(clause_text)) AS longest FROM last2 WHERE k <= 2 GROUP BY record_id HAVING count(*) = 2
      ORDER BY longest DESC, record_id LIMIT 1`);
    const [provision] = await opened.node.db.query('SELECT classified_by, classification_rule FROM provisions WHERE record_id = ?', [String(pick!.record_id)]);
    await clientGoto(page, `/provisions/${encodeURIComponent(String(pick!.record_id))}?export=ota`);
    await page.getByTestId('provision-page').waitFor({ timeout: 60_000 });
    const note = classificationNote({ classified_by: 'rule', classification_rule: provision!.classification_rule as string | null });
    expect(provision!.classified_by).toBe('rule');
    expect(await page.getByTestId('classified-by').innerText()).toBe(note);

    const diff = page.getByTestId('clause-diff');
    await page.locator('[data-testid="clause-diff"][data-loaded="true"]').waitFor({ timeout: 60_000 });
    if (Number(pick!.longest) > 1500) {
      const sides = diff.locator('.sides');
      expect(await sides.getAttribute('data-collapsed')).toBe('true');
      await page.getByTestId('diff-show-all').focus();
      await page.keyboard.press('Enter');
      await expect.poll(() => sides.getAttribute('data-collapsed')).toBe('false');
      expect(await attr(page, '[data-testid="diff-show-all"]', 'aria-expanded')).toBe('true');
    }

    // The matrix's cell panel says it too.
    const [cell] = await opened.node.db.query("SELECT platform_id, category_id FROM provisions WHERE status = 'active' ORDER BY record_id LIMIT 1");
    await clientGoto(page, `/compare/matrix?export=ota&cellPlatform=${String(cell!.platform_id)}&cellCategory=${String(cell!.category_id)}`);
    const panel = page.getByTestId('cell-panel');
    await panel.locator('li[data-record-id]').first().waitFor({ timeout: 60_000 });
    const notes = await panel.getByTestId('classified-by').allInnerTexts();
    expect(notes.length).toBe(await panel.locator('li[data-record-id]').count());
    for (const text of notes) expect(text).toMatch(/^Found by a text rule \(.+\), not classified by a person$/);
    expect(opened.session.consoleErrors).toEqual([]);
  });

  test('the SQL examples are about its rules, history and captures', async () => {
    await expectExamples(opened.session.page, opened.node, 'ota', 'Provisions found by each text rule');
    expect(opened.session.consoleErrors).toEqual([]);
  });
});
