/**
 * The SQL console by keyboard: completion from the live schema, the recent-query walk, names inserted from the schema
 * browser, and the grid's keyboard navigation with the full value of a long text cell on demand.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { loadExport } from '../../scripts/lib/export-io';
import type { NodeDb } from '../../scripts/lib/duckdb-node';
import { BUILD_DIR } from '../../scripts/start';
import { warmApp } from './app';
import { finishedRuns, freshConsole, runQuery, settled, typeQuery } from './sql-console';

let node: NodeDb;
beforeAll(async () => {
  node = (await loadExport(join(BUILD_DIR, 'exports', 'demo'))).db;
});
afterAll(() => node?.close());

describe('SQL editor and grid by keyboard', () => {
  // One warm page (these tests are not about loading): the console is drawn anew for each test.
  const warm = warmApp('/sql', { handOver: true });
  test('completes table and column names from the live schema; a table cannot be made in the read-only console', async () => {
    const { page } = await freshConsole(warm);
    await typeQuery(page, 'SELECT * FROM provision_v');
    await page.keyboard.press('Control+Space');
    const options = page.locator('.cm-tooltip-autocomplete li');
    await expect.poll(() => options.allInnerTexts()).toContainEqual(expect.stringContaining('provision_versions'));
    // CodeMirror ignores Enter for 75 ms after the list opens (`interactionDelay`), so a fast typist's Enter is a newline:
    // wait until the list has been on screen that long, as the page's clock measures it (the editor's own rule, from
    // the moment the list appeared, whatever the machine's load), not for a guessed time.
    await page.waitForFunction(
      () => {
        const w = window as unknown as { __completionSeen?: number };
        if (!document.querySelector('.cm-tooltip-autocomplete li')) return false;
        w.__completionSeen ??= performance.now();
        return performance.now() - w.__completionSeen >= 80;
      },
      undefined,
      { polling: 'raf', timeout: 30_000 }
    );
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('sql-input').innerText()).toBe('SELECT * FROM provision_versions');

    // The console is read-only (docs/SQL.md): a table cannot be made in it, so the schema stays the export's.
    expect(await runQuery(page, 'CREATE TEMP TABLE analyst_notes AS SELECT 1 AS note_score')).toBe('error');
    expect(await page.getByTestId('schema-table-analyst_notes').count()).toBe(0);
    await typeQuery(page, 'SELECT provisions.classification_r');
    await page.keyboard.press('Control+Space');
    await expect.poll(() => options.allInnerTexts()).toContainEqual(expect.stringContaining('classification_rule'));
  });

  test('Up/Down in an empty editor walk through recent queries; a schema name is inserted at the cursor', async () => {
    const { page } = await freshConsole(warm);
    expect(await runQuery(page, 'SELECT 1 AS first')).toBe('done');
    expect(await runQuery(page, 'SELECT 2 AS second')).toBe('done');
    await typeQuery(page, '');
    await page.keyboard.press('ArrowUp');
    await expect.poll(() => page.getByTestId('sql-input').innerText()).toBe('SELECT 2 AS second');
    await page.keyboard.press('ArrowUp');
    await expect.poll(() => page.getByTestId('sql-input').innerText()).toBe('SELECT 1 AS first');
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => page.getByTestId('sql-input').innerText()).toBe('SELECT 2 AS second');

    await typeQuery(page, 'SELECT count(*) FROM ');
    await page.getByTestId('schema-table-categories').click();
    await expect.poll(() => page.getByTestId('sql-input').innerText()).toBe('SELECT count(*) FROM categories');
    const before = await finishedRuns(page);
    await page.keyboard.press('ControlOrMeta+Enter');
    expect(await settled(page, before)).toBe('done');
  });

  test('the grid moves by keyboard and shows a long text cell in full', async () => {
    const { page } = await freshConsole(warm);
    const sql = 'SELECT record_id, clause_text FROM provisions WHERE length(clause_text) > 200 ORDER BY record_id LIMIT 50';
    expect(await runQuery(page, sql)).toBe('done');
    const rows = await node.query(sql);
    await page.getByTestId('result-grid').focus();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    const detail = page.getByTestId('cell-detail');
    expect(await detail.locator('pre').innerText()).toBe(rows[2]!.clause_text);
    expect(await detail.innerText()).toContain('clause_text');
    // The grid cell itself is cut, not wrapped: one line of the row's height.
    const cell = page.locator('[role="gridcell"].active');
    const box = (await cell.boundingBox())!;
    expect(box.height).toBeLessThanOrEqual(30);
    await page.keyboard.press('Escape');
    await expect.poll(() => detail.count()).toBe(0);
    await page.keyboard.press('Control+End');
    await page.keyboard.press('Enter');
    expect(await detail.locator('pre').innerText()).toBe(rows.at(-1)!.clause_text);
  });
});
