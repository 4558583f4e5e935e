/**
 * The small hand-written export in tests/fixtures/small (JSON Lines), built into real Parquet files with the export
 * builder once per test process. SQL tests load it into Node DuckDB; `fixtureRows` gives the same records as plain
 * objects for reference computations in TypeScript (and the search index as the tokenizer derives it).
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { inject } from 'vitest';
import { buildExport } from '../../scripts/build-export';
import { loadExport, type LoadedExport } from '../../scripts/lib/export-io';
import { tableSpec, type TableName } from '../../src/lib/contract/schema';
import { provisionPostings } from '../../src/lib/search/tokenize';

export const FIXTURE_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../fixtures/small');
/** generated_at of the built fixture: fixed, so the built files are the same on every run. */
export const FIXTURE_GENERATED_AT = '2026-10-01T00:00:00Z';

let built: Promise<string> | undefined;

const PREFIX = 'termscope-fixture-';
const STALE_MS = 24 * 3600 * 1000;

/** Test workers are often killed rather than exited, so 'exit' cleanup cannot be relied on: sweep old builds. */
function removeStaleBuilds(): void {
  for (const name of readdirSync(tmpdir())) {
    if (!name.startsWith(PREFIX)) continue;
    const path = join(tmpdir(), name);
    try {
      if (Date.now() - statSync(path).mtimeMs > STALE_MS) rmSync(path, { recursive: true, force: true });
    } catch {
      // Another process removed it first.
    }
  }
}

/** The fixture tests/global-fixture.ts built once for this run, or undefined outside such a run. */
function builtForRun(): string | undefined {
  try {
    return inject('fixtureDir');
  } catch {
    // Not in a vitest worker (a script importing this module): no run to share with.
    return undefined;
  }
}

/**
 * The built fixture's folder: the one built for the whole test run (tests/global-fixture.ts), or else built into a
 * temporary folder once per process. Copy it before changing anything in it.
 */
export function buildFixture(): Promise<string> {
  built ??= (async () => {
    const shared = builtForRun();
    if (shared) return shared;
    removeStaleBuilds();
    const root = mkdtempSync(join(tmpdir(), PREFIX));
    process.once('exit', () => rmSync(root, { recursive: true, force: true }));
    const dir = join(root, 'small');
    const result = await buildExport(FIXTURE_DIR, dir, { generatedAt: FIXTURE_GENERATED_AT });
    if (!result.ok) throw new Error(`The test fixture does not build:\n${result.errors.join('\n')}`);
    return dir;
  })();
  return built;
}

/** A fresh DuckDB database with every fixture table loaded (close it with `db.close()`). */
export async function loadFixture(): Promise<LoadedExport & { dir: string }> {
  const dir = await buildFixture();
  return { ...(await loadExport(dir)), dir };
}

/**
 * The fixture's records of one table as parsed from its JSON Lines file, in file order. Columns a record leaves out
 * that the contract added in a later version (v1.1: polarity, tracked_since, …) are null, as every loader reads them.
 */
export function fixtureRows<T = Record<string, unknown>>(table: TableName): T[] {
  if (table === 'clause_terms') return fixtureIndex() as T[];
  const added = tableSpec(table).columns.filter((c) => c.addedIn !== undefined).map((c) => c.name);
  return readFileSync(join(FIXTURE_DIR, `${table}.jsonl`), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const record = JSON.parse(line) as Record<string, unknown>;
      for (const name of added) if (!(name in record)) record[name] = null;
      return record as T;
    });
}

/**
 * The search index the writer derives from the fixture (it has no file of its own): each provision's postings from
 * the tokenizer, in the table's key order (term, then record id). tests/search/clause-terms.test.ts holds the
 * written table to it.
 */
function fixtureIndex(): Record<string, unknown>[] {
  const rows: { term: string; record_id: string; tf: number; positions: number[]; doc_length: number }[] = [];
  for (const p of fixtureRows<{ record_id: string; title: string; clause_text: string | null }>('provisions')) {
    const { postings, docLength } = provisionPostings(p.title, p.clause_text);
    for (const t of postings) rows.push({ term: t.term, record_id: p.record_id, tf: t.tf, positions: t.positions, doc_length: docLength });
  }
  const key = (r: (typeof rows)[number]) => `${r.term}\u0000${r.record_id}`;
  return rows.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}
