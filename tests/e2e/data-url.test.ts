/**
 * The Data page opening an export published on another site: the fixture export served on a second localhost port
 * (the origin the test build's policy allows, remote-origin.ts), with CORS, and the failures an address can give:
 * not found, a site that does not allow other sites to read it (no CORS header), a web page instead of an export,
 * an origin the site's policy does not allow (refused before any request). Nothing is fetched until the analyst
 * presses Open; the export loaded before stays loaded after each failure; no request goes to an origin not named.
 */
import { createServer, type Server } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { join, normalize } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { assertNoCspViolations, waitForDb, type BrowserSession } from './browser';
import { dataExports, fixtureRowCounts, openDataPage, type DataExports } from './data-exports';
import { REMOTE_ORIGIN, REMOTE_PORT } from './remote-origin';

const APP_URL = inject('appUrl');
let exp: DataExports;
let remote: Server;
let session: BrowserSession;
let attempts = 0;
let dialogs: string[] = [];

/** Serves `/cors/<file>` of the good export with CORS, `/nocors/<file>` without, `/page/` as an HTML page. */
function serve(dir: string): Promise<Server> {
  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', REMOTE_ORIGIN);
    const [, mode, ...rest] = url.pathname.split('/');
    if (mode === 'cors') {
      res.setHeader('Access-Control-Allow-Origin', '*');
      res.setHeader('Access-Control-Allow-Headers', 'Range');
      res.setHeader('Access-Control-Expose-Headers', 'Content-Length, Content-Range, Accept-Ranges');
      if (req.method === 'OPTIONS') return res.writeHead(204).end();
    }
    if (mode === 'page') return res.writeHead(200, { 'Content-Type': 'text/html', 'Access-Control-Allow-Origin': '*' }).end('<!doctype html><p>Hello</p>');
    const file = normalize(join(dir, ...rest));
    if (!file.startsWith(dir) || !(await stat(file).catch(() => null))?.isFile()) return res.writeHead(404).end('not found');
    const body = await readFile(file);
    res.writeHead(200, { 'Content-Type': file.endsWith('.json') ? 'application/json' : 'application/octet-stream', 'Content-Length': body.length });
    res.end(req.method === 'HEAD' ? undefined : body);
  });
  return new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(REMOTE_PORT, '127.0.0.1', () => ok(server));
  });
}

beforeAll(async () => {
  exp = await dataExports();
  remote = await serve(exp.good);
  ({ session, dialogs } = await openDataPage(APP_URL));
  const policy = (await session.page.locator('meta[http-equiv="content-security-policy"]').getAttribute('content')) ?? '';
  if (!policy.includes(REMOTE_ORIGIN)) {
    throw new Error(`The built app's policy does not allow ${REMOTE_ORIGIN}: build it with TERMSCOPE_CONNECT_SRC=${REMOTE_ORIGIN} (npm run test:browser does).`);
  }
}, 180_000);

afterAll(async () => {
  await session?.close();
  await new Promise((ok) => (remote ? remote.close(ok) : ok(null)));
  await exp?.remove();
});

async function openUrl(address: string): Promise<{ status: string; text: string }> {
  const page = session.page;
  attempts++;
  await page.locator('#export-url').fill(address);
  await page.getByRole('button', { name: 'Open', exact: true }).click();
  const candidate = page.locator(`[data-testid="candidate"][data-attempt="${attempts}"]:not([data-status="loading"])`);
  await candidate.waitFor({ timeout: 90_000 });
  return { status: (await candidate.getAttribute('data-status'))!, text: (await candidate.innerText()).trim() };
}

/** Origins requested so far besides the app's and the one the test named. */
function unnamedOrigins(): string[] {
  const allowed = new Set([new URL(APP_URL).origin, REMOTE_ORIGIN]);
  return session.requests.filter((u) => !u.startsWith('data:') && !u.startsWith('blob:') && !allowed.has(new URL(u).origin));
}

function assertClean() {
  assertNoCspViolations(session.page);
  expect(unnamedOrigins()).toEqual([]);
  expect(dialogs).toEqual([]);
}

describe('the Data page opens an address', () => {
  test('nothing is fetched from the other site before Open', async () => {
    expect(session.requests.filter((u) => u.startsWith(REMOTE_ORIGIN))).toEqual([]);
  });

  test('failures in plain words, the demo staying loaded', async () => {
    const source = async () => (await session.page.getByTestId('loaded-source').innerText()).trim();
    const before = await source();
    const missing = await openUrl(`${REMOTE_ORIGIN}/cors/nowhere/`);
    expect(missing.status).toBe('error');
    expect(missing.text).toMatch(/nowhere\/manifest\.json not found \(HTTP 404\)/);
    const noCors = await openUrl(`${REMOTE_ORIGIN}/nocors/`);
    expect(noCors.status).toBe('error');
    expect(noCors.text).toMatch(/could not be read from that site[\s\S]*Access-Control-Allow-Origin/);
    const page = await openUrl(`${REMOTE_ORIGIN}/page/manifest.json`);
    expect(page.status).toBe('error');
    expect(page.text).toMatch(/is a web page \(HTML\)/);
    const requestsBefore = session.requests.length;
    const notAllowed = await openUrl('http://127.0.0.1:9/exports/x/');
    expect(notAllowed.status).toBe('error');
    expect(notAllowed.text).toMatch(/security policy lets it read exports only from its own site and http:\/\/127\.0\.0\.1:47913, not from http:\/\/127\.0\.0\.1:9/);
    expect(session.requests.slice(requestsBefore).filter((u) => u.includes(':9/'))).toEqual([]);
    expect(await source()).toBe(before);
    assertClean();
  });

  test('a good export at another origin opens, with the fixture’s rows, and a reload keeps it', async () => {
    const result = await openUrl(`${REMOTE_ORIGIN}/cors/manifest.json`);
    expect(result.status, result.text).toBe('done');
    const rows = await fixtureRowCounts();
    const page = session.page;
    await page.waitForURL(/[?&]url=/);
    await expect(page.getByTestId('loaded-source').innerText()).resolves.toContain(exp.manifest.source.name);
    await expect(page.locator('tr[data-table="provisions"] [data-testid="table-rows"]').innerText()).resolves.toBe(rows.provisions!.toLocaleString('en-US'));
    await page.reload();
    await waitForDb(page, { consoleErrors: session.consoleErrors });
    await expect(page.getByTestId('loaded-origin').getAttribute('data-origin')).resolves.toBe('url');
    assertClean();
  });
});
