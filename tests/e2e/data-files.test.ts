/**
 * The Data page opening the analyst's own files in the running app: a good export (Parquet files without a
 * manifest, a folder with its manifest and engine file, CSV, a .zip), then broken ones — each of
 * ../shared/data/bad-parquet/ and the variants data-exports.ts makes. Each broken one must give its own message
 * naming the file, while the export loaded before stays loaded and keeps answering; no dialog, no CSP violation, no
 * request outside the app's origin. A reload keeps the opened files (OPFS), and "back to the demo" is one click.
 *
 * One browser for the whole file: every case opens its files in the same page, as an analyst would, so the page
 * must survive them all.
 */
import { cp, readFile, readdir } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { ROOT } from '../../scripts/start';
import { assertNoCspViolations, assertSameOrigin, waitForDb, type BrowserSession } from './browser';
import { dataExports, fixtureRowCounts, openDataPage, type DataExports } from './data-exports';
import { clientGoto } from './app';
import { fixtureRows } from '../helpers/fixture';

const APP_URL = inject('appUrl');
const BAD_PARQUET_DIR = join(ROOT, '..', 'shared', 'data', 'bad-parquet');
const BAD_FILES = existsSync(BAD_PARQUET_DIR) ? (await readdir(BAD_PARQUET_DIR)).filter((f) => f.endsWith('.parquet')).sort() : [];

let exp: DataExports;
let session: BrowserSession;
let rows: Record<string, number>;
/** The whole built export: the tables above and the search index the export writer computed (`fixtureRows`). */
let builtRows: Record<string, number>;
let dialogs: string[] = [];
let attempts = 0;

beforeAll(async () => {
  exp = await dataExports();
  rows = await fixtureRowCounts();
  builtRows = { ...rows, clause_terms: fixtureRows('clause_terms').length };
  ({ session, dialogs } = await openDataPage(APP_URL));
}, 180_000);

afterAll(async () => {
  await session?.close();
  await exp?.remove();
});

const files = async (dir: string) => (await readdir(dir)).map((f) => join(dir, f));

/** Picks `paths` in the "files" input and waits for this attempt's outcome; returns it and the text shown. */
async function open(paths: string[], input: 'pick-files' | 'pick-folder' = 'pick-files'): Promise<{ status: string; text: string }> {
  const page = session.page;
  attempts++;
  await page.getByTestId(input).setInputFiles(paths);
  const candidate = page.locator(`[data-testid="candidate"][data-attempt="${attempts}"]:not([data-status="loading"])`);
  await candidate.waitFor({ timeout: 90_000 });
  return { status: (await candidate.getAttribute('data-status'))!, text: (await candidate.innerText()).trim() };
}

async function loadedSource(): Promise<string> {
  return (await session.page.getByTestId('loaded-source').innerText()).trim();
}

/**
 * Rows per table as the page shows them (counts still being read show "…"). Callers poll it: the table is redrawn
 * after the opened export replaces the loaded one, and `.all()` does not wait.
 */
async function shownRows(): Promise<Record<string, number>> {
  const cells = session.page.locator('[data-testid="loaded-tables"] tbody tr');
  const out: Record<string, number> = {};
  for (const row of await cells.all()) {
    const table = (await row.getAttribute('data-table'))!;
    out[table] = Number((await row.getByTestId('table-rows').innerText()).replace(/[^0-9]/g, ''));
  }
  return out;
}

/** The loaded export still answers a query: the platforms page lists its platforms. */
async function stillAnswers(platforms: number) {
  const search = new URL(session.page.url()).search; // keeps the opened export (a link without it would reload)
  await clientGoto(session.page, `/platforms${search}`);
  await session.page.locator('main table tbody tr').first().waitFor({ timeout: 60_000 });
  const text = await session.page.locator('main').innerText();
  expect(text).toContain('Quillora'); // a platform of the fixture, the export loaded
  expect(platforms).toBeGreaterThan(0);
  await clientGoto(session.page, `/data${search}`);
}

