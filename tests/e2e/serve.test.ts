/** The static server, over real HTTP: types, ranges, caching and the SPA fallback the app's pages rely on. */
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { parseRange, startServer, type StaticServer } from '../../scripts/serve';

const BYTES = '0123456789';
let dir: string;
let server: StaticServer;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'termscope-serve-'));
  await mkdir(join(dir, '_app/immutable'), { recursive: true });
  await mkdir(join(dir, 'exports/demo'), { recursive: true });
  await writeFile(join(dir, '404.html'), '<p>fallback</p>');
  await writeFile(join(dir, 'index.html'), '<p>index</p>');
  await writeFile(join(dir, 'sql.html'), '<p>sql page</p>');
  await writeFile(join(dir, 'exports/demo/provisions.parquet'), BYTES);
  await writeFile(join(dir, 'exports/demo/manifest.json'), '{}');
  await writeFile(join(dir, '_app/immutable/engine.wasm'), 'wasm');
  await writeFile(join(dir, '_app/immutable/app.js'), 'js');
  await writeFile(join(dir, '.secret'), 'hidden');
  server = await startServer({ dir, port: 0 });
});

afterAll(async () => {
  await server?.close();
  await rm(dir, { recursive: true, force: true });
});

const get = (path: string, headers: Record<string, string> = {}) => fetch(`${server.url}${path}`, { headers });

/** fetch() normalises `..` away; this sends the path exactly as written, as a hostile client would. */
function rawGet(path: string): Promise<{ status: number; body: string }> {
  return new Promise((ok, fail) => {
    const request = httpRequest({ host: '127.0.0.1', port: server.port, path }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.on('end', () => ok({ status: response.statusCode ?? 0, body }));
    });
    request.once('error', fail);
    request.end();
  });
}

describe('parseRange', () => {
  test.each([
    ['bytes=0-0', { start: 0, end: 0 }],
    ['bytes=0-3', { start: 0, end: 3 }],
    ['bytes=4-', { start: 4, end: 9 }],
    ['bytes=5-100', { start: 5, end: 9 }],
    ['bytes=-3', { start: 7, end: 9 }],
    ['bytes=-30', { start: 0, end: 9 }],
    ['BYTES = 1 - 2', { start: 1, end: 2 }],
    ['bytes=10-', 'unsatisfiable'],
    ['bytes=10-12', 'unsatisfiable'],
    ['bytes=-0', 'unsatisfiable'],
    ['bytes=3-2', null],
    ['bytes=0-1,4-5', null],
    ['items=0-1', null],
    ['bytes=-', null],
    ['bytes=a-b', null]
  ] as const)('%s of 10 bytes', (header, expected) => {
    expect(parseRange(header, 10)).toEqual(expected);
  });
});

