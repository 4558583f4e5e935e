/**
 * The timeline in the built app, on the demo export: the series, the severity index and the strips show what the
 * same queries give in Node on the same files; filters change the URL and the numbers; bucket labels stay on their
 * UTC days in the test's time zone (America/Los_Angeles); strips page through ~300 platforms, show a segment's version
 * on hover and on keyboard focus, and open the provision on click. Exports without history, or with undated versions,
 * say what is missing.
 */
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import type { Query } from '../../src/lib/db/types';
import { ALL_PLATFORMS } from '../../src/lib/queries/platform-filter';
import { SEVERITY_KEYS, type SeverityKey } from '../../src/lib/queries/severity';
import { stripPlatformsQuery, stripSegmentsQuery } from '../../src/lib/queries/strips';
import { historyExtentQuery, loadSeverityIndex, loadTimeline, type TimelineSpec } from '../../src/lib/queries/timeline';
import { asAppDb } from '../../scripts/lib/duckdb-node';
import { NO_FILTER } from '../../src/lib/queries/version-filters';
import { STRIP_PAGE_SIZE } from '../../src/lib/timeline/params';
import { exportToday } from '../../src/lib/time/today';
import { warmApp } from './app';
import { waitForDb } from './browser';
import { openLoaded } from './open-loaded';
import { waitForView } from './view-state';
import { withTimeExports } from './timeline-exports';

const files = withTimeExports();

const run = (q: Query) => files.demo.db.query(q.sql, q.params);
/** The export's "today": the timeline ends there, not on the calendar's day. */
const today = () => exportToday(files.demo.manifest);

const open = (path: string) => openLoaded(path, files.server.url);

/** Waits until the chart has been drawn for the filters the URL asks for (the query key it shows equals the asked one). */
const waitForTimeline = (page: Page) => waitForView(page, 'timeline', 'renderedKey');

/** The series table: bucket -> counts per severity, read from its data attributes. */
async function readSeriesTable(page: Page) {
  const table = page.getByTestId('timeline-table');
  if (!(await table.isVisible())) await page.getByText('Show these numbers as a table').first().click();
  // The table is put in the page when opened: wait for its rows (evaluateAll does not wait).
  await table.locator('tbody tr').first().waitFor();
  return table.locator('tbody tr').evaluateAll((rows) =>
    rows.map((tr) => {
      const el = tr as HTMLElement;
      const cells = [...el.querySelectorAll<HTMLElement>('td[data-severity]')];
      return {
        bucket: el.dataset.bucket,
        label: el.querySelector('th')?.textContent?.trim(),
        asOf: el.querySelectorAll('td')[0]?.textContent?.trim(),
        counts: Object.fromEntries(cells.map((c) => [c.dataset.severity, Number(c.dataset.value)])),
        total: Number(el.dataset.total)
      };
    })
  );
}

/** The series as loadTimeline gives it in Node, in the table's shape. */
async function expectedSeries(spec: TimelineSpec) {
  const points = await loadTimeline(asAppDb(files.demo.db), spec);
  return points.map((p) => ({
    bucket: p.bucket,
    counts: Object.fromEntries(SEVERITY_KEYS.map((k) => [k, p.counts[k]])) as Record<SeverityKey, number>,
    total: p.total
  }));
}

