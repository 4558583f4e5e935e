/** Driving the SQL console in a browser test: type, run, wait for the outcome, read the grid. */
import type { Page } from 'playwright-core';
import type { AppSession, WarmApp } from './app';
import { assertNoCspViolations } from './browser';

/**
 * The console drawn anew on a describe's warm page: another view first, so that the console's own state (its
 * timeout, its last result) starts over, then /sql. For the tests about the console, not about loading the app.
 */
export async function freshConsole(warm: WarmApp): Promise<AppSession> {
  await warm.goto('/platforms');
  return warm.goto('/sql', (page) => page.getByTestId('schema-table-provisions').waitFor());
}

export async function typeQuery(page: Page, sql: string): Promise<void> {
  await page.getByTestId('sql-input').click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('Delete');
  // insertText: no auto-closed brackets or completion popups in the way, as when pasting.
  await page.keyboard.insertText(sql);
}

export type Outcome = 'done' | 'error' | 'cancelled' | 'timeout';

/** How many runs have ended so far (`data-finished` of the status line). */
export async function finishedRuns(page: Page): Promise<number> {
  return Number((await page.getByTestId('sql-status').getAttribute('data-finished')) ?? 0);
}

/** Waits until more than `before` runs have ended and returns how the last one ended. */
export async function settled(page: Page, before: number, timeout = 60_000): Promise<Outcome> {
  const handle = await page.waitForFunction(
    (n) => {
      const status = document.querySelector('[data-testid="sql-status"]');
      return Number(status?.getAttribute('data-finished')) > n ? status?.getAttribute('data-status') : null;
    },
    before,
    { timeout }
  );
  const outcome = (await handle.jsonValue()) as Outcome;
  assertNoCspViolations(page);
  return outcome;
}

/** Types and runs one statement with Ctrl/Cmd+Enter; returns the outcome. */
export async function runQuery(page: Page, sql: string, timeout?: number): Promise<Outcome> {
  await typeQuery(page, sql);
  const before = await finishedRuns(page);
  await page.keyboard.press('ControlOrMeta+Enter');
  return settled(page, before, timeout);
}

export async function rowCount(page: Page): Promise<number> {
  return Number(await page.getByTestId('row-count').getAttribute('data-rows'));
}

/** The grid's rendered rows (the virtualiser draws only those in view), as cell texts. */
export async function gridRows(page: Page): Promise<string[][]> {
  return page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('[data-testid="result-grid"] [data-row]')]
      .sort((a, b) => Number(a.dataset.row) - Number(b.dataset.row))
      .map((row) => [...row.querySelectorAll<HTMLElement>('[role="gridcell"]')].map((cell) => cell.innerText.trim()))
  );
}

export async function gridHeaders(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('[data-testid="result-grid"] [role="columnheader"] .name')].map((n) => n.innerText.trim())
  );
}
