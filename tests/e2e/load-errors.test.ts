/**
 * Broken exports in the built app: a missing one, Parquet files that are not readable (apache/parquet-testing
 * `bad_data/`), files that do not match their manifest. Each must end in the load-error state naming the file and
 * saying what is wrong — never a hang, a blank page or an uncaught exception — and the app must still work after.
 *
 * The broken exports are copies of the demo export served beside the app under their own `?export=` names (the demo
 * itself stays intact), or, for the missing demo, an empty folder mounted over `/exports/demo`.
 */
import { cp, mkdir, mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import type { Manifest } from '../../src/lib/contract/schema';
import { sha256File } from '../../scripts/lib/export-io';
import { startServer, type StaticServer } from '../../scripts/serve';
import { ROOT } from '../../scripts/start';
import { openApp, type AppSession } from './app';
import { waitForDb, waitForLoadError } from './browser';
import { editedCopy } from '../helpers/export-copies';

/** The app as global-setup serves it (a copy of build/). */
const APP_DIR = inject('appDir');
const DEMO_DIR = join(APP_DIR, 'exports', 'demo');
/** Shared real test data, not part of the repository (see ../shared/data/README.md). */
const BAD_PARQUET_DIR = join(ROOT, '..', 'shared', 'data', 'bad-parquet');
/**
 * Two of the eight files, loaded by URL: one parquet-wasm refuses, and the one it decodes to columns that are not the
 * provisions table. A hosted export and files the analyst opens go through the same decoder and checks
 * (`loadParquet`, parquet-loader.ts), and data-files.test.ts gives that all eight on a warm page; here each case is a
 * cold start of the app, so the rest would repeat the same path at seconds each.
 */
const URL_CASES = ['ARROW-GH-41317.parquet', 'ARROW-GH-43605.parquet'];
const BAD_FILES = existsSync(BAD_PARQUET_DIR)
  ? (await readdir(BAD_PARQUET_DIR)).filter((f) => URL_CASES.includes(f)).sort()
  : [];
if (existsSync(BAD_PARQUET_DIR) && BAD_FILES.length !== URL_CASES.length) {
  throw new Error(`${BAD_PARQUET_DIR} lacks one of ${URL_CASES.join(', ')}`);
}

let work: string;
/** Serves the app with the broken exports mounted. */
let server: StaticServer;
/** Serves the app with an empty folder over /exports/demo. */
let noDemo: StaticServer;
let manifest: Manifest;

/** Export name for `?export=`, allowed by the app's name pattern. */
const exportNameOf = (file: string) => `bad-${file.replace(/\.parquet$/, '').toLowerCase().replace(/[^a-z0-9]+/g, '-')}`;

/** A copy of the demo export, changed by `edit`, mounted as `/exports/<name>`. */
async function brokenCopy(name: string, edit: (dir: string, manifest: Manifest) => Promise<void>) {
  return [`/exports/${name}`, await editedCopy(DEMO_DIR, work, name, edit)] as const;
}

/** Replaces provisions.parquet with `source` and makes the manifest agree on size and hash, so decoding is what fails. */
const withProvisionsFile = (source: string) => async (dir: string, m: Manifest) => {
  const target = join(dir, m.tables.provisions!.file);
  await cp(source, target);
  m.tables.provisions!.sha256 = await sha256File(target);
  m.tables.provisions!.bytes = (await readFile(target)).byteLength;
};

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'termscope-broken-'));
  manifest = JSON.parse(await readFile(join(DEMO_DIR, 'manifest.json'), 'utf8')) as Manifest;
  const mounts = Object.fromEntries(
    await Promise.all([
      ...BAD_FILES.map((file) => brokenCopy(exportNameOf(file), withProvisionsFile(join(BAD_PARQUET_DIR, file)))),
      brokenCopy('wrong-sha', async (_dir, m) => {
        m.tables.categories!.sha256 = '0'.repeat(64);
      }),
      brokenCopy('wrong-rows', async (_dir, m) => {
        m.tables.platforms!.rows += 1;
      })
    ])
  );
  server = await startServer({ dir: APP_DIR, port: 0, mounts });
  const empty = join(work, 'empty');
  await mkdir(empty);
  noDemo = await startServer({ dir: APP_DIR, port: 0, mounts: { '/exports/demo': empty } });
});