describe('timeline on the demo export', () => {
  const warm = warmApp('/timeline', { appUrl: () => files.server.url });

  test('draws the series the query gives in Node, with buckets labelled by their UTC days', async () => {
    const { page, context } = await open('/timeline?from=2020-01-01&to=2026-06-30&bucket=quarter');
    // Far from UTC whatever TZ the browser inherited: a local rendering of a bucket's midnight would land a day early.
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setTimezoneOverride', { timezoneId: 'America/Los_Angeles' });
    await page.reload();
    await waitForDb(page);
    await expect(page.evaluate(() => new Date('2020-01-01T00:00:00Z').getTimezoneOffset())).resolves.toBe(480);
    await waitForTimeline(page);
    await page.locator('[data-testid="timeline-chart"] svg').first().waitFor({ state: 'attached' });
    const shown = await readSeriesTable(page);
    const expected = await expectedSeries({ filter: NO_FILTER, from: '2020-01-01', to: '2026-06-30', granularity: 'quarter' });
    expect(shown.map(({ bucket, counts, total }) => ({ bucket, counts, total }))).toEqual(expected);
    expect(shown).toHaveLength(26);
    // In America/Los_Angeles a local rendering of 2020-01-01T00:00Z would read "Dec 31, 2019" / "Q4 2019".
    expect(shown[0]).toMatchObject({ bucket: '2020-01-01', label: 'Q1 2020', asOf: 'Mar 31, 2020' });
    expect(shown.at(-1)).toMatchObject({ bucket: '2026-04-01', label: 'Q2 2026', asOf: 'Jun 30, 2026' });
  });

  test('a filter change goes to the URL and recomputes; shares are shares of the bucket’s total', async () => {
    const { page } = await warm.goto('/timeline?from=2023-01-01&to=2024-12-31&bucket=month');
    await waitForTimeline(page);
    // From here on the page recomputes from the versions it holds (version-index.ts), not with SQL.
    await page.locator('[data-version-index]').waitFor({ state: 'attached', timeout: 60_000 });
    const [{ n }] = (await files.demo.db.query(`SELECT count(*) AS n FROM provision_versions WHERE valid_from IS NOT NULL AND change_kind IS DISTINCT FROM 'removed'`)) as [{ n: number }];
    await expect(page.locator('[data-version-index]').getAttribute('data-version-index')).resolves.toBe(String(n));
    await page.getByTestId('severity-filter').locator('input[value="critical"]').check();
    await page.waitForURL(/severity=critical/);
    await waitForTimeline(page);
    await expect(page.locator('[data-series-source]').getAttribute('data-series-source')).resolves.toBe('index');
    const critical = await readSeriesTable(page);
    const spec: TimelineSpec = { filter: { ...NO_FILTER, severities: ['critical'] }, from: '2023-01-01', to: '2024-12-31', granularity: 'month' };
    expect(critical.map(({ bucket, counts, total }) => ({ bucket, counts, total }))).toEqual(await expectedSeries(spec));
    expect(critical.every((r) => r.total === r.counts.critical && r.total > 0)).toBe(true);

    await page.getByTestId('severity-filter').locator('input[value="critical"]').uncheck();
    await page.getByTestId('measure-share').check();
    await page.waitForURL((url) => url.searchParams.get('measure') === 'share' && !url.searchParams.has('severity'));
    await waitForTimeline(page);
    const firstRow = page.getByTestId('timeline-table').locator('tbody tr').first();
    // Shares are a way of showing the same series (the query key does not change): polled until the table redraws.
    await expect.poll(() => firstRow.locator('td[data-severity="critical"]').innerText()).toMatch(/^\d+%|<1%/);
    // Back undoes the last change (shares -> counts); once more, the severity filter comes back.
    await page.goBack();
    await page.waitForURL((url) => !url.searchParams.has('measure') && !url.searchParams.has('severity'));
    await page.goBack();
    await page.waitForURL(/severity=critical/);
    await waitForTimeline(page);
  });

  test('the severity index per chosen platform equals the query in Node', async () => {
    const picks = (await files.demo.db.query('SELECT platform_id FROM platforms ORDER BY platform_id LIMIT 3')).map((r) => r.platform_id as string);
    const query = picks.map((p) => `platform=${p}`).join('&');
    const { page } = await warm.goto(`/timeline?from=2022-01-01&to=2025-12-31&bucket=quarter&indexBy=platform&${query}`);
    await waitForTimeline(page);
    await page.locator('[data-testid="index-chart"] svg').first().waitFor({ state: 'attached', timeout: 60_000 });
    await page.getByText('Show these numbers as a table').nth(1).click();
    const table = page.getByTestId('index-table');
    await table.locator('tbody tr').first().waitFor();
    const header = await table.locator('thead th').allInnerTexts();
    const rows = await table.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent?.trim().split(' ')[0])));
    const spec: TimelineSpec = { filter: { ...NO_FILTER, platforms: { ...ALL_PLATFORMS, platforms: picks } }, from: '2022-01-01', to: '2025-12-31', granularity: 'quarter' };
    const expected = await loadSeverityIndex(asAppDb(files.demo.db), spec, 'platform');
    const names = new Map((await files.demo.db.query('SELECT platform_id, name FROM platforms')).map((r) => [r.platform_id, r.name]));
    const groups = header.slice(2);
    expect(groups.length, `index table header: ${header.join(' | ')}; picks ${picks.join(', ')}`).toBe(picks.length);
    for (const [g, name] of groups.entries()) {
      const id = [...names.entries()].find(([, n]) => n === name)?.[0];
      const mine = expected.filter((r) => r.group === id);
      expect(mine.length, name).toBe(rows.length);
      mine.forEach((r, i) => expect(rows[i]![g + 1], `${name} ${r.bucket}`).toBe(r.index === null ? '—' : r.index.toFixed(2)));
    }
  });

  test('strips page through the platforms, show a segment’s version on hover and focus, and open its provision', async () => {
    const { page } = await warm.goto('/timeline?strip=ai_training_data&stripSort=first');
    await page.locator('[data-strips-state="ready"]').waitFor({ timeout: 60_000 });
    const [extent] = await run(historyExtentQuery());
    const spec = { category: 'ai_training_data', filter: { platforms: ALL_PLATFORMS, severities: [] }, from: extent!.first_day as string, to: today() };
    const platforms = await run(stripPlatformsQuery(spec, 'first', { limit: STRIP_PAGE_SIZE, offset: 0 }));
    const rows = page.getByTestId('strip-row');
    // Polled: on the warm page the strips of the previous URL may still be drawn (and "ready") for a moment.
    await expect.poll(() => rows.evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.platform))).toEqual(platforms.map((p) => p.platform_id));
    const segments = await run(stripSegmentsQuery(spec, platforms.map((p) => p.platform_id as string)));
    const perPlatform = await rows.evaluateAll((els) => els.map((e) => Number((e as HTMLElement).dataset.segments)));
    expect(perPlatform).toEqual(platforms.map((p) => segments.filter((s) => s.platform_id === p.platform_id).length));
    expect(platforms[0]!.platforms as number).toBeGreaterThan(STRIP_PAGE_SIZE);

    const first = page.getByTestId('strip-segment').first();
    const record = await first.getAttribute('data-record');
    await first.hover();
    await expect(page.getByTestId('strip-tooltip').innerText()).resolves.toContain(record);
    await page.mouse.move(0, 0);
    await page.getByTestId('strip-tooltip').waitFor({ state: 'detached' });
    await page.getByTestId('strip-segment').nth(1).focus();
    await expect(page.getByTestId('strip-tooltip').innerText()).resolves.toContain((await page.getByTestId('strip-segment').nth(1).getAttribute('data-record'))!);

    await page.getByRole('button', { name: 'Next page' }).click();
    await page.waitForURL(/stripPage=2/);
    const firstId = String(platforms[0]!.platform_id);
    await page.waitForFunction((id: string) => {
      const shown = [...document.querySelectorAll<HTMLElement>('[data-testid="strip-row"]')].map((e) => e.dataset.platform);
      return shown.length > 0 && shown[0] !== id;
    }, firstId);
    const second = await run(stripPlatformsQuery(spec, 'first', { limit: STRIP_PAGE_SIZE, offset: STRIP_PAGE_SIZE }));
    expect(await rows.evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.platform))).toEqual(second.map((p) => p.platform_id));

    const target = page.getByTestId('strip-segment').first();
    const id = await target.getAttribute('data-record');
    await target.click();
    await page.waitForURL(new RegExp(`/provisions/${id}`));
  });
});

describe('timeline on exports with missing history', () => {
  test('without provision_versions: the timeline says so and draws nothing', async () => {
    const { page, consoleErrors } = await open('/timeline?export=fx-nohist');
    await page.getByTestId('no-history').waitFor();
    await expect(page.locator('[data-timeline-state]').getAttribute('data-timeline-state')).resolves.toBe('no-history');
    expect(consoleErrors).toEqual([]);
  });

  test('with an undated version: says how many are left out and draws the rest', async () => {
    const { page, consoleErrors } = await open('/timeline?export=fx-gaps&strip=automated_decisions');
    await waitForTimeline(page);
    await expect(page.getByTestId('undated-note').innerText()).resolves.toMatch(/^1 of 80 versions have no start date/);
    await page.locator('[data-testid="timeline-chart"] svg').first().waitFor({ state: 'attached' });
    await page.locator('[data-strips-state="ready"]').waitFor();
    expect(consoleErrors).toEqual([]);
  });
});