function assertClean() {
  assertNoCspViolations(session.page);
  assertSameOrigin(session, APP_URL);
  expect(dialogs).toEqual([]);
  expect(session.consoleErrors.filter((e) => e.startsWith('uncaught'))).toEqual([]);
}

describe('the Data page opens files', () => {
  test('shows what is loaded: the demo, with its tables, hashes and columns', async () => {
    expect(await loadedSource()).toContain('demo');
    const table = session.page.getByTestId('loaded-tables');
    await expect(table.locator('tr[data-table="provisions"] [data-testid="table-sha256"]').innerText()).resolves.toMatch(/^[0-9a-f]{64}$/);
    await session.page.locator('tr[data-table="provisions"] [data-testid="table-columns"] code', { hasText: 'record_id' }).waitFor();
    assertClean();
  });

  test('Parquet files without a manifest: opened, checked and loaded, with row counts of the fixture', async () => {
    const result = await open(await files(exp.bare));
    expect(result.status, result.text).toBe('done');
    await session.page.waitForURL(/[?&]files=/);
    await expect.poll(shownRows).toEqual(rows);
    expect(await loadedSource()).toBe('6 files');
    await expect(session.page.getByTestId('loaded-generated').innerText()).resolves.toContain('not stated');
    // The page shows the hashes it read: each is the file's SHA-256, computed here independently.
    const { sha256File } = await import('./data-exports');
    const hash = await session.page.locator('tr[data-table="platforms"] [data-testid="table-sha256"]').innerText();
    expect(hash).toBe(await sha256File(join(exp.bare, 'platforms.parquet')));
    assertClean();
  });

  test('a folder with manifest.json and engine file: the source and dates are the manifest’s', async () => {
    const result = await open([exp.good], 'pick-folder');
    expect(result.status, result.text).toBe('done');
    expect(await loadedSource()).toContain(exp.manifest.source.name);
    await expect.poll(shownRows).toEqual(builtRows);
    await expect(session.page.getByTestId('loaded-licence').innerText()).resolves.toBe(exp.manifest.source.licence);
    assertClean();
  });

  if (BAD_FILES.length === 0) test.skip(`corrupt Parquet files: skipped, ${BAD_PARQUET_DIR} not found`, () => {});

  test.for(BAD_FILES)('corrupt Parquet (%s) as provisions.parquet is refused by name; the export stays', async (file) => {
    const dir = join(exp.work, `bad-${file}`);
    await cp(exp.bare, dir, { recursive: true });
    await cp(join(BAD_PARQUET_DIR, file), join(dir, 'provisions.parquet'));
    const before = await loadedSource();
    const result = await open(await files(dir));
    expect(result.status).toBe('error');
    expect(result.text).toContain('provisions.parquet');
    expect(result.text).toMatch(/is not a readable Parquet file|does not have the columns of table "provisions"/);
    expect(await loadedSource()).toBe(before);
    assertClean();
  });

  const CASES: [string, RegExp][] = [
    ['truncated', /provisions\.parquet is not a readable Parquet file/],
    ['zero-bytes', /documents\.parquet is not a readable Parquet file/],
    ['html-page', /platforms\.parquet is not a readable Parquet file/],
    ['bit-flips', /provisions\.parquet (is not a readable Parquet file|could not be loaded|breaks the export contract)/],
    ['missing-column', /platforms\.parquet does not have the columns of table "platforms"[\s\S]*name/],
    ['wrong-type', /documents\.parquet does not have the columns of table "documents"[\s\S]*title/],
    ['duplicate-key', /categories\.parquet breaks the export contract[\s\S]*duplicate/i],
    ['dangling-key', /breaks the export contract[\s\S]*provisions\.parquet[\s\S]*platform_id/],
    ['unknown-enum', /provisions\.parquet breaks the export contract[\s\S]*severe/],
    ['hash-mismatch', /categories\.parquet does not match manifest\.json[\s\S]*the manifest says f{64}/],
    // Cut short, its footer is unreadable before its hash is compared: the decoder says so first (as for a hosted export).
    ['history-mismatch', /provision_versions\.parquet is not a readable Parquet file/],
    ['csv-extra-field', /platforms\.csv could not be read as CSV: (Invalid Input Error: )?CSV Error on Line: 3[\s\S]*Expected Number of Columns: 6 Found: 7/],
    ['csv-bad-day', /documents\.csv has values that are not of their column's type[\s\S]*row 1 \(line 2\), column "last_updated": "2023-02-30" is not a day/]
  ];

  test.for(CASES)('%s: its own message, and the export loaded before stays', async ([name, message]) => {
    const before = await loadedSource();
    const result = await open(await files(exp.broken[name]!));
    expect(result.status, result.text).toBe('error');
    expect(result.text).toMatch(message);
    expect(await loadedSource()).toBe(before);
    assertClean();
  });

  const ZIPS: [string, RegExp][] = [
    ['truncated-zip', /fx-truncated\.zip is not a readable \.zip \(.*(truncated|invalid|unexpected EOF)/i],
    ['html-zip', /fx-page\.zip is not a readable \.zip \(no file was found in it\)/],
    ['zip-bomb', /fx-bomb\.zip is not a readable \.zip \(provisions\.parquet inflates to more than \d+ MiB from a \d+ KiB archive, which only a zip bomb does/]
  ];

  test.for(ZIPS)('%s: refused by name, and the export loaded before stays', async ([name, message]) => {
    const before = await loadedSource();
    const result = await open([exp.badZips[name]!]);
    expect(result.status, result.text).toBe('error');
    expect(result.text).toMatch(message);
    expect(await loadedSource()).toBe(before);
    assertClean();
  });

  test('files dropped on the page (a DataTransfer drop) open like picked ones', async () => {
    const page = session.page;
    const paths = await files(exp.bare);
    const payload = await Promise.all(paths.map(async (p) => ({ name: p.split('/').at(-1)!, bytes: [...(await readFile(p))] })));
    const transfer = await page.evaluateHandle((items) => {
      const dt = new DataTransfer();
      for (const { name, bytes } of items) dt.items.add(new File([new Uint8Array(bytes)], name));
      return dt;
    }, payload);
    attempts++;
    await page.getByTestId('drop-zone').dispatchEvent('drop', { dataTransfer: transfer });
    const candidate = page.locator(`[data-testid="candidate"][data-attempt="${attempts}"]:not([data-status="loading"])`);
    await candidate.waitFor({ timeout: 90_000 });
    expect(await candidate.getAttribute('data-status'), await candidate.innerText()).toBe('done');
    await expect.poll(shownRows).toEqual(rows);
    assertClean();
  });

  test('after every refusal, the loaded export still answers queries', async () => {
    await stillAnswers(rows.platforms!);
    assertClean();
  });

  test('CSV files, one per table: loaded with the same rows', async () => {
    const result = await open(await files(exp.csv));
    expect(result.status, result.text).toBe('done');
    await expect.poll(shownRows).toEqual(rows);
    assertClean();
  });

  test('a .zip of the export folder', async () => {
    const result = await open([exp.zip]);
    expect(result.status, result.text).toBe('done');
    expect(await loadedSource()).toContain(exp.manifest.source.name);
    await expect.poll(shownRows).toEqual(builtRows);
    assertClean();
  });

  test('a reload opens the same files again (kept in the browser), and "back to the demo" is one click', async () => {
    const page = session.page;
    await page.reload();
    await waitForDb(page, { consoleErrors: session.consoleErrors });
    await expect(page.getByTestId('loaded-origin').getAttribute('data-origin')).resolves.toBe('files');
    expect(await loadedSource()).toContain(exp.manifest.source.name);
    await expect.poll(shownRows).toEqual(builtRows);
    await page.getByTestId('back-to-demo').click();
    await page.waitForURL(`${APP_URL}/data`);
    await waitForDb(page, { consoleErrors: session.consoleErrors });
    expect(await loadedSource()).toContain('demo');
    await expect(page.getByTestId('loaded-origin').getAttribute('data-origin')).resolves.toBe('hosted');
    assertClean();
  });
});

