/**
 * Headless Debian Chromium for the browser tests and the benchmarks (playwright-core drives the system browser;
 * nothing is downloaded). Every session gets a fresh profile (in tests: a fresh context of the run's one Chromium),
 * records each request and console error, and waits on the app's own signals (`<html data-db>`), never on sleeps.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type BrowserServer, type Download, type Page } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run'
];

export interface BrowserSession {
  context: BrowserContext;
  page: Page;
  /** Every URL requested by the page and its workers, in order. */
  requests: string[];
  /** Console errors and uncaught exceptions of the page and its workers. */
  consoleErrors: string[];
  /**
   * Content Security Policy violations, as Chromium reports them on the console of the page and of its workers (a
   * worker's violation fires no `securitypolicyviolation` event the page could see). Any entry fails the helpers.
   */
  cspViolations: string[];
  close(): Promise<void>;
}

/** The violations of each page's session, so helpers that only get a page can check them. */
const violationsOf = new WeakMap<Page, string[]>();

/** Throws when the page has broken its Content Security Policy, naming each violation. */
export function assertNoCspViolations(page: Page): void {
  const violations = violationsOf.get(page) ?? [];
  if (violations.length > 0) {
    throw new Error(`${violations.length} Content Security Policy violation(s):\n  ${violations.join('\n  ')}`);
  }
}

/**
 * An exception with its stack on one line. Kept out of the "    at …" shape on purpose: vitest reads such lines in an
 * error's message as stack frames of local files, and a page URL like `http://127.0.0.1:1234/` made it read a
 * directory and abort the run (EISDIR).
 */
function oneLine(error: Error): string {
  const frames = (error.stack ?? '')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.startsWith('at '))
    .map((line) => line.slice(3));
  return frames.length > 0 ? `${error.name}: ${error.message} (${frames.join(' <- ')})` : `${error.name}: ${error.message}`;
}

/**
 * The tests' Chromium (never the benchmarks'), cheaper to run, the app unchanged (docs/BENCHMARKS.md, "Fifth pass"):
 * - V8 runs WebAssembly on its baseline compiler only. By default it also recompiles duckdb-wasm's hot functions with
 *   its optimising compiler, on background threads of every page's renderer, which the tests' small exports never win
 *   back: the whole browser project took 731 CPU-seconds instead of 843, and 390 s instead of 446.
 * - No omnibox popup: each new context's window prepared one (a renderer of 0.5 CPU-seconds) that a headless test
 *   never shows; 0.3 without it.
 */
const TEST_CHROMIUM_ARGS = [...CHROMIUM_ARGS, '--js-flags=--liftoff-only', '--disable-features=WebUIOmniboxPopup'];

/** Every session's window size. */
export const VIEWPORT = { width: 1280, height: 900 };

/** The Chromium of this test process once `shareBrowser()` was called, started (or connected to) on first use. */
let shared: Promise<Browser> | null = null;
let sharing = false;
/** The browser project's one Chromium (global-setup.ts), when `shareBrowser()` was given its endpoint. */
let sharedEndpoint: string | null = null;

/** Starts the Chromium the test files of a run share (`shareBrowser(server.wsEndpoint())`); global-setup.ts calls it. */
export function launchBrowserServer(): Promise<BrowserServer> {
  return chromium.launchServer({ executablePath: CHROMIUM_PATH, headless: true, args: TEST_CHROMIUM_ARGS });
}

/**
 * For test processes (tests/e2e/setup.ts calls it once per test file): from then on each `launchBrowser()` is a new
 * browser context — its own cookies, storage and cache, nothing carried over, as a new profile has — of one Chromium,
 * instead of a Chromium started each time (1.1 s against 0.35 s at load 7). With `wsEndpoint` that Chromium is the
 * run's own, started once by global-setup.ts for every test file: a Chromium's first app load costs 3.5 CPU-seconds,
 * the next ones, in new contexts, 0.8 (docs/BENCHMARKS.md "Test suite"). Without it, or when that Chromium cannot be
 * reached, the file starts one of its own. Returns what closes the file's connection (or its own Chromium), and the
 * contexts the file opened with it; while a context is kept for the next file (`keepContext`), only the others close.
 * Benchmarks do not call it: each of their runs keeps a browser, and its memory, of its own.
 */
export function shareBrowser(wsEndpoint?: string): () => Promise<void> {
  sharing = true;
  sharedEndpoint = wsEndpoint ?? null;
  return async () => {
    const browser = shared;
    if (browser && kept.size > 0) {
      // A page kept for the next file of this process (`keepContext`): the connection stays, every other context of
      // the file closes.
      const open = await browser.catch(() => null);
      await Promise.all((open?.contexts() ?? []).filter((c) => !kept.has(c)).map((c) => c.close().catch(() => undefined)));
      return;
    }
    shared = null;
    sharing = false;
    sharedEndpoint = null;
    if (browser) await (await browser).close().catch(() => undefined);
  };
}

/** Contexts that outlive their test file: the next file of the same process takes them over (app.ts, `warmApp`). */
const kept = new Set<BrowserContext>();

/**
 * Keeps `context` (and its pages) open after its test file ends, on this process's connection to the run's Chromium,
 * or (`keep` false) no longer. It closes with the process, when the connection drops.
 */
export function keepContext(context: BrowserContext, keep: boolean): void {
  if (keep) kept.add(context);
  else kept.delete(context);
}