afterAll(async () => {
  await server?.close();
  await noDemo?.close();
  if (work) await rm(work, { recursive: true, force: true });
});

/**
 * The app shows the error and still works: no uncaught exception, navigation alive, and (with `reload`) the intact
 * demo export loads next in the same browser.
 */
async function expectStillUsable(app: AppSession, { reload = true } = {}): Promise<void> {
  await expect(app.page.locator('html').getAttribute('data-db')).resolves.toBe('error');
  expect(app.consoleErrors.filter((e) => e.startsWith('uncaught'))).toEqual([]);
  await expect(app.page.getByRole('navigation', { name: 'Main' }).isVisible()).resolves.toBe(true);
  if (!reload) return;
  await app.page.goto(`${server.url}/`);
  await waitForDb(app.page, { consoleErrors: app.consoleErrors });
}

describe('load errors', () => {
  test('a missing demo export names manifest.json and says to run npm run data', async () => {
    const app = await openApp('/', noDemo.url);
    const message = await waitForLoadError(app.page);
    expect(message).toContain('/exports/demo/manifest.json');
    expect(message).toContain('not found');
    expect(message).toContain('npm run data');
    // The overview's export card says what it cannot show, instead of waiting for a manifest that will not come.
    // The build's own numbers of the demo stay on the overview, and say that the database could not load it.
    await expect.poll(() => app.page.locator('p.status[role="status"]').innerText()).toBe('Precomputed with the export · the database could not load it');
    // Another export without a manifest has no such numbers: its card says what it cannot show.
    await app.page.goto(`${noDemo.url}/?export=elsewhere`);
    expect(await waitForLoadError(app.page)).toContain('/exports/elsewhere/manifest.json');
    await app.page.getByTestId('export-summary-failed').waitFor();
    expect(await app.page.getByTestId('export-summary-failed').innerText()).toBe('Not available: the export’s manifest could not be read.');
    await expect.poll(() => app.page.getByTestId('since-last-visit').innerText()).toContain('Not available: the export could not be loaded.');
    await expectStillUsable(app);
  });

  test('a file that does not match its manifest hash names the file and both hashes', async () => {
    const app = await openApp('/?export=wrong-sha', server.url);
    const message = await waitForLoadError(app.page);
    expect(message).toContain(`/exports/wrong-sha/${manifest.tables.categories!.file}`);
    expect(message).toContain('does not match manifest.json');
    expect(message).toContain(`the manifest says ${'0'.repeat(64)}`);
    expect(message).toContain(manifest.tables.categories!.sha256);
    await expectStillUsable(app);
  });

  test('a table with another row count than the manifest says names the file and both counts', async () => {
    const app = await openApp('/?export=wrong-rows', server.url);
    const message = await waitForLoadError(app.page);
    const rows = manifest.tables.platforms!.rows;
    expect(message).toContain(`/exports/wrong-rows/${manifest.tables.platforms!.file}`);
    expect(message).toContain(`it has ${rows} rows, the manifest says ${rows + 1}`);
    await expectStillUsable(app);
  });

  if (BAD_FILES.length === 0) {
    test.skip(`corrupt Parquet files: skipped, ${BAD_PARQUET_DIR} not found`, () => {});
  }

  test.for(BAD_FILES)('corrupt Parquet (%s) is refused, naming the file', async (file) => {
    const name = exportNameOf(file);
    const app = await openApp(`/?export=${name}`, server.url);
    const message = await waitForLoadError(app.page);
    expect(message).toContain(`/exports/${name}/${manifest.tables.provisions!.file}`);
    // parquet-wasm refuses ARROW-GH-41317; ARROW-GH-43605 decodes, to columns that are not the provisions table.
    expect(message).toMatch(/is not a readable Parquet file \(Parquet|does not have the columns of table "provisions"/);
    // Reloading after each file would only repeat what the cases above prove.
    await expectStillUsable(app, { reload: false });
  });
});
