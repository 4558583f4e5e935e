/**
 * Exports for the Data page's browser tests, made from the small fixture with the export builder: the good export
 * as a folder (with and without its engine file), as CSV, as a .zip; and broken variants, each a folder of its own,
 * for one kind of damage. Broken Parquet files are written with Node DuckDB from the good ones.
 */
import { cp, mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Zip, ZipDeflate, zipSync } from 'fflate';
import { buildExport } from '../../scripts/build-export';
import { openNodeDb } from '../../scripts/lib/duckdb-node';
import { sha256File } from '../../scripts/lib/export-io';
import type { Manifest, TableName } from '../../src/lib/contract/schema';
import { FIXTURE_DIR, FIXTURE_GENERATED_AT } from '../helpers/fixture';
import { launchBrowser, waitForDb, type BrowserSession } from './browser';

/** A browser on the app's Data page with the demo loaded, recording (and dismissing) any dialog. */
export async function openDataPage(appUrl: string): Promise<{ session: BrowserSession; dialogs: string[] }> {
  const session = await launchBrowser();
  const dialogs: string[] = [];
  session.page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await session.page.goto(`${appUrl}/data`);
  await waitForDb(session.page, { consoleErrors: session.consoleErrors });
  return { session, dialogs };
}

/** Rows of each fixture table, counted from the JSON Lines input (independently of any export code). */
export async function fixtureRowCounts(): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const name of await readdir(FIXTURE_DIR)) {
    if (!name.endsWith('.jsonl')) continue;
    const text = await readFile(join(FIXTURE_DIR, name), 'utf8');
    out[name.replace(/\.jsonl$/, '')] = text.split('\n').filter((l) => l.trim() !== '').length;
  }
  return out;
}

export interface DataExports {
  work: string;
  /** The built export: Parquet files, manifest.json, termscope.duckdb. */
  good: string;
  manifest: Manifest;
  /** The same Parquet files alone: no manifest, no engine file (one's own files). */
  bare: string;
  /** The export's tables as CSV files, one per table. */
  csv: string;
  /** The good export as a .zip of its folder. */
  zip: string;
  /** Broken variants: name -> folder. */
  broken: Record<string, string>;
  /** Broken archives: name -> .zip file. */
  badZips: Record<string, string>;
  remove(): Promise<void>;
}

const TABLES: TableName[] = ['platforms', 'documents', 'categories', 'provisions', 'provision_versions', 'snapshots'];