function sharedBrowser(): Promise<Browser> {
  if (!shared) {
    const endpoint = sharedEndpoint;
    const launch = () => chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: TEST_CHROMIUM_ARGS });
    const launching = endpoint === null ? launch() : chromium.connect(endpoint, { timeout: 30_000 }).catch(launch);
    shared = launching;
    // A Chromium that crashed, failed to start or dropped the connection is started again by the next session (its
    // own, then), not reused.
    launching.then(
      (browser) =>
        browser.on('disconnected', () => {
          for (const context of browser.contexts()) kept.delete(context);
          if (shared !== launching) return;
          shared = null;
          sharedEndpoint = null;
        }),
      () => void (shared === launching && (shared = null))
    );
  }
  return shared;
}

/** This process's folder for downloads, removed when it exits. */
let downloadsDir: string | null = null;

/**
 * A download saved to a file of this process (`download.path()` has none when the Chromium is the run's shared one,
 * reached over its endpoint); the path, to read or to hand to DuckDB.
 */
export async function savedDownload(download: Download): Promise<string> {
  if (downloadsDir === null) {
    const dir = mkdtempSync(join(tmpdir(), 'termscope-downloads-'));
    process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
    downloadsDir = dir;
  }
  const path = join(downloadsDir, `${Date.now()}-${Math.random().toString(36).slice(2)}-${download.suggestedFilename()}`);
  await download.saveAs(path);
  return path;
}

/** A fresh profile (or, once `shareBrowser()` was called, a fresh context) each time: no cache or storage carries over. */
export async function launchBrowser(): Promise<BrowserSession> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `Chromium not found at ${CHROMIUM_PATH}: install it (apt-get install chromium) or set CHROMIUM_PATH.`
    );
  }
  let context: BrowserContext;
  let page: Page;
  let profile: string | null = null;
  if (sharing) {
    context = await (await sharedBrowser()).newContext({ viewport: VIEWPORT });
    page = await context.newPage();
  } else {
    profile = await mkdtemp(join(tmpdir(), 'termscope-chromium-'));
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM_PATH,
      headless: true,
      args: CHROMIUM_ARGS,
      viewport: VIEWPORT
    });
    page = context.pages()[0] ?? (await context.newPage());
  }
  const requests: string[] = [];
  const consoleErrors: string[] = [];
  const cspViolations: string[] = [];
  context.on('request', (request) => requests.push(request.url()));
  violationsOf.set(page, cspViolations);
  // Workers' console messages arrive here too (playwright-core 1.65).
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    const where = message.location().url;
    const line = where ? `console (${where}): ${message.text()}` : `console: ${message.text()}`;
    consoleErrors.push(line);
    if (/Content Security Policy/i.test(message.text())) cspViolations.push(line);
  });
  page.on('pageerror', (error) => consoleErrors.push(`uncaught: ${oneLine(error)}`));
  return {
    context,
    page,
    requests,
    consoleErrors,
    cspViolations,
    async close() {
      await context.close();
      if (profile) await rm(profile, { recursive: true, force: true });
    }
  };
}

/**
 * Requests that left the app's origin. `data:` URLs and `blob:` URLs minted by the app (`blob:<origin>/…`) stay in
 * the browser, so they count as the app's own.
 */
export function foreignRequests(requests: readonly string[], appUrl: string): string[] {
  const origin = new URL(appUrl).origin;
  return requests.filter((url) => {
    if (url.startsWith('data:')) return false;
    const inner = url.startsWith('blob:') ? url.slice('blob:'.length) : url;
    try {
      return new URL(inner).origin !== origin;
    } catch {
      return true;
    }
  });
}

export function assertSameOrigin(session: BrowserSession, appUrl: string): void {
  const foreign = foreignRequests(session.requests, appUrl);
  if (foreign.length > 0) {
    throw new Error(`${foreign.length} request(s) left ${new URL(appUrl).origin}:\n  ${foreign.join('\n  ')}`);
  }
}

function withConsole(message: string, consoleErrors: readonly string[]): string {
  return consoleErrors.length === 0 ? message : `${message}\nConsole errors:\n  ${consoleErrors.join('\n  ')}`;
}

/** Which terminal state the app's database reached: `<html data-db="ready|error">`. */
async function settledDbState(page: Page, timeout: number): Promise<'ready' | 'error'> {
  await page.locator('html[data-db="ready"], html[data-db="error"]').waitFor({ state: 'attached', timeout });
  return (await page.locator('html').getAttribute('data-db')) === 'error' ? 'error' : 'ready';
}

async function loadErrorText(page: Page): Promise<string> {
  const error = page.getByTestId('load-error');
  await error.waitFor({ state: 'visible', timeout: 5_000 });
  return (await error.innerText()).trim();
}

/**
 * Resolves when the export is loaded (`data-db="ready"`); fails as soon as the app reports a load error, with the
 * text it shows, instead of running into the timeout.
 */
export async function waitForDb(page: Page, options: { timeout?: number; consoleErrors?: readonly string[] } = {}) {
  const { timeout = 60_000, consoleErrors = [] } = options;
  let state: 'ready' | 'error';
  try {
    state = await settledDbState(page, timeout);
  } catch (error) {
    const current = await page.locator('html').getAttribute('data-db').catch(() => null);
    throw new Error(withConsole(`data-db never settled (still "${current}"): ${String(error)}`, consoleErrors));
  }
  if (state === 'error') {
    const text = await loadErrorText(page).catch(() => '(no [data-testid="load-error"] shown)');
    throw new Error(withConsole(`The app failed to load its export: ${text}`, consoleErrors));
  }
  assertNoCspViolations(page);
}

/** The opposite expectation: the app must end in its load-error state; returns the message it shows. */
export async function waitForLoadError(page: Page, options: { timeout?: number } = {}): Promise<string> {
  const state = await settledDbState(page, options.timeout ?? 60_000);
  if (state !== 'error') throw new Error('Expected a load error, but the export loaded (data-db="ready").');
  assertNoCspViolations(page);
  return loadErrorText(page);
}
