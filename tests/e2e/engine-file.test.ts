/**
 * The two ways an export reaches the engine, in the built app: its engine file attached and read in ranges (or
 * fetched whole from a host that ignores ranges), and its Parquet files — used, with a note saying why, when the
 * engine file is not listed, missing, corrupt (at attach or when a block is read), of a storage version the app does
 * not read, or made from other Parquet files. Both give the same overview. On the Parquet path of an export the
 * builder checked, the history tables and the checks come after the first view, and a failing check still ends in
 * the load error.
 *
 * Every export here is a copy of the small fixture export (tests/fixtures/small, built for the run), changed, and
 * mounted beside the app: the paths are the same for any export, and the fixture's Parquet path costs a third of the
 * demo's (docs/BENCHMARKS.md, "Sixth pass"). The demo's own load is overview.test.ts's.
 */
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { cp, mkdtemp, open, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { openNodeDb } from '../../scripts/lib/duckdb-node';
import { sha256File } from '../../scripts/lib/export-io';
import { startServer, type StaticServer } from '../../scripts/serve';
import type { Manifest } from '../../src/lib/contract/schema';
import { buildFixture } from '../helpers/fixture';
import { openApp, type AppSession } from './app';
import { waitForDb, waitForLoadError } from './browser';
import { editedCopy } from '../helpers/export-copies';

const APP_DIR = inject('appDir');
/** The demo export as global-setup serves it: only its engine file is used, as another export's. */
const DEMO_DIR = join(APP_DIR, 'exports', 'demo');
/** DuckDB's file layout: three 4 KiB headers, then 256 KiB blocks, each starting with its 8-byte checksum. */
const HEADERS = 3 * 4096;
const BLOCK = 262_144;

let work: string;
let server: StaticServer;
/** The same app and exports behind a proxy that drops Range headers: a host that answers every request whole. */
let noRanges: Server;
let noRangesUrl: string;
let manifest: Manifest;

async function overwrite(path: string, offset: number, bytes: Buffer): Promise<void> {
  const file = await open(path, 'r+');
  try {
    await file.write(bytes, 0, bytes.length, offset);
  } finally {
    await file.close();
  }
}

/** A copy of the fixture export changed by `edit` (files and manifest), mounted as `/exports/<name>`. */
async function variant(name: string, edit: (dir: string, m: Manifest) => Promise<void> = async () => undefined) {
  return [`/exports/${name}`, await editedCopy(await buildFixture(), work, name, edit)] as const;
}

/** The first block holding `provisions.status` (which the overview reads), from DuckDB's own storage info. */
async function statusBlock(path: string): Promise<number> {
  const db = await openNodeDb();
  try {
    await db.exec(`ATTACH '${path}' AS f (READ_ONLY)`);
    const [row] = await db.query("SELECT min(block_id) AS block FROM pragma_storage_info('f.provisions') WHERE column_name = 'status' AND block_id >= 0");
    return Number(row!.block);
  } finally {
    db.close();
  }
}

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'termscope-engine-'));
  manifest = JSON.parse(await readFile(join(await buildFixture(), 'manifest.json'), 'utf8')) as Manifest;
  const engineFile = manifest.engine!.file;
  const mounts = Object.fromEntries(
    await Promise.all([
      variant('eng-present'),
      variant('eng-unlisted', async (dir, m) => {
        await rm(join(dir, engineFile));
        delete m.engine;
      }),
      variant('eng-missing', async (dir) => rm(join(dir, engineFile))),
      variant('eng-corrupt-header', async (dir) => overwrite(join(dir, engineFile), 4096, Buffer.alloc(8192))),
      variant('eng-corrupt-block', async (dir) => {
        const path = join(dir, engineFile);
        await overwrite(path, HEADERS + (await statusBlock(path)) * BLOCK + 64, Buffer.alloc(64, 0xab));
      }),
      variant('eng-storage-99', async (_dir, m) => {
        m.engine!.storage_version = 99;
      }),
      variant('eng-stale', async (dir, m) => {
        // Another export's engine file left beside these Parquet files (listed with its own size and hash).
        const path = join(dir, engineFile);
        await cp(join(DEMO_DIR, engineFile), path);
        m.engine!.bytes = (await readFile(path)).byteLength;
        m.engine!.sha256 = await sha256File(path);
      }),
      variant('eng-late-check', async (dir, m) => {
        // The manifest says these rules passed, but a platform breaks one: the check runs after the first view.
        await rm(join(dir, engineFile));
        const path = join(dir, m.tables.platforms!.file);
        const db = await openNodeDb();
        try {
          await db.exec(`CREATE TABLE p AS SELECT * FROM read_parquet('${path}')`);
          await db.exec("UPDATE p SET jurisdiction = 'us' WHERE platform_id = (SELECT min(platform_id) FROM p)");
          await db.exec(`COPY p TO '${path}' (FORMAT parquet, COMPRESSION zstd)`);
        } finally {
          db.close();
        }
        m.tables.platforms!.sha256 = await sha256File(path);
        m.tables.platforms!.bytes = (await readFile(path)).byteLength;
        delete m.precomputed;
      })
    ])
  );
  server = await startServer({ dir: APP_DIR, port: 0, mounts });
  noRanges = createServer((req, res) => {
    const headers = { ...req.headers };
    delete headers.range;
    delete headers['if-range'];
    const upstream = request(`${server.url}${req.url}`, { method: req.method, headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    upstream.once('error', () => res.destroy());
    req.pipe(upstream);
  });
  await new Promise<void>((ok) => noRanges.listen(0, '127.0.0.1', ok));
  noRangesUrl = `http://127.0.0.1:${(noRanges.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await server?.close();
  if (noRanges) {
    noRanges.closeAllConnections();
    await new Promise((ok) => noRanges.close(ok));
  }
  if (work) await rm(work, { recursive: true, force: true });
});

/** The overview's numbers as its test hooks show them, once they are live. */
async function liveOverview(page: Page) {
  await page.locator('[data-overview-source="live"]').waitFor({ state: 'attached', timeout: 120_000 });
  const read = (selector: string) => page.locator(selector).evaluateAll((els) => els.map((e) => ({ ...(e as HTMLElement).dataset })));
  return {
    rowCounts: await read('[data-testid="row-count"]'),
    severities: await read('[data-testid="severity-count"]'),
    categories: await read('[data-testid="category-row"]')
  };
}

async function loadedBy(app: AppSession, path: 'engine-file' | 'parquet') {
  await app.page.locator(`html[data-db="ready"][data-db-path="${path}"]`).waitFor({ state: 'attached', timeout: 120_000 });
}

const note = (app: AppSession) => app.page.getByTestId('load-note').innerText();

/** Paths of the export's files the page and its workers requested. */
function exportRequests(app: AppSession, name: string): string[] {
  return app.requests.map((url) => new URL(url).pathname).filter((path) => path.startsWith(`/exports/${name}/`));
}

/** Records every value `<html data-db>` takes, in order (installed before the app's scripts). */
const RECORD_DB_STATES = `(() => {
  window.__dbStates = [];
  new MutationObserver(() => {
    const state = document.documentElement.dataset.db;
    if (state && window.__dbStates.at(-1) !== state) window.__dbStates.push(state);
  }).observe(document, { subtree: true, attributes: true, attributeFilter: ['data-db'] });
})();`;

describe('loading an export by its engine file or its Parquet files', () => {
  let expected: Awaited<ReturnType<typeof liveOverview>>;

  test('an engine file is attached and read in ranges: no Parquet file is fetched, no note', async () => {
    const ranged: string[] = [];
    // Listening before the app starts: a small static file of the same origin first.
    const app = await openApp('/favicon.svg', server.url);
    app.context.on('response', (response) => {
      if (response.url().endsWith(`/${manifest.engine!.file}`)) ranged.push(`${response.request().method()} ${response.status()}`);
    });
    await app.page.goto(`${server.url}/?export=eng-present`);
    await waitForDb(app.page, { consoleErrors: app.consoleErrors });
    await loadedBy(app, 'engine-file');
    expected = await liveOverview(app.page);
    await expect(app.page.locator('html').getAttribute('data-engine-file')).resolves.toBe('ranges');
    await expect(app.page.getByTestId('load-note').count()).resolves.toBe(0);
    const paths = exportRequests(app, 'eng-present');
    expect(paths).toContain(`/exports/eng-present/${manifest.engine!.file}`);
    for (const entry of Object.values(manifest.tables)) expect(paths).not.toContain(`/exports/eng-present/${entry.file}`);
    // The page's own probe is a ranged HEAD answered 206; DuckDB's reads come from its worker.
    expect(ranged).toContain('HEAD 206');
    expect(ranged.filter((r) => r.endsWith(' 200'))).toEqual([]);
    expect(expected.rowCounts.map((r) => Number(r.value))).toEqual(Object.values(manifest.tables).map((t) => t.rows));
  });

  test('without an engine file in the manifest, the Parquet files give the same overview, with a note', async () => {
    const app = await openApp('/?export=eng-unlisted', server.url);
    await loadedBy(app, 'parquet');
    expect(await liveOverview(app.page)).toEqual(expected);
    expect(await note(app)).toContain('This export has no engine file (termscope.duckdb), so its Parquet files were loaded');
  });

  test('an engine file listed but not on the host (404)', async () => {
    const app = await openApp('/?export=eng-missing', server.url);
    await loadedBy(app, 'parquet');
    expect(await liveOverview(app.page)).toEqual(expected);
    expect(await note(app)).toBe(
      'Loaded the Parquet files instead of the engine file /exports/eng-missing/termscope.duckdb: not found (HTTP 404), although manifest.json lists it. Loading took longer than it needs to.'
    );
  });

  test('a corrupt engine file that cannot be attached', async () => {
    const app = await openApp('/?export=eng-corrupt-header', server.url);
    await loadedBy(app, 'parquet');
    expect(await liveOverview(app.page)).toEqual(expected);
    expect(await note(app)).toMatch(/^Loaded the Parquet files instead of the engine file \/exports\/eng-corrupt-header\/termscope\.duckdb: DuckDB cannot attach it \(.+\)\./);
  });

  test('a corrupt block found when a query reads it: the export is loaded again from its Parquet files', async () => {
    const app = await openApp('/?export=eng-corrupt-block', server.url);
    await loadedBy(app, 'parquet');
    expect(await liveOverview(app.page)).toEqual(expected);
    expect(await note(app)).toMatch(/^Loaded the Parquet files instead of the engine file \/exports\/eng-corrupt-block\/termscope\.duckdb: it could not be read \(.*checksum.*\)\./i);
    expect(app.consoleErrors.filter((e) => e.startsWith('uncaught'))).toEqual([]);
  });

  test('an engine file of a storage version the app does not read is not even fetched', async () => {
    const app = await openApp('/?export=eng-storage-99', server.url);
    await loadedBy(app, 'parquet');
    expect(await liveOverview(app.page)).toEqual(expected);
    expect(await note(app)).toContain('its DuckDB storage version is 99, this version of Termscope reads 64–67');
    expect(app.requests.some((url) => url.endsWith('/eng-storage-99/termscope.duckdb'))).toBe(false);
  });

  test('an engine file made from other Parquet files than the manifest lists is not used', async () => {
    const app = await openApp('/?export=eng-stale', server.url);
    await loadedBy(app, 'parquet');
    expect(await liveOverview(app.page)).toEqual(expected);
    expect(await note(app)).toMatch(
      /^Loaded the Parquet files instead of the engine file \/exports\/eng-stale\/termscope\.duckdb: it does not belong to these Parquet files: its categories was made from another categories\.parquet \(SHA-256 [0-9a-f]{64}\)\./
    );
  });

  test('a host that ignores ranges: the engine file is fetched whole, then attached', async () => {
    const app = await openApp('/?export=eng-present', noRangesUrl);
    await loadedBy(app, 'engine-file');
    await expect(app.page.locator('html').getAttribute('data-engine-file')).resolves.toBe('whole');
    expect(await liveOverview(app.page)).toEqual(expected);
  });

  test('on the Parquet path of a checked export, the checks run after the first view and still refuse a broken row', async () => {
    const app = await openApp('/?export=eng-late-check', server.url, { initScript: RECORD_DB_STATES });
    await app.page.locator('html[data-db="error"]').waitFor({ state: 'attached', timeout: 180_000 });
    const message = await waitForLoadError(app.page);
    // Ready first (the required tables were in), then the error once the history tables and the checks were done.
    expect(await app.page.evaluate(() => (window as unknown as { __dbStates: string[] }).__dbStates)).toEqual(['loading', 'ready', 'error']);
    await expect(app.page.locator('html').getAttribute('data-db-path')).resolves.toBe('parquet');
    expect(message).toContain('/exports/eng-late-check/platforms.parquet');
    expect(message).toContain('breaks the export contract (1 problem)');
    expect(message).toMatch(/platforms\.parquet row \d+ \(platform_id "[^"]+"\): column "jurisdiction": "us" is not an ISO 3166-1 alpha-2 code/);
  });
});