describe('startServer', () => {
  test.each([
    ['/exports/demo/provisions.parquet', 'application/octet-stream', 'no-cache'],
    ['/exports/demo/manifest.json', 'application/json', 'no-cache'],
    ['/_app/immutable/engine.wasm', 'application/wasm', 'public, max-age=31536000, immutable'],
    ['/_app/immutable/app.js', 'text/javascript; charset=utf-8', 'public, max-age=31536000, immutable'],
    ['/', 'text/html;charset=utf-8', 'no-cache'],
    ['/sql', 'text/html;charset=utf-8', 'no-cache']
  ])('%s is %s, Cache-Control %s', async (path, type, cache) => {
    const response = await get(path);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe(type);
    expect(response.headers.get('cache-control')).toBe(cache);
    expect(response.headers.get('accept-ranges')).toBe('bytes');
  });

  test('prerendered pages are served, unknown pages get the SPA fallback with 200', async () => {
    expect(await (await get('/sql')).text()).toBe('<p>sql page</p>');
    const page = await get('/provision/CA-P-004267');
    expect(page.status).toBe(200);
    expect(await page.text()).toBe('<p>fallback</p>');
    const dotted = await get('/platform/example.com', { Accept: 'text/html' });
    expect(await dotted.text()).toBe('<p>fallback</p>');
  });

  test('a page path with broken percent-encoding gets the fallback page (the app says what is wrong); a file path a 404', async () => {
    const page = await rawGet('/provisions/%E0%A4%A');
    expect(page).toEqual({ status: 200, body: '<p>fallback</p>' });
    expect((await rawGet('/exports/demo/%E0%A4%A.parquet')).status).toBe(404);
  });

  test('a missing file is a 404, not the fallback page', async () => {
    const response = await get('/exports/demo/snapshots.parquet');
    expect(response.status).toBe(404);
    expect(await response.text()).toContain('/exports/demo/snapshots.parquet');
  });

  test('dotfiles and paths outside the folder are not served', async () => {
    expect((await get('/.secret')).status).toBe(404);
    for (const path of ['/../../../../etc/passwd', '/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd', '/..%2f..%2f..%2fetc/passwd']) {
      const { status, body } = await rawGet(path);
      expect(body, path).not.toContain('root:');
      expect([200, 404], path).toContain(status);
    }
  });

  test.each([
    ['bytes=0-0', '0', 'bytes 0-0/10'],
    ['bytes=2-5', '2345', 'bytes 2-5/10'],
    ['bytes=-3', '789', 'bytes 7-9/10'],
    ['bytes=8-', '89', 'bytes 8-9/10']
  ])('Range %s answers 206 with %s', async (range, body, contentRange) => {
    const response = await get('/exports/demo/provisions.parquet', { Range: range });
    expect(response.status).toBe(206);
    expect(response.headers.get('content-range')).toBe(contentRange);
    expect(response.headers.get('content-length')).toBe(String(body.length));
    expect(response.headers.get('content-type')).toBe('application/octet-stream');
    expect(await response.text()).toBe(body);
  });

  test('an unsatisfiable range is a 416; an unsupported one gets the whole file', async () => {
    const beyond = await get('/exports/demo/provisions.parquet', { Range: 'bytes=10-' });
    expect(beyond.status).toBe(416);
    expect(beyond.headers.get('content-range')).toBe('bytes */10');
    const multi = await get('/exports/demo/provisions.parquet', { Range: 'bytes=0-1,4-5' });
    expect(multi.status).toBe(200);
    expect(await multi.text()).toBe(BYTES);
  });

  test('If-Range with the file\'s own ETag or date gets the range (as Chromium asks for more of a partly cached file); a stale one the whole file', async () => {
    const first = await get('/exports/demo/provisions.parquet', { Range: 'bytes=0-1' });
    const tag = first.headers.get('etag')!;
    const date = first.headers.get('last-modified')!;
    expect(tag).toMatch(/^W\/"/);
    for (const validator of [tag, tag.slice(2), date]) {
      const more = await get('/exports/demo/provisions.parquet', { Range: 'bytes=2-5', 'If-Range': validator });
      expect(more.status, validator).toBe(206);
      expect(await more.text()).toBe('2345');
    }
    for (const stale of ['W/"1-1"', '"other"', 'Thu, 01 Jan 2015 00:00:00 GMT']) {
      const whole = await get('/exports/demo/provisions.parquet', { Range: 'bytes=2-5', 'If-Range': stale });
      expect(whole.status, stale).toBe(200);
      expect(await whole.text()).toBe(BYTES);
    }
  });

  test('revalidation answers 304 for an unchanged file', async () => {
    const first = await get('/exports/demo/manifest.json');
    const tag = first.headers.get('etag');
    expect(tag).toBeTruthy();
    expect((await get('/exports/demo/manifest.json', { 'If-None-Match': tag ?? '' })).status).toBe(304);
  });

  test('a file written after start-up is served (a regenerated export)', async () => {
    await writeFile(join(dir, 'exports/demo/snapshots-late.parquet'), 'late');
    expect(await (await get('/exports/demo/snapshots-late.parquet')).text()).toBe('late');
  });

  test('a mounted folder is served under its prefix, the app around it', async () => {
    const extra = await mkdtemp(join(tmpdir(), 'termscope-mount-'));
    await writeFile(join(extra, 'manifest.json'), '{"big": true}');
    const mounted = await startServer({ dir, port: 0, mounts: { '/exports/big': extra } });
    try {
      const manifest = await fetch(`${mounted.url}/exports/big/manifest.json`);
      expect(manifest.headers.get('content-type')).toBe('application/json');
      expect(await manifest.text()).toBe('{"big": true}');
      expect((await fetch(`${mounted.url}/exports/big/provisions.parquet`)).status).toBe(404);
      expect(await (await fetch(`${mounted.url}/exports/demo/manifest.json`)).text()).toBe('{}');
      expect(await (await fetch(`${mounted.url}/exports/bigger/manifest.json`)).text()).toContain('Not found');
    } finally {
      await mounted.close();
      await rm(extra, { recursive: true, force: true });
    }
  });

  test('refuses a folder without the fallback page', async () => {
    await expect(startServer({ dir: join(dir, 'exports') })).rejects.toThrow(/404\.html not found/);
  });
});
