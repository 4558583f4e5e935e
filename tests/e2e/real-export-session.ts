/**
 * For a describe block about one of the real exports that global-setup serves (`?export=tosdr`, `?export=ota`, see
 * real-exports.ts): the export read in Node, what the page is checked against, and one browser on a page of the app
 * with that export loaded, for tests that are not about loading. Opened in a `beforeAll`, closed in the `afterAll`;
 * a block skipped because the samples are absent opens nothing.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, inject } from 'vitest';
import { loadExport, type LoadedExport } from '../../scripts/lib/export-io';
import type { AppSession } from './app';
import { launchBrowser, waitForDb } from './browser';

export interface RealExportSession {
  /** The export as Node DuckDB reads it. */
  readonly node: LoadedExport;
  /** The browser, its page at `path` of the app, its console errors and requests. */
  readonly session: AppSession;
}

export function realExportSession(
  name: 'tosdr' | 'ota',
  path: string,
  options: {
    /** For `data-db="ready"` (the hook gets twice as long); default: waitForDb's. */
    timeout?: number;
    /** The view's own signal to wait for after the engine, if any. */
    ready?: (page: Page) => Promise<unknown>;
  } = {}
): RealExportSession {
  let node: LoadedExport | undefined;
  let session: AppSession | undefined;
  beforeAll(async () => {
    node = await loadExport(join(inject('appDir'), 'exports', name));
    session = { ...(await launchBrowser()), appUrl: inject('appUrl') };
    await session.page.goto(`${session.appUrl}${path}`);
    await waitForDb(session.page, { consoleErrors: session.consoleErrors, timeout: options.timeout });
    if (options.ready) await options.ready(session.page);
  }, options.timeout === undefined ? undefined : 2 * options.timeout);
  afterAll(async () => {
    node?.db.close();
    await session?.close();
  });
  const opened = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error(`realExportSession(${name}): not open (its beforeAll failed or has not run)`);
    return value;
  };
  return {
    get node() { return opened(node); },
    get session() { return opened(session); }
  };
}
