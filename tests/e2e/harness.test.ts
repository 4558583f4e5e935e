/**
 * The browser harness itself, on small pages that play the app's signals: if these helpers could not see a load
 * error, a foreign request or a worker's console error, the app's tests would pass for the wrong reason.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startServer, type StaticServer } from '../../scripts/serve';
import { openApp } from './app';
import { assertSameOrigin, foreignRequests, waitForDb, waitForLoadError } from './browser';

let dir: string;
let server: StaticServer;

const page = (script: string, body = '') =>
  `<!doctype html><html data-db="loading"><body>${body}<script type="module">${script}</script></body></html>`;

const FILES: Record<string, string> = {
  '404.html': page(''),
  'data.json': '{"rows": 3}',
  'worker.js': `console.error('worker says no'); fetch('/data.json').then(() => postMessage('done'));`,
  // Ready only after a worker fetched and answered, like the app's engine start-up.
  'ready.html': page(`
    const worker = new Worker('/worker.js');
    worker.onmessage = () => { document.documentElement.dataset.db = 'ready'; };`),
  'error.html': page(
    `setTimeout(() => {
      document.getElementById('err').hidden = false;
      document.documentElement.dataset.db = 'error';
    }, 50);`,
    '<p id="err" data-testid="load-error" hidden>exports/demo/manifest.json: not found (404). Run npm run data.</p>'
  ),
  'foreign.html': page(`
    await fetch('http://127.0.0.2:9/track').catch(() => {});
    document.documentElement.dataset.db = 'ready';`),
  'throws.html': page(`
    setTimeout(() => { throw new Error('boom in the page'); });
    setTimeout(() => { document.documentElement.dataset.db = 'ready'; }, 20);`)
};

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'termscope-harness-'));
  for (const [name, text] of Object.entries(FILES)) await writeFile(join(dir, name), text);
  // Served without the site's security headers: these pages are not the app (they play its signals with inline
  // scripts, and must let a foreign request leave so the harness can be seen catching it). That the policy blocks
  // and reports such things is tested in security-headers.test.ts.
  server = await startServer({ dir, port: 0, headers: {} });
});

afterAll(async () => {
  await server?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('browser harness', () => {
  test('waitForDb resolves on data-db="ready" and requests from workers are recorded', async () => {
    const app = await openApp('/ready', server.url);
    await waitForDb(app.page);
    expect(app.requests).toContain(`${server.url}/worker.js`);
    expect(app.requests).toContain(`${server.url}/data.json`);
    expect(foreignRequests(app.requests, server.url)).toEqual([]);
    expect(app.consoleErrors.some((line) => line.includes('worker says no'))).toBe(true);
  });

  test('waitForDb fails fast with the text of the load error', async () => {
    const app = await openApp('/error', server.url);
    const started = Date.now();
    await expect(waitForDb(app.page, { timeout: 30_000 })).rejects.toThrow(
      'The app failed to load its export: exports/demo/manifest.json: not found (404). Run npm run data.'
    );
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(await waitForLoadError(app.page)).toContain('npm run data');
  });

  test('waitForLoadError fails when the export loads', async () => {
    const app = await openApp('/ready', server.url);
    await expect(waitForLoadError(app.page)).rejects.toThrow('Expected a load error');
  });

  test('a request to another origin is caught', async () => {
    const app = await openApp('/foreign', server.url);
    await waitForDb(app.page);
    expect(foreignRequests(app.requests, server.url)).toEqual(['http://127.0.0.2:9/track']);
    expect(() => assertSameOrigin(app, server.url)).toThrow('1 request(s) left');
  });

  test('uncaught page errors are captured', async () => {
    const app = await openApp('/throws', server.url);
    await waitForDb(app.page);
    await expect.poll(() => app.consoleErrors.join('\n')).toContain('boom in the page');
  });

  test('foreignRequests keeps data: and the app’s own blob: URLs', () => {
    const own = 'http://127.0.0.1:4173';
    expect(
      foreignRequests(
        [`${own}/`, 'data:text/plain,x', `blob:${own}/1f2e`, 'blob:https://cdn.example/9a', 'https://extensions.duckdb.org/x'],
        own
      )
    ).toEqual(['blob:https://cdn.example/9a', 'https://extensions.duckdb.org/x']);
  });
});
