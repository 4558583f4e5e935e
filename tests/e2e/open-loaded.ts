/** Opening a page of the built app with its engine loaded, then waiting for the view the test is about. */
import type { Page } from 'playwright-core';
import { openApp, type AppSession } from './app';
import { waitForDb } from './browser';

/**
 * `openApp`, then `data-db="ready"` (failing early, with the console errors, on a load error), then `ready`, the
 * view's own signal, if given.
 */
export async function openLoaded(path: string, appUrl?: string, ready?: (page: Page) => Promise<unknown>): Promise<AppSession> {
  const app = await openApp(path, appUrl);
  await waitForDb(app.page, { consoleErrors: app.consoleErrors });
  if (ready) await ready(app.page);
  return app;
}

/** Resolves when the detail page `testId` (`platform-page`, `provision-page`) or the not-found message is drawn. */
export const pageOrNotFound = (testId: string) => (page: Page) =>
  page.getByTestId(testId).or(page.getByTestId('not-found')).waitFor({ timeout: 30_000 });

/**
 * For the detail page `testId` that names its record in the attribute `attribute`: a function of an id that resolves
 * when the page of that id is drawn (after a client-side navigation, the previous one may still be).
 */
export const pageOf = (testId: string, attribute: string) => (id: string) => (page: Page) =>
  page.locator(`[data-testid="${testId}"][${attribute}="${id}"]`).waitFor({ timeout: 30_000 });
