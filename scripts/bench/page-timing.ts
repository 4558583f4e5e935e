/**
 * Time from navigation to the app's own signals, measured inside the page: a MutationObserver installed before any
 * app script stamps `performance.now()` (milliseconds since navigation start) the moment each signal appears, so
 * the numbers do not include the benchmark's own polling.
 */
import { launchBrowser, assertSameOrigin } from '../../tests/e2e/browser';

/** Milliseconds since navigation start; absent when the signal never appeared. */
export interface LoadMarks {
  /** First contentful paint (Chromium's paint timing). */
  fcp?: number;
  /** An `<svg>` inside `[data-testid="severity-by-category-chart"]`: the overview chart is drawn. */
  chart?: number;
  /** `<html data-db="ready">`: the export is loaded and queryable. */
  dbReady?: number;
  /** The overview shows numbers queried from the loaded export (`data-overview-source="live"`). */
  live?: number;
  /** `<html data-db="error">`: the load failed; `error` holds what the app showed. */
  dbError?: number;
  error?: string;
  /** How the tables came in (`<html data-db-path>`). */
  path?: string;
  /** The loader's own steps (`performance.mark('termscope:…')`, src/lib/db/loader.ts), by name without the prefix. */
  steps?: Record<string, number>;
  /** Bytes received until the overview showed live numbers: the export's files, the engines' wasm, everything else. */
  bytes?: { exportFiles: number; exportRequests: number; wasm: number; other: number };
}

declare global {
  interface Window {
    __benchMarks?: LoadMarks;
  }
}

/**
 * Installed as source text, not a function: tsx (esbuild `keepNames`) wraps functions in a `__name` helper that does
 * not exist in the page (https://github.com/privatenumber/tsx/issues/113).
 */
const INSTALL_MARKS = `(() => {
  const marks = {};
  window.__benchMarks = marks;
  const check = () => {
    const now = performance.now();
    const db = document.documentElement && document.documentElement.dataset.db;
    if (marks.dbReady === undefined && db === 'ready') marks.dbReady = now;
    if (marks.dbError === undefined && db === 'error') marks.dbError = now;
    // Drawn and shown: the prerendered overview under another export's URL is in the page but hidden (the app's
    // data-prerender-foreign) until the app shows that export's own numbers.
    const hidden = document.documentElement.hasAttribute('data-prerender-foreign') && document.querySelector('[data-overview-source="prerendered"]');
    if (marks.chart === undefined && !hidden && document.querySelector('[data-testid="severity-by-category-chart"] svg')) {
      marks.chart = now;
    }
    if (marks.live === undefined && document.querySelector('[data-overview-source="live"]')) marks.live = now;
  };
  new MutationObserver(check).observe(document, { subtree: true, childList: true, attributes: true });
})();`;

/**
 * One page load in a fresh browser profile (no HTTP cache, no storage). Waits until the chart is drawn, the
 * database is ready and the overview shows live numbers (or the load failed: `error`), then returns the marks.
 * Fails if the page requested anything from another origin.
 */
export async function measurePageLoad(url: string, timeoutMs: number): Promise<LoadMarks> {
  const session = await launchBrowser();
  const received: Promise<{ url: string; bytes: number }>[] = [];
  session.context.on('requestfinished', (request) => {
    received.push(request.sizes().then((s) => ({ url: request.url(), bytes: s.responseBodySize }), () => ({ url: request.url(), bytes: 0 })));
  });
  try {
    await session.page.addInitScript({ content: INSTALL_MARKS });
    await session.page.goto(url, { waitUntil: 'commit' });
    await session.page.waitForFunction(
      () => {
        const m = window.__benchMarks;
        return (
          m !== undefined &&
          (m.dbError !== undefined || (m.dbReady !== undefined && m.chart !== undefined && m.live !== undefined))
        );
      },
      undefined,
      { timeout: timeoutMs }
    );
    const marks: LoadMarks = await session.page.evaluate(() => {
      const paint = performance.getEntriesByName('first-contentful-paint')[0];
      const steps = Object.fromEntries(
        performance
          .getEntriesByType('mark')
          .filter((m) => m.name.startsWith('termscope:'))
          .map((m) => [m.name.slice('termscope:'.length), m.startTime])
      );
      return { ...window.__benchMarks, fcp: paint?.startTime, path: document.documentElement.dataset.dbPath, steps };
    });
    const files = await Promise.all(received.splice(0));
    const bytes = { exportFiles: 0, exportRequests: 0, wasm: 0, other: 0 };
    for (const f of files) {
      const path = new URL(f.url).pathname;
      if (path.startsWith('/exports/')) {
        bytes.exportFiles += f.bytes;
        bytes.exportRequests++;
      } else if (path.endsWith('.wasm')) bytes.wasm += f.bytes;
      else bytes.other += f.bytes;
    }
    marks.bytes = bytes;
    assertSameOrigin(session, url);
    if (marks.dbError !== undefined) {
      // A failed load is a result to report (e.g. out of memory at scale), not a crash of the benchmark.
      const text = await session.page.getByTestId('load-error').innerText().catch(() => '(no message shown)');
      return { ...marks, error: text.replace(/\s+/g, ' ').trim() };
    }
    return marks;
  } catch (error) {
    const consoleErrors = session.consoleErrors.length ? `\n${session.consoleErrors.join('\n')}` : '';
    throw new Error(`${error instanceof Error ? error.message : String(error)}${consoleErrors}`);
  } finally {
    await session.close();
  }
}
