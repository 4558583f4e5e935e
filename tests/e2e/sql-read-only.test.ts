/**
 * The SQL console cannot change what another view shows (issue 9): each hostile statement is refused with the
 * console's read-only message, and afterwards the overview's counts, the compare view's coverage and the matrix's
 * cells are exactly what they were. One warm page for the file, moved between views with client-side navigation; one
 * test per statement, which checks that the console still answers with the same numbers; the views are read before
 * the first statement and after the last. What a refused statement had changed would stay changed (nothing undoes
 * it: every statement is refused), so one reading of the views after all of them sees it; reading them after each
 * statement as well tripled the file's time for no case it would catch.
 */
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, test } from 'vitest';
import { clientGoto, warmApp } from './app';
import { gridRows, runQuery } from './sql-console';

/** The numbers every view shows, read from their test hooks once each view has settled on live data. */
async function viewNumbers(page: Page): Promise<string> {
  await clientGoto(page, '/');
  await page.locator('[data-overview-source="live"]').waitFor({ state: 'attached', timeout: 60_000 });
  const overview = await page
    .locator('[data-testid="row-count"], [data-testid="severity-count"], [data-testid="category-row"]')
    .evaluateAll((els) => els.map((e) => JSON.stringify((e as HTMLElement).dataset)));
  await clientGoto(page, '/compare');
  await page.locator('[data-compare-state="ready"]').waitFor({ state: 'attached', timeout: 60_000 });
  const coverage = page.getByTestId('coverage');
  const compare = [await coverage.getAttribute('data-found'), await coverage.getAttribute('data-total')];
  await clientGoto(page, '/compare/matrix');
  await page.locator('[data-matrix-state="ready"]').waitFor({ state: 'attached', timeout: 60_000 });
  const cells = () =>
    page.locator('[data-cell]').evaluateAll((els) =>
      els.map((e) => `${(e as HTMLElement).dataset.cell}=${(e as HTMLElement).dataset.severity}/${(e as HTMLElement).dataset.provisions}`)
    );
  // The grid is virtualised: it draws its cells once it has measured its box, maybe a frame after "ready". Read them
  // until two reads two frames apart agree, so that a half-drawn grid is not compared with a whole one (a loop, not
  // expect.poll: this also runs in the beforeAll; the hook's time limit bounds it).
  await page.locator('[data-cell]').first().waitFor({ state: 'attached' });
  let matrix = await cells();
  for (;;) {
    await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
    const again = await cells();
    if (again.join() === matrix.join()) break;
    matrix = again;
  }
  return JSON.stringify({ overview, compare, matrix });
}

/** The cases of issue 9, then the rest of the writes; each must be refused by the console, naming why. */
const HOSTILE: [string, RegExp][] = [
  ['CREATE TEMP VIEW provisions AS SELECT * FROM provisions LIMIT 10', /read-only, so CREATE TEMP is not run/],
  ['CREATE MACRO count_star() AS 7', /read-only, so CREATE MACRO/],
  ['CREATE MACRO max(x) AS 7', /read-only/],
  ['CREATE MACRO sum(x) AS 7', /read-only/],
  ["CREATE MACRO lower(x) AS 'x'", /read-only/],
  ['USE memory', /read-only, so USE is not run/],
  ['DELETE FROM provisions', /read-only, so DELETE/],
  ["UPDATE provisions SET severity = 'info'", /read-only, so UPDATE/],
  ['INSERT INTO platforms SELECT * FROM platforms', /read-only, so INSERT/],
  ['DROP TABLE provisions', /read-only, so DROP TABLE/],
  ['ALTER TABLE provisions RENAME TO gone', /read-only, so ALTER/],
  ["ATTACH ':memory:' AS other", /read-only, so ATTACH/],
  ['DETACH termscope', /read-only, so DETACH/],
  ['SET threads = 1', /read-only, so SET/],
  ['PRAGMA threads = 1', /read-only, so PRAGMA threads/],
  ['CHECKPOINT', /read-only, so CHECKPOINT/],
  ["COPY provisions TO 'out.csv'", /read-only, so COPY/],
  ["EXPORT DATABASE 'dump'", /read-only, so EXPORT/],
  ['EXPLAIN ANALYZE DELETE FROM provisions', /read-only, so EXPLAIN DELETE/],
  ['WITH x AS (SELECT 1) DELETE FROM provisions', /read-only, so DELETE/],
  ["SELECT E'\\''; LOAD httpfs; --'", /LOAD is not allowed/],
  ["SELECT 1 /* /* */ ' */; DELETE FROM provisions; --'", /read-only, so DELETE/]
];

describe('the SQL console is read-only', () => {
  // One warm page for all the statements: each test is one statement, so none runs long, and a refused statement
  // that did change something would show in the views read after the last one.
  const app = warmApp('/', { handOver: true });
  let before: string;
  /** What the console answers to FINGERPRINT before any hostile statement. */
  let fingerprint: string[][];

  beforeAll(async () => {
    before = await viewNumbers(app.session.page);
    expect(before).toContain('data'); // the hooks were read, not an empty page
    fingerprint = await consoleFingerprint(app.session.page);
    expect(fingerprint.flat().length).toBe(5);
  });

  for (const [sql, message] of HOSTILE) {
    test(`refuses ${JSON.stringify(sql)}, and the console still answers with the same numbers`, async () => {
      const { page } = app.session;
      await clientGoto(page, '/sql');
      await page.getByTestId('schema-table-provisions').waitFor();
      expect(await runQuery(page, sql), sql).toBe('error');
      expect(await page.getByTestId('sql-error').innerText(), sql).toMatch(message);
      expect(await consoleFingerprint(page), `the console after: ${sql}`).toEqual(fingerprint);
    });
  }

  test('after every refused statement, every view shows the numbers it showed before the first', async () => {
    expect(await viewNumbers(app.session.page)).toBe(before);
  });
});

/** Counts the console reads from the tables the views read: a write or a shadowing view or macro would change them. */
const FINGERPRINT =
  'SELECT (SELECT count(*) FROM provisions) AS provisions, (SELECT count(*) FROM platforms) AS platforms, ' +
  "(SELECT count(*) FROM provisions WHERE severity = 'critical') AS critical, (SELECT max(lower(platform_id)) FROM platforms) AS last, (SELECT sum(length(record_id)) FROM provisions) AS id_chars";

async function consoleFingerprint(page: Page): Promise<string[][]> {
  await clientGoto(page, '/sql');
  await page.getByTestId('schema-table-provisions').waitFor();
  expect(await runQuery(page, FINGERPRINT)).toBe('done');
  return gridRows(page);
}