export async function dataExports(): Promise<DataExports> {
  const work = await mkdtemp(join(tmpdir(), 'termscope-data-page-'));
  const good = join(work, 'fx-good');
  const result = await buildExport(FIXTURE_DIR, good, { generatedAt: FIXTURE_GENERATED_AT });
  if (!result.ok) throw new Error(`Could not build the fixture:\n${result.errors.join('\n')}`);
  const manifest = JSON.parse(await readFile(join(good, 'manifest.json'), 'utf8')) as Manifest;

  const bare = join(work, 'fx-bare');
  await mkdir(bare);
  for (const t of TABLES) await cp(join(good, `${t}.parquet`), join(bare, `${t}.parquet`));

  const db = await openNodeDb();
  const csv = join(work, 'fx-csv');
  await mkdir(csv);
  /** Writes `t` as CSV the way docs/DATA.md describes it; `change` may replace one column's text on the first row. */
  const toCsv = async (t: TableName, dir: string, change?: { column: string; value: string }) => {
    const columns = (await db.query(`SELECT column_name AS n, column_type AS ty FROM (DESCRIBE SELECT * FROM read_parquet('${join(good, `${t}.parquet`)}'))`)) as { n: string; ty: string }[];
    const select = columns
      .map(({ n, ty }) => {
        const text = ty.endsWith('[]') ? `array_to_string("${n}", ' | ')` : ty.startsWith('TIMESTAMP') ? `strftime("${n}", '%Y-%m-%dT%H:%M:%S.%fZ')` : `CAST("${n}" AS VARCHAR)`;
        return change?.column === n ? `CASE WHEN row_number() OVER () = 1 THEN '${change.value}' ELSE ${text} END AS "${n}"` : `${text} AS "${n}"`;
      })
      .join(', ');
    await db.exec(`COPY (SELECT ${select} FROM read_parquet('${join(good, `${t}.parquet`)}')) TO '${join(dir, `${t}.csv`)}' (HEADER, DELIMITER ',')`);
  };
  for (const t of TABLES) await toCsv(t, csv);
  const csvBadDay = join(work, 'csv-bad-day');
  await cp(csv, csvBadDay, { recursive: true });
  await toCsv('documents', csvBadDay, { column: 'last_updated', value: '2023-02-30' });

  const zipFiles: Record<string, Uint8Array> = {};
  for (const name of await readdir(good)) zipFiles[`fx-zip/${name}`] = new Uint8Array(await readFile(join(good, name)));
  const zip = join(work, 'fx-zip.zip');
  await writeFile(zip, zipSync(zipFiles, { level: 6 }));

  const broken: Record<string, string> = {};
  /** A copy of the bare files (no manifest), `table`'s file replaced by the result of `sql` over it. */
  const rewritten = async (name: string, table: TableName, sql: (file: string) => string) => {
    const dir = join(work, name);
    await cp(bare, dir, { recursive: true });
    const source = join(good, `${table}.parquet`);
    await db.exec(`COPY (${sql(`read_parquet('${source}')`)}) TO '${join(dir, `${table}.parquet`)}' (FORMAT parquet)`);
    broken[name] = dir;
  };
  await rewritten('missing-column', 'platforms', (f) => `SELECT * EXCLUDE (name) FROM ${f}`);
  await rewritten('wrong-type', 'documents', (f) => `SELECT * REPLACE (CAST(1 AS INTEGER) AS title) FROM ${f}`);
  await rewritten('duplicate-key', 'categories', (f) => `SELECT * FROM ${f} UNION ALL (SELECT * FROM ${f} LIMIT 1)`);
  await rewritten('dangling-key', 'provisions', (f) => `SELECT * REPLACE (CASE WHEN row_number() OVER () = 1 THEN 'no-such-platform' ELSE platform_id END AS platform_id) FROM ${f}`);
  await rewritten('unknown-enum', 'provisions', (f) => `SELECT * REPLACE (CASE WHEN row_number() OVER () = 1 THEN 'severe' ELSE severity END AS severity) FROM ${f}`);
  db.close();

  /** A copy of the bare files with `table`'s file replaced by `bytes`. */
  const replaced = async (name: string, table: TableName, bytes: (original: Buffer) => Uint8Array) => {
    const dir = join(work, name);
    await cp(bare, dir, { recursive: true });
    const path = join(dir, `${table}.parquet`);
    await writeFile(path, bytes(await readFile(path)));
    broken[name] = dir;
  };
  await replaced('truncated', 'provisions', (b) => b.subarray(0, Math.floor(b.length / 2)));
  await replaced('zero-bytes', 'documents', () => new Uint8Array(0));
  await replaced('html-page', 'platforms', () => new TextEncoder().encode('<!doctype html><html><body><h1>404 Not Found</h1></body></html>\n'));
  await replaced('bit-flips', 'provisions', (b) => {
    const copy = new Uint8Array(b);
    // Flip bits across the data pages (not the 4-byte magic at either end, nor the footer's length).
    for (let i = 64; i < copy.length - 64; i += 97) copy[i]! ^= 0x5a;
    return copy;
  });

  // With the manifest: a file that is not the one it lists.
  const mismatch = join(work, 'hash-mismatch');
  await cp(good, mismatch, { recursive: true });
  await rm(join(mismatch, 'termscope.duckdb'));
  const changed = JSON.parse(await readFile(join(mismatch, 'manifest.json'), 'utf8')) as Manifest;
  changed.tables.categories!.sha256 = 'f'.repeat(64);
  delete changed.engine;
  await writeFile(join(mismatch, 'manifest.json'), JSON.stringify(changed, null, 2));
  broken['hash-mismatch'] = mismatch;

  // With a manifest that says these checks passed (history tables then load after the first view): a history
  // table's file that is not the one listed must still be refused before the export replaces the loaded one.
  const history = join(work, 'history-mismatch');
  await cp(good, history, { recursive: true });
  await rm(join(history, 'termscope.duckdb'));
  const versions = join(history, 'provision_versions.parquet');
  await writeFile(versions, (await readFile(versions)).subarray(0, 1000));
  broken['history-mismatch'] = history;

  // CSV: a row with a field too many, and a day that does not exist.
  const csvBad = async (name: string, table: TableName, edit: (lines: string[]) => string[]) => {
    const dir = join(work, name);
    await cp(csv, dir, { recursive: true });
    const path = join(dir, `${table}.csv`);
    const lines = (await readFile(path, 'utf8')).split('\n');
    await writeFile(path, edit(lines).join('\n'));
    broken[name] = dir;
  };
  await csvBad('csv-extra-field', 'platforms', (lines) => lines.map((l, i) => (i === 2 ? `${l},surplus` : l)));
  broken['csv-bad-day'] = csvBadDay;

  // Archives: cut in half, a web page named .zip, and a zip bomb (300 MiB of zeros in a few hundred KiB).
  const badZips: Record<string, string> = {};
  const zipBytes = await readFile(zip);
  badZips['truncated-zip'] = join(work, 'fx-truncated.zip');
  await writeFile(badZips['truncated-zip'], zipBytes.subarray(0, Math.floor(zipBytes.length / 2)));
  badZips['html-zip'] = join(work, 'fx-page.zip');
  await writeFile(badZips['html-zip'], '<!doctype html><html><body>Download will start shortly</body></html>\n');
  badZips['zip-bomb'] = join(work, 'fx-bomb.zip');
  await writeFile(badZips['zip-bomb'], await zipBomb(300 * 1024 * 1024));

  return {
    badZips,
    work,
    good,
    manifest,
    bare,
    csv,
    zip,
    broken,
    remove: () => rm(work, { recursive: true, force: true })
  };
}

export { sha256File };

/** A .zip whose one entry, provisions.parquet, is `size` zero bytes: deflated, about a thousandth of that. */
async function zipBomb(size: number): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  await new Promise<void>((resolve, reject) => {
    const zip = new Zip((error, chunk, final) => {
      if (error) return reject(error);
      parts.push(chunk);
      if (final) resolve();
    });
    const entry = new ZipDeflate('provisions.parquet', { level: 1 });
    zip.add(entry);
    const block = new Uint8Array(8 * 1024 * 1024);
    for (let done = 0; done < size; done += block.length) entry.push(block, done + block.length >= size);
    zip.end();
  });
  return new Uint8Array(Buffer.concat(parts));
}
