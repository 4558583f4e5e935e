import { describe, expect, it } from 'vitest';
import { ManifestError, parseManifest } from '../../src/lib/contract/manifest';

const sha = 'a'.repeat(64);
const table = (file: string) => ({ file, rows: 3, bytes: 100, sha256: sha });
const good = {
  schema_version: 1,
  generated_at: '2026-11-01T00:00:00Z',
  source: { name: 'Test', licence: 'CC0-1.0', attribution: 'Tests' },
  tables: {
    platforms: table('platforms.parquet'),
    documents: table('documents.parquet'),
    categories: table('categories.parquet'),
    provisions: table('provisions.parquet')
  }
};

function problems(value: unknown): string[] {
  try {
    parseManifest(value, 'exports/x/manifest.json');
  } catch (error) {
    expect(error).toBeInstanceOf(ManifestError);
    expect((error as Error).message).toMatch(/^exports\/x\/manifest\.json: /);
    return (error as ManifestError).problems;
  }
  return [];
}

describe('parseManifest', () => {
  it('accepts a manifest without the optional tables', () => {
    expect(parseManifest(good).tables.provisions).toEqual(table('provisions.parquet'));
    expect(parseManifest(good).precomputed).toBeUndefined();
  });

  it('keeps a precomputed overview file name', () => {
    expect(parseManifest({ ...good, precomputed: { overview: 'overview.json' } }).precomputed).toEqual({ overview: 'overview.json' });
    expect(parseManifest({ ...good, precomputed: { feed: 'changes.atom' } }).precomputed).toEqual({ feed: 'changes.atom' });
  });

  const engine = { file: 'termscope.duckdb', bytes: 4096, sha256: sha, storage_version: 67, duckdb_version: 'v1.4.3', checks: '0123456789abcdef' };

  it('keeps the engine file entry (v1.1), and reads manifests without one', () => {
    expect(parseManifest({ ...good, schema_version: 1.1, engine }).engine).toEqual(engine);
    expect(parseManifest({ ...good, schema_version: 1.1 }).engine).toBeUndefined();
  });

  it.each([
    [{ ...good, engine: 'termscope.duckdb' }, /engine must be an object with file, bytes, sha256/],
    [{ ...good, engine: { ...engine, file: '../x.duckdb' } }, /engine\.file must be a plain file name ending in \.duckdb/],
    [{ ...good, engine: { ...engine, file: 'x.parquet' } }, /engine\.file must be a plain file name ending in \.duckdb/],
    [{ ...good, engine: { ...engine, bytes: 0 } }, /engine\.bytes must be a positive whole number/],
    [{ ...good, engine: { ...engine, sha256: 'x' } }, /engine\.sha256 must be 64 lowercase hex/],
    [{ ...good, engine: { ...engine, storage_version: '67' } }, /engine\.storage_version must be a positive whole number/],
    [{ ...good, engine: { ...engine, duckdb_version: '' } }, /engine\.duckdb_version must be a non-empty string/],
    [{ ...good, engine: { ...engine, checks: 'passed' } }, /engine\.checks must be 16 lowercase hex characters/]
  ])('refuses a bad engine entry %#, saying what is wrong', (value, expected) => {
    expect(problems(value).join('\n')).toMatch(expected);
  });

  it.each([
    [{ ...good, schema_version: 2 }, /schema_version is 2, this version of Termscope reads 1/],
    [{ ...good, generated_at: 'yesterday' }, /generated_at must be an ISO 8601 timestamp/],
    [{ ...good, source: { name: 'x', licence: '', attribution: 'y' } }, /source\.licence must be a non-empty string/],
    [{ ...good, tables: { ...good.tables, provisions: undefined } }, /tables\.provisions must be an object/],
    [{ ...good, tables: { platforms: good.tables.platforms, documents: good.tables.documents, categories: good.tables.categories } }, /tables\.provisions is missing \(a required table\)/],
    [{ ...good, tables: { ...good.tables, extra: table('extra.parquet') } }, /tables\.extra: unknown table/],
    [{ ...good, tables: { ...good.tables, platforms: table('../etc/passwd') } }, /tables\.platforms\.file must be a plain file name/],
    [{ ...good, tables: { ...good.tables, platforms: { ...table('p.parquet'), rows: -1 } } }, /tables\.platforms\.rows must be a whole number/],
    [{ ...good, tables: { ...good.tables, platforms: { ...table('p.parquet'), sha256: 'ABC' } } }, /tables\.platforms\.sha256 must be 64 lowercase hex/],
    [{ ...good, precomputed: { overview: 'https://evil.example/o.json' } }, /precomputed must be an object like/],
    [{ ...good, precomputed: { feed: '../changes.atom' } }, /precomputed must be an object like/],
    [{ ...good, precomputed: { feed: 'changes.xml' } }, /precomputed must be an object like/],
    [[], /is not a JSON object/]
  ])('refuses %#, saying what is wrong', (value, expected) => {
    const found = problems(value);
    expect(found.join('\n')).toMatch(expected);
  });

  it('lists every problem at once', () => {
    expect(problems({ ...good, schema_version: 0, generated_at: 5 })).toHaveLength(2);
  });
});
