/** Opening the built app in a fresh browser from inside a test, with diagnostics printed when the test fails. */
import { inject, onTestFailed, onTestFinished } from 'vitest';
import { launchBrowser, type BrowserSession } from './browser';

export interface AppSession extends BrowserSession {
  /** Origin the app was served from. */
  appUrl: string;
}

/**
 * Launches Chromium and navigates to `path` of the app (default: the server of global-setup). Call it inside a
 * test: the browser closes when the test ends, and when it fails the page's console errors and requests are printed.
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
  onTestFinished(() => session.close());
  onTestFailed(() => {
    console.error(`Console errors (${session.consoleErrors.length}):\n  ${session.consoleErrors.join('\n  ')}`);
    console.error(`Requests (${session.requests.length}):\n  ${session.requests.join('\n  ')}`);
  });
  await session.page.goto(new URL(path, `${appUrl}/`).href);
  return { ...session, appUrl };
}
