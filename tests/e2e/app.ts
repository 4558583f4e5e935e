/** Opening the built app in a fresh browser from inside a test, with diagnostics printed when the test fails. */
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, inject, onTestFailed, onTestFinished } from 'vitest';
import { assertNoCspViolations, keepContext, launchBrowser, VIEWPORT, waitForDb, type BrowserSession } from './browser';

export interface AppSession extends BrowserSession {
  /** Origin the app was served from. */
  appUrl: string;
}

/**
 * Launches Chromium and navigates to `path` of the app (default: the server of global-setup). Call it inside a
 * test: the browser closes when the test ends, and when it fails the page's console errors and requests are printed.
 * A test whose page broke the Content Security Policy at any point fails when it ends, naming the violations.
 */
export async function openApp(
  path = '/',
  appUrl: string = inject('appUrl'),
  options: {
    /** Source text run in the page before any of the app's scripts (a function would carry bundler helpers). */
    initScript?: string;
  } = {}
): Promise<AppSession> {
  const session = await launchBrowser();
  if (options.initScript) await session.page.addInitScript({ content: options.initScript });
  onTestFinished(async () => {
    // Checked before closing: the violations seen until the very end of the test count.
    try {
      assertNoCspViolations(session.page);
    } finally {
      await session.close();
    }
  });
  onTestFailed(() => {
    console.error(`Console errors (${session.consoleErrors.length}):\n  ${session.consoleErrors.join('\n  ')}`);
    console.error(`Requests (${session.requests.length}):\n  ${session.requests.join('\n  ')}`);
  });
  await session.page.goto(new URL(path, `${appUrl}/`).href);
  return { ...session, appUrl };
}

/**
 * Goes to `path` inside the running app as a click on a link does: SvelteKit's client-side router renders the page,
 * and the engine with its loaded export stays. For tests that are not about loading, so that each URL does not pay
 * for a cold start (seconds, tens of seconds on a loaded machine). Throws if the browser did a full page load instead.
 */
export async function clientGoto(page: Page, path: string): Promise<void> {
  const target = new URL(path, page.url()).href;
  const marker = `warm-${Math.random().toString(36).slice(2)}`;
  await page.evaluate(
    ([href, mark]) => {
      (window as unknown as { __termscopeWarm?: string }).__termscopeWarm = mark;
      // SvelteKit listens for clicks on its container (the element around the app), not on the whole document.
      const container = document.querySelector('body > div') ?? document.body;
      const link = document.createElement('a');
      link.href = href;
      container.append(link);
      link.click();
      link.remove();
    },
    [target, marker] as const
  );
  await page.waitForURL(target, { timeout: 30_000 });
  const still = await page.evaluate(() => (window as unknown as { __termscopeWarm?: string }).__termscopeWarm);
  if (still !== marker) throw new Error(`clientGoto(${path}): the browser loaded the page anew instead of navigating inside the app`);
  assertNoCspViolations(page);
}

export interface WarmApp {
  /** The shared browser and page (throws before the `beforeAll` has opened them). */
  readonly session: AppSession;
  /** Goes to `path` as a link click does (`clientGoto`), then waits for `ready`, the view's own signal, if given. */
  goto(path: string, ready?: (page: Page) => Promise<unknown>): Promise<AppSession>;
}

/**
 * One browser and one loaded app for all the tests of the calling `describe` (or file), for tests that are not about
 * loading: opened once in a `beforeAll` (`path`, then `data-db="ready"`), so each test pays for a client-side
 * navigation (`clientGoto`) instead of a cold engine. Call it where `describe`'s hooks are declared; read `.session`
 * inside tests, or `.goto(path)`. Every test still fails on a Content Security Policy violation (checked after each test and when the
 * browser closes), and a failing test prints the page's console errors and requests.
 */
