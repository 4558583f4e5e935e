/**
 * The SQL console in Chromium over the built app and the demo export: results checked against the same SQL on
 * @duckdb/node-api over the same files, sorting, errors with their position, cancel and timeout, the lock-down
 * (with no request leaving the origin), downloads read back in Node, charts, and shared links.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { loadExport } from '../../scripts/lib/export-io';
import type { NodeDb } from '../../scripts/lib/duckdb-node';
import { BUILD_DIR } from '../../scripts/start';
import { cellText } from '../../src/lib/sql/cell-text';
import { decodeQuery } from '../../src/lib/sql/share';
import { warmApp } from './app';
import { foreignRequests, savedDownload, waitForDb } from './browser';
import { openLoaded } from './open-loaded';
import { freshConsole, gridHeaders, gridRows, rowCount, runQuery, settled, typeQuery } from './sql-console';

let node: NodeDb;

beforeAll(async () => {
  node = (await loadExport(join(BUILD_DIR, 'exports', 'demo'))).db;
});
afterAll(() => node?.close());

const openConsole = (path = '/sql') => openLoaded(path, undefined, (page) => page.getByTestId('schema-table-provisions').waitFor());

const PER_PLATFORM = `SELECT p.platform_id, p.name, count(v.record_id) AS provisions,
  count(*) FILTER (WHERE v.severity IS NULL) AS unrated
FROM platforms p LEFT JOIN provisions v USING (platform_id)
GROUP BY ALL ORDER BY p.platform_id LIMIT 12`;

// One console page for the whole file (tests not about loading): each test starts from a fresh console on it.
const warm = warmApp('/sql', { handOver: true });

describe('SQL console', () => {
  test('runs a typed query and shows the rows Node DuckDB gives for the same SQL', async () => {
    const { page } = await freshConsole(warm);
    expect(await runQuery(page, PER_PLATFORM)).toBe('done');
    const expected = await node.query(PER_PLATFORM);
    expect(await rowCount(page)).toBe(expected.length);
    // The grid is virtualised and draws its rows once it has measured its box: polled (page.evaluate does not wait).
    await expect.poll(() => gridHeaders(page)).toEqual(['platform_id', 'name', 'provisions', 'unrated']);
    await expect.poll(() => gridRows(page)).toEqual(
      expected.map((r) => [String(r.platform_id), String(r.name), cellText(r.provisions!, 'number'), cellText(r.unrated!, 'number')])
    );
    // The schema browser lists the export's tables with their exact row counts.
    const n = (await node.query('SELECT count(*) AS n FROM provisions'))[0]!.n as number;
    await expect.poll(() => page.getByTestId('schema-browser').innerText()).toContain(`${n.toLocaleString('en-US')} rows`);
  });

  test('sorts a column client-side as ORDER BY does, both ways', async () => {
    const { page } = await freshConsole(warm);
    const sql = 'SELECT record_id, severity, title FROM provisions ORDER BY record_id LIMIT 200';
    expect(await runQuery(page, sql)).toBe('done');
    await page.getByTestId('sort-title').click();
    await expect.poll(() => page.locator('[role="columnheader"][aria-sort="ascending"]').count()).toBe(1);
    const asc = await node.query(`SELECT record_id FROM (${sql}) ORDER BY title ASC NULLS LAST, record_id LIMIT 10`);
    await expect.poll(async () => (await gridRows(page)).slice(0, 10).map((r) => r[0])).toEqual(asc.map((r) => r.record_id));
    await page.getByTestId('sort-severity').click();
    await page.getByTestId('sort-severity').click();
    await expect.poll(() => page.locator('[role="columnheader"][aria-sort="descending"]').count()).toBe(1);
    const desc = await node.query(`SELECT record_id FROM (${sql}) ORDER BY severity DESC NULLS LAST, record_id LIMIT 10`);
    await expect.poll(async () => (await gridRows(page)).slice(0, 10).map((r) => r[0])).toEqual(desc.map((r) => r.record_id));
  });

  test('shows DuckDB’s error in place with its position marked, and keeps working', async () => {
    const { page } = await freshConsole(warm);
    expect(await runQuery(page, 'SELECT record_id,\n  severty\nFROM provisions')).toBe('error');
    await expect.poll(() => page.getByTestId('sql-error').innerText()).toMatch(/Binder Error: Referenced column "severty" not found/);
    expect(await page.getByTestId('sql-error-mark').innerText()).toBe('severty');
    expect(await runQuery(page, 'SELEC 1')).toBe('error');
    expect(await page.getByTestId('sql-error').innerText()).toMatch(/Parser Error: syntax error at or near "SELEC"/);
    expect(await page.getByTestId('sql-error-mark').innerText()).toBe('SELEC');
    expect(await runQuery(page, 'SELECT 41 + 1 AS answer')).toBe('done');
    await expect.poll(() => gridRows(page)).toEqual([['42']]);
  });

  test('cancels a long query, then runs the next one', async () => {
    const { page } = await freshConsole(warm);
    // DuckDB answers count(*) over a bare range() from its size; the filter makes it scan 10^10 rows.
    await typeQuery(page, 'SELECT count(*) FROM range(10000000000) t(i) WHERE i % 7 = 3');
    await page.getByTestId('run-button').click();
    await page.locator('[data-testid="sql-status"][data-status="running"]').waitFor();
    // Still running after 1.5 s by the console's own clock ("Running… 1.50 s"): a query that long is worth cancelling.
    await page.waitForFunction(
      () => {
        const status = document.querySelector('[data-testid="sql-status"]');
        const shown = /Running… ([\d.]+) s/.exec(status?.textContent ?? '');
        return status?.getAttribute('data-status') !== 'running' || (shown !== null && Number(shown[1]) >= 1.5);
      },
      undefined,
      { timeout: 30_000, polling: 100 }
    );
    expect(await page.getByTestId('sql-status').getAttribute('data-status')).toBe('running');
    const started = Date.now();
    await page.getByTestId('cancel-button').click();
    await page.locator('[data-testid="sql-status"][data-status="cancelled"]').waitFor({ timeout: 5_000 });
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(await runQuery(page, 'SELECT count(*) AS n FROM provisions')).toBe('done');
    expect(await rowCount(page)).toBe(1);
  });

  test('stops a query at the chosen timeout and says so', async () => {
    const { page } = await freshConsole(warm);
    await page.getByTestId('timeout-select').selectOption('10');
    const started = Date.now();
    expect(await runQuery(page, 'SELECT count(*) FROM range(10000000000) t(i) WHERE i % 7 = 3', 30_000)).toBe('timeout');
    expect(Date.now() - started).toBeGreaterThanOrEqual(9_500);
    expect(await page.getByTestId('sql-status').innerText()).toMatch(/longer than the 10 s limit/);
    expect(await runQuery(page, 'SELECT 1 AS one')).toBe('done');
  });

  test('cuts a result past a million rows and says so, without freezing', async () => {
    const { page } = await freshConsole(warm);
    expect(await runQuery(page, 'SELECT i, i * 2 AS j FROM range(3000000) t(i)')).toBe('done');
    expect(await rowCount(page)).toBe(1_000_000);
    expect(await page.getByTestId('result-truncated').innerText()).toMatch(/more than 1,000,000 rows/);
    // The grid scrolls to the end of what it holds.
    await page.getByTestId('result-grid').focus();
    await page.keyboard.press('Control+End');
    await expect.poll(async () => (await gridRows(page)).at(-1)?.[0]).toBe(cellText(999_999, 'number'));
    // A million rows sort in a worker while the page keeps answering.
    await page.getByTestId('sort-j').click();
    await page.getByTestId('sort-j').click();
    await page.locator('[role="columnheader"][aria-sort="descending"]').waitFor({ timeout: 30_000 });
    await page.getByTestId('result-grid').focus();
    await page.keyboard.press('Control+Home');
    await expect.poll(async () => (await gridRows(page))[0]).toEqual([cellText(999_999, 'number'), cellText(1_999_998, 'number')]);
    expect(await runQuery(page, 'SELECT 2 AS two')).toBe('done');
  });

  test('refuses every way out (URLs, files, ATTACH, extensions, settings) with no request leaving the origin', async () => {
    const app = await freshConsole(warm);
    const { page } = app;
    const forbidden: [string, RegExp][] = [
      ["SELECT * FROM read_parquet('http://127.0.0.2:9/x.parquet')", /read_parquet.*not in the catalog|Permission Error/s],
      ["SELECT * FROM read_csv('https://127.0.0.2:9/x.csv')", /Permission Error|disabled/],
      // Writes never reach DuckDB: the console is read-only (src/lib/sql/read-only.ts; sql-read-only.test.ts).
      ["COPY provisions TO 'out.csv'", /read-only, so COPY is not run/],
      ["COPY (SELECT 1) TO 'http://127.0.0.2:9/x.parquet' (FORMAT parquet)", /read-only, so COPY is not run/],
      ["ATTACH 'other.duckdb' AS other", /read-only, so ATTACH is not run/],
      ["ATTACH 'http://127.0.0.2:9/remote.duckdb' AS remote", /read-only, so ATTACH is not run/],
      ['INSTALL httpfs', /Permission Error: INSTALL is not allowed/],
      ['FORCE INSTALL httpfs', /Permission Error: INSTALL is not allowed/],
      ['LOAD httpfs', /Permission Error: LOAD is not allowed/],
      ['SET enable_external_access = true', /read-only, so SET is not run/],
      ["SET allowed_directories = ['/']", /read-only, so SET is not run/],
      ['SET autoinstall_known_extensions = true', /read-only, so SET is not run/],
      ['RESET lock_configuration', /read-only, so RESET is not run/]
    ];
    for (const [sql, message] of forbidden) {
      expect(await runQuery(page, sql), sql).toBe('error');
      expect(await page.getByTestId('sql-error').innerText(), sql).toMatch(message);
    }
    expect(await runQuery(page, "SELECT current_setting('enable_external_access') AS external")).toBe('done');
    await expect.poll(() => gridRows(page)).toEqual([['false']]);
    expect(await runQuery(page, 'SELECT count(*) AS n FROM platforms')).toBe('done');
    expect(foreignRequests(app.requests, app.appUrl)).toEqual([]);
  });
});

describe('SQL console downloads', () => {
  const SQL = `SELECT i, 'row ' || i AS label, DATE '2020-01-01' + (i % 1000)::INTEGER AS day, i % 3 = 0 AS flag,
  CASE WHEN i % 10 = 0 THEN NULL ELSE i * 1.5 END AS x,
  TIMESTAMP '2024-02-29 23:30:00' + to_seconds(i) AS ts
FROM range(100000) t(i)`;

  test('downloads a 100,000-row result as CSV and Parquet that match Node DuckDB', async () => {
    const { page } = await freshConsole(warm);
    expect(await runQuery(page, SQL)).toBe('done');
    expect(await rowCount(page)).toBe(100_000);
    const downloads = page.getByTestId('result-downloads');

    const [csvDownload] = await Promise.all([page.waitForEvent('download'), downloads.getByRole('button', { name: 'CSV' }).click()]);
    expect(csvDownload.suggestedFilename()).toMatch(/^termscope-sql-.*\.csv$/);
    const csv = await readFile(await savedDownload(csvDownload), 'utf8');
    expect(csv.startsWith('\uFEFF')).toBe(true);
    const records = parse(csv.slice(1), { relax_column_count: false }) as string[][];
    const expected = await node.query(`${SQL} ORDER BY i`);
    expect(records[0]).toEqual(['i', 'label', 'day', 'flag', 'x', 'ts']);
    expect(records).toHaveLength(100_001);
    // The expected text, computed in plain TypeScript from Node's values.
    const iso = (d: Date) => d.toISOString().replace('.000Z', 'Z');
    records.slice(1).forEach((record, r) => {
      const e = expected[r]!;
      const want = [String(e.i), String(e.label), String(e.day), String(e.flag), e.x === null ? '' : String(e.x), iso(e.ts as Date)];
      if (record.join('|') !== want.join('|')) expect(record, `CSV row ${r + 1}`).toEqual(want);
    });

    const [pqDownload] = await Promise.all([page.waitForEvent('download'), downloads.getByRole('button', { name: 'Parquet' }).click()]);
    expect(pqDownload.suggestedFilename()).toMatch(/^termscope-sql-.*\.parquet$/);
    const path = await savedDownload(pqDownload);
    expect(await node.query('SELECT count(*) AS n FROM read_parquet(?)', [path])).toEqual([{ n: 100_000 }]);
    const diff = await node.query(
      `SELECT count(*) AS n FROM ((SELECT * FROM read_parquet(?) EXCEPT ALL (${SQL})) UNION ALL ((${SQL}) EXCEPT ALL SELECT * FROM read_parquet(?)))`,
      [path, path]
    );
    expect(diff).toEqual([{ n: 0 }]);
  });
});

describe('SQL console charts and links', () => {
  test('charts a result with defaults from the column types', async () => {
    const { page } = await freshConsole(warm);
    const sql = `SELECT platform_id, count(*) AS provisions FROM provisions GROUP BY ALL ORDER BY provisions DESC LIMIT 8`;
    expect(await runQuery(page, sql)).toBe('done');
    await page.getByTestId('tab-chart').click();
    const chart = page.getByTestId('result-chart');
    await chart.locator('svg').first().waitFor();
    expect(await chart.getAttribute('data-chart-type')).toBe('bar');
    const ids = (await node.query(sql)).map((r) => String(r.platform_id));
    // The axis labels may be drawn a frame after the svg: polled.
    await expect.poll(async () => {
      const text = await chart.innerText();
      return ids.filter((id) => !text.includes(id));
    }).toEqual([]);

    const series = `SELECT date_trunc('month', valid_from)::DATE AS month, count(*) AS changes FROM provision_versions WHERE valid_from IS NOT NULL GROUP BY ALL ORDER BY month`;
    expect(await runQuery(page, series)).toBe('done');
    await page.getByTestId('tab-chart').click();
    // The chart of the previous result may still be on screen for a moment: wait for the new result's type.
    await expect.poll(() => page.getByTestId('result-chart').getAttribute('data-chart-type')).toBe('line');
    await page.getByTestId('result-chart').locator('svg').first().waitFor();
    // One line through every month: a path with as many segments as there are rows.
    const months = (await node.query(series)).length;
    await expect
      .poll(() => page.getByTestId('result-chart').evaluate((el) => Math.max(0, ...[...el.querySelectorAll('path')].map((p) => (p.getAttribute('d') ?? '').split(/[LC]/).length))))
      .toBeGreaterThanOrEqual(months);
    await page.getByTestId('chart-type').selectOption('scatter');
    await expect.poll(() => page.getByTestId('result-chart').getAttribute('data-chart-type')).toBe('scatter');
  });

  test('a shared link reproduces the query after a reload and in a fresh browser; saved queries persist', async () => {
    const app = await openConsole();
    const { page } = app;
    const sql = "SELECT name FROM platforms WHERE name <> 'x' -- é & ? # %\nORDER BY name";
    await typeQuery(page, sql);
    // The URL follows the editor (debounced).
    await expect.poll(() => decodeQuery(new URL(page.url()).searchParams.get('q') ?? '')).toEqual({ sql });
    const link = page.url();
    await page.getByTestId('save-name').fill('Platform names');
    await page.getByTestId('save-button').click();

    await page.reload();
    await waitForDb(page);
    await expect.poll(() => page.getByTestId('sql-input').innerText()).toBe(sql);
    await expect.poll(() => page.getByTestId('query-library').innerText()).toContain('Platform names');

    const fresh = await openConsole(new URL(link).pathname + new URL(link).search);
    await expect.poll(() => fresh.page.getByTestId('sql-input').innerText()).toBe(sql);
    expect(await fresh.page.getByTestId('query-library').innerText()).not.toContain('Platform names');
    // The link's query runs on open, without a click.
    expect(await settled(fresh.page, 0)).toBe('done');
    expect(await rowCount(fresh.page)).toBe((await node.query(sql)).length);
  });
});
