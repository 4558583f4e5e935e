/**
 * vitest globalSetup of the `browser` project: the demo export and a fresh `build/` (the same steps as `npm start`),
 * copied to a private folder and served on a random port of 127.0.0.1 for the whole run, with the real samples of
 * ../shared/data imported beside the demo (`?export=tosdr`, `?export=ota`; see real-exports.ts). Tests read the address
 * with `inject('appUrl')` and the served folder with `inject('appDir')`.
 */
import type { TestProject } from 'vitest/node';
import { startServer, type StaticServer } from '../../scripts/serve';
import { buildApp, snapshotApp } from '../../scripts/start';
import { launchBrowser, launchBrowserServer, shareBrowser } from './browser';
import { importRealExports } from './real-exports';
import { REMOTE_ORIGIN } from './remote-origin';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Origin of the static server holding the app, without a trailing slash. */
    appUrl: string;
    /** The folder it serves: a copy of `build/`, so a rebuild elsewhere cannot change it during the run. */
    appDir: string;
    /** The run's one Chromium, which every test file connects to (browser.ts, `shareBrowser`). */
    browserWs: string;
  }
}

const log = (line: string) => console.log(`[e2e] ${line}`);

// Any build made here allows the second origin the Data page's URL tests serve from (remote-origin.ts).
process.env.TERMSCOPE_CONNECT_SRC ??= REMOTE_ORIGIN;

/**
 * Why the app does not start (its layout never sets `<html data-db>`), or null when it does. Without this, an app
 * that cannot boot makes every test wait out its own timeout.
 */
async function bootFailure(server: StaticServer): Promise<string | null> {
  const session = await launchBrowser();
  try {
    await session.page.goto(`${server.url}/`);
    await session.page.locator('html[data-db]').waitFor({ state: 'attached', timeout: 30_000 });
    return null;
  } catch (error) {
    return [String(error), ...session.consoleErrors].join('\n  ');
  } finally {
    await session.close();
  }
}

async function serveSnapshot() {
  const app = await snapshotApp(log);
  const server = await startServer({ dir: app.dir, port: 0 });
  return { app, server };
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const chromium = await launchBrowserServer();
  project.provide('browserWs', chromium.wsEndpoint());
  // The boot check below is the Chromium's first app load, the one that costs the most: done here, once.
  const unshare = shareBrowser(chromium.wsEndpoint());
  try {
    const done = await serveApp(project);
    return async () => {
      await done();
      await chromium.close();
    };
  } catch (error) {
    await chromium.close();
    throw error;
  } finally {
    await unshare();
  }
}

async function serveApp(project: TestProject): Promise<() => Promise<void>> {
  // `npm run test:browser` has just built; this only rebuilds when run some other way on a stale build/.
  let { app, server } = await serveSnapshot();
  const failure = await bootFailure(server);
  if (failure) {
    // Two builds writing build/ at once leave a mix of both that cannot start: build once more, alone.
    log(`The built app did not start; building again.\n  ${failure}`);
    await server.close();
    await app.remove();
    await buildApp(log);
    ({ app, server } = await serveSnapshot());
    const again = await bootFailure(server);
    if (again) {
      await server.close();
      await app.remove();
      throw new Error(`The built app does not start:\n  ${again}`);
    }
  }
  project.provide('appUrl', server.url);
  project.provide('appDir', app.dir);
  // The real samples, imported by the project's importers into the served copy (tests skip when they are absent).
  try {
    project.provide('realExports', await importRealExports(app.dir, log));
  } catch (error) {
    await server.close();
    await app.remove();
    throw error;
  }
  return async () => {
    await server.close();
    await app.remove();
  };
}