export function warmApp(
  path = '/',
  options: {
    /** The app's origin (default: global-setup's server); a function when the server starts in a `beforeAll`. */
    appUrl?: string | (() => string);
    initScript?: string;
    /**
     * Takes over the demo page an earlier file of this process left (`handOver`), and leaves its own for the next,
     * instead of loading the app cold each time. Only for the run's app on the demo export, without an init script.
     */
    handOver?: boolean;
  } = {}
): WarmApp {
  if (options.handOver && (options.appUrl !== undefined || options.initScript !== undefined)) {
    throw new Error('warmApp: a page handed over between files is the run\'s own app, without an init script');
  }
  let session: AppSession | undefined;
  const holder: WarmApp = {
    get session(): AppSession {
      if (!session) throw new Error('warmApp: the shared app is not open (its beforeAll failed or has not run)');
      return session;
    },
    async goto(path, ready) {
      const { page } = holder.session;
      await clientGoto(page, path);
      if (ready) await ready(page);
      return holder.session;
    }
  };
  beforeAll(async () => {
    const appUrl = typeof options.appUrl === 'function' ? options.appUrl() : (options.appUrl ?? inject('appUrl'));
    if (options.handOver) session = await takeOver(appUrl, path);
    if (session) return;
    const opened = await launchBrowser();
    session = { ...opened, appUrl };
    if (options.initScript) await opened.page.addInitScript({ content: options.initScript });
    await opened.page.goto(new URL(path, `${appUrl}/`).href);
    await waitForDb(opened.page, { consoleErrors: opened.consoleErrors });
  });
  beforeEach((context) => {
    context.onTestFailed(() => {
      if (!session) return;
      console.error(`Console errors (${session.consoleErrors.length}):\n  ${session.consoleErrors.join('\n  ')}`);
      console.error(`Requests (${session.requests.length}):\n  ${session.requests.slice(-200).join('\n  ')}`);
    });
  });
  afterEach(() => {
    if (session) assertNoCspViolations(session.page);
  });
  afterAll(async () => {
    if (!session) return;
    let handed = false;
    try {
      assertNoCspViolations(session.page);
      handed = options.handOver === true && (await handOver(session));
    } finally {
      if (!handed) await session.close();
    }
  });
  return holder;
}

/**
 * The demo page an earlier test file of this process handed over (`warmApp` with `handOver`), at most one. In the
 * browser project each worker runs its files one after another in one process (vite.config.ts), so a file whose
 * tests are views of the demo can take the page the previous such file left, already loaded, instead of a cold start
 * (3.3 CPU-seconds of Chromium: docs/BENCHMARKS.md, "Sixth pass").
 */
let handedOver: AppSession | null = null;

/** Whether `page` is on the run's app, the demo export loaded and nothing pending or failed: fit to hand over. */
async function onTheDemo(page: Page, appUrl: string): Promise<boolean> {
  if (page.isClosed()) return false;
  return page
    .evaluate((origin) => {
      const url = new URL(location.href);
      const html = document.documentElement.dataset;
      return (
        url.origin === origin &&
        !url.searchParams.has('export') &&
        html.db === 'ready' &&
        html.dbPath === 'engine-file' &&
        document.querySelector('[data-testid="engine-notice"], [data-testid="load-note"]') === null
      );
    }, appUrl)
    .catch(() => false);
}

/** Leaves `session` for the next file, when it is fit; false when it is not (the caller closes it). */
async function handOver(session: AppSession): Promise<boolean> {
  if (!(await onTheDemo(session.page, session.appUrl))) return false;
  if (handedOver) {
    keepContext(handedOver.context, false);
    await handedOver.close();
  }
  handedOver = session;
  keepContext(session.context, true);
  return true;
}

/**
 * The handed-over page, as a new session would find it: its diagnostics, storage, permissions and dialog handlers
 * gone, the default window size, nothing focused, at `path` (a client-side navigation), loaded. Undefined when there is
 * none, or when it is no longer fit (it is closed then).
 */
async function takeOver(appUrl: string, path: string): Promise<AppSession | undefined> {
  const session = handedOver;
  handedOver = null;
  if (!session) return undefined;
  keepContext(session.context, false);
  if (session.appUrl !== appUrl || !(await onTheDemo(session.page, appUrl))) {
    await session.close().catch(() => undefined);
    return undefined;
  }
  session.consoleErrors.length = 0;
  session.requests.length = 0;
  session.cspViolations.length = 0;
  // No permission a file granted, no dialog handler it added (the session's own listeners are for the console).
  await session.context.clearPermissions();
  session.page.removeAllListeners('dialog');
  await session.page.setViewportSize(VIEWPORT);
  // Nothing focused or scrolled from the file before (a key the next test presses goes to the page), and the storage
  // a new context starts with: none (the SQL console's recent queries, read each time it is drawn).
  await session.page.evaluate(() => {
    (document.activeElement as HTMLElement | null)?.blur();
    window.scrollTo(0, 0);
    localStorage.clear();
    sessionStorage.clear();
  });
  await clientGoto(session.page, path);
  await waitForDb(session.page, { consoleErrors: session.consoleErrors });
  return session;
}
