import { execFile } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { buildExport, type BuildResult } from '../../scripts/build-export';
import { loadExport } from '../../scripts/lib/export-io';
import { INPUT_TABLES, TABLE_NAMES, tableSpec, type TableName } from '../../src/lib/contract/schema';
import { FIXTURE_DIR, FIXTURE_GENERATED_AT, fixtureRows } from '../helpers/fixture';
import { copyDir, tempDirs } from './temp';

const tempDir = tempDirs('build');
type Rec = Record<string, unknown>;

/** A copy of the fixture input with `change` applied to it. */
function input(change: (dir: string) => void = () => {}): string {
  const dir = copyDir(FIXTURE_DIR, join(tempDir(), 'input'));
  change(dir);
  return dir;
}

function writeJsonl(dir: string, table: TableName, rows: Rec[]): void {
  writeFileSync(join(dir, `${table}.jsonl`), rows.map((r) => JSON.stringify(r)).join('\n') + '\n');
}

/** Rewrites one table of the input: `edit` gets the fixture records and returns the new ones. */
function editTable(table: TableName, edit: (rows: Rec[]) => Rec[]): (dir: string) => void {
  return (dir) => writeJsonl(dir, table, edit(fixtureRows(table).map((r) => ({ ...r }))));
}

function csvField(value: unknown, listStyle: 'json' | 'pipe'): string {
  let text: string;
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) text = listStyle === 'pipe' && value.length > 0 ? value.join(' | ') : JSON.stringify(value);
  else text = String(value);
  return /[",\n\r]/.test(text) || text === '' ? `"${text.replaceAll('"', '""')}"` : text;
}

/** RFC 4180 text of a table's records (header from the contract, minus `omit`); lists alternate between styles. */
function toCsv(table: TableName, rows: Rec[], omit: string[] = []): string {
  const columns = tableSpec(table).columns.map((c) => c.name).filter((c) => !omit.includes(c));
  const lines = rows.map((r, i) => columns.map((c) => csvField(r[c], i % 2 ? 'pipe' : 'json')).join(','));
  return [columns.join(','), ...lines].join('\r\n') + '\r\n';
}

async function build(dir: string, out = join(tempDir(), 'out')): Promise<BuildResult & { out: string }> {
  return { ...(await buildExport(dir, out, { generatedAt: FIXTURE_GENERATED_AT })), out };
}

async function expectFailure(dir: string, ...messages: string[]): Promise<string[]> {
  const result = await build(dir);
  expect(result.ok, 'build should fail').toBe(false);
  if (result.ok) return [];
  for (const m of messages) expect(result.errors, `errors should contain ${m}`).toContain(m);
  expect(existsSync(result.out), 'nothing is written on failure').toBe(false);
  return result.errors;
}

describe('buildExport accepts', () => {
  it('the fixture as JSON Lines', async () => {
    const result = await build(input());
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.manifest.tables.provisions!.rows).toBe(40);
  });

  it('the same records as CSV (quoted newlines, both list styles), giving the same tables', async () => {
    const csvDir = input((dir) => {
      for (const table of INPUT_TABLES) {
        rmSync(join(dir, `${table}.jsonl`));
        writeFileSync(join(dir, `${table}.csv`), toCsv(table, fixtureRows(table)));
      }
    });
    const [fromCsv, fromJson] = [await build(csvDir), await build(input())];
    expect(fromCsv.ok && fromJson.ok).toBe(true);
    const [a, b] = [await loadExport(fromCsv.out), await loadExport(fromJson.out)];
    try {
      for (const table of TABLE_NAMES) {
        expect(await a.db.query(`SELECT * FROM ${table} ORDER BY rowid`), table).toEqual(await b.db.query(`SELECT * FROM ${table} ORDER BY rowid`));
      }
    } finally {
      a.db.close();
      b.db.close();
    }
  });

  it('source fields from options when there is no source.json', async () => {
    const dir = input((d) => rmSync(join(d, 'source.json')));
    const out = join(tempDir(), 'out');
    const result = await buildExport(dir, out, { generatedAt: FIXTURE_GENERATED_AT, source: { name: 'N', licence: 'CC-BY-4.0', attribution: 'A' } });
    expect(result.ok && result.manifest.source).toEqual({ name: 'N', licence: 'CC-BY-4.0', attribution: 'A' });
    await expectFailure(dir, 'source: missing name, licence, attribution (put { "name", "licence", "attribution" } in source.json or pass --source-name, --licence, --attribution)');
  });
});

describe('contract v1.1 in the builder', () => {
  it('keeps extra columns, typed from JSON Lines values and as text from CSV', async () => {
    const dir = input((d) => {
      editTable('provisions', (rows) =>
        rows.map((r, i) => ({
          ...r,
          source_case: i % 3 === 0 ? null : `case ${i}`,
          source_score: i * 10,
          source_weight: i + 0.5,
          source_flag: i % 2 === 0,
          source_tags: ['a', String(i)],
          source_mixed: i === 0 ? 'text' : { n: i }
        }))
      )(d);
      rmSync(join(d, 'categories.jsonl'));
      writeFileSync(join(d, 'categories.csv'), `${toCsv('categories', fixtureRows('categories')).split('\r\n')[0]},origin\r\n${fixtureRows('categories').map((c, i) => `${toCsv('categories', [c]).split('\r\n')[1]},o${i}`).join('\r\n')}\r\n`);
    });
    const result = await build(dir);
    expect(result.ok, result.ok ? '' : result.errors.join('\n')).toBe(true);
    const loaded = await loadExport(result.out);
    try {
      const types = await loaded.db.query(
        "SELECT column_name, data_type FROM information_schema.columns WHERE table_name = 'provisions' AND column_name LIKE 'source\\_%' ESCAPE '\\' AND column_name NOT IN ('source_rating', 'source_id', 'source_url') ORDER BY ordinal_position"
      );
      expect(types.map((t) => [t.column_name, t.data_type])).toEqual([
        ['source_case', 'VARCHAR'],
        ['source_score', 'BIGINT'],
        ['source_weight', 'DOUBLE'],
        ['source_flag', 'BOOLEAN'],
        ['source_tags', 'VARCHAR[]'],
        ['source_mixed', 'VARCHAR']
      ]);
      const rows = await loaded.db.query('SELECT source_case, source_score, source_weight, source_flag, source_tags, source_mixed FROM provisions ORDER BY rowid LIMIT 2');
      expect(rows).toEqual([
        { source_case: null, source_score: 0, source_weight: 0.5, source_flag: true, source_tags: ['a', '0'], source_mixed: 'text' },
        { source_case: 'case 1', source_score: 10, source_weight: 1.5, source_flag: false, source_tags: ['a', '1'], source_mixed: '{"n":1}' }
      ]);
      expect((await loaded.db.query('SELECT origin FROM categories ORDER BY rowid')).map((r) => r.origin)).toEqual(fixtureRows('categories').map((_, i) => `o${i}`));
    } finally {
      loaded.db.close();
    }
  });

  it('writes data_as_of from the option or from source.json, and schema_version 1.1', async () => {
    const fromOption = await buildExport(input(), join(tempDir(), 'a'), { generatedAt: FIXTURE_GENERATED_AT, dataAsOf: '2021-01-09' });
    expect(fromOption.ok && [fromOption.manifest.schema_version, fromOption.manifest.data_as_of]).toEqual([1.1, '2021-01-09']);
    const dir = input((d) => {
      const source = JSON.parse(readFileSync(join(d, 'source.json'), 'utf8')) as Rec;
      writeFileSync(join(d, 'source.json'), JSON.stringify({ ...source, data_as_of: '2026-08-22' }));
    });
    const fromSource = await build(dir);
    expect(fromSource.ok && fromSource.manifest.data_as_of).toBe('2026-08-22');
    expect(fromSource.ok && 'data_as_of' in fromSource.manifest.source).toBe(false);
    const bad = await buildExport(input(), join(tempDir(), 'b'), { generatedAt: FIXTURE_GENERATED_AT, dataAsOf: '2021-02-30' });
    expect(!bad.ok && bad.errors).toContain('data_as_of: "2021-02-30" is not a day written YYYY-MM-DD');
  });

  it('accepts a provision without a document, and the v1.1 columns', async () => {
    const dir = input((d) => {
      editTable('platforms', (rows) => ((rows[0]!.tracked_since = '2020-05-01'), rows))(d);
      editTable('categories', (rows) => ((rows[0]!.short_label = 'AI training'), (rows[0]!.question = 'May it train?'), rows))(d);
      editTable('provisions', (rows) => {
        rows[0]!.document_id = null;
        Object.assign(rows[1]!, { polarity: 'positive', source_rating: 'good', source_id: '42', source_url: 'https://tosdr.org/en/point/42', classified_by: 'rule', classification_rule: 'ota.training' });
        return rows;
      })(d);
    });
    const result = await build(dir);
    expect(result.ok, result.ok ? '' : result.errors.join('\n')).toBe(true);
    const loaded = await loadExport(result.out);
    try {
      const [p] = await loaded.db.query("SELECT document_id FROM provisions WHERE record_id = 'FX-P-001'");
      expect(p).toEqual({ document_id: null });
      const [q] = await loaded.db.query("SELECT polarity, source_rating, source_id, source_url, classified_by, classification_rule FROM provisions WHERE record_id = 'FX-P-002'");
      expect(q).toEqual({ polarity: 'positive', source_rating: 'good', source_id: '42', source_url: 'https://tosdr.org/en/point/42', classified_by: 'rule', classification_rule: 'ota.training' });
      const [t] = await loaded.db.query("SELECT tracked_since FROM platforms WHERE platform_id = 'verbalyn'");
      expect(t).toEqual({ tracked_since: '2020-05-01' });
    } finally {
      loaded.db.close();
    }
  });

  it('refuses a polarity or classifier outside the contract, and a dangling snapshot_id', async () => {
    const dir = input((d) => {
      editTable('provisions', (rows) => ((rows[0]!.polarity = 'good'), (rows[1]!.classified_by = 'robot'), rows))(d);
      editTable('provision_versions', (rows) => ((rows[0]!.snapshot_id = 'no-such-capture'), rows))(d);
    });
    await expectFailure(
      dir,
      'provisions.jsonl line 1, column "polarity": "good" is not one of negative, neutral, positive',
      'provisions.jsonl line 2, column "classified_by": "robot" is not one of analyst, rule',
      'provision_versions.jsonl line 1 (record_id, version "FX-P-001 / 1"), column "snapshot_id": "no-such-capture" does not match any snapshots.snapshot_id'
    );
  });
});

describe('buildExport rejects, naming file, line and column', () => {
  it('a CSV header without a required column — once, not once per row', async () => {
    const dir = input((d) => {
      rmSync(join(d, 'provisions.jsonl'));
      writeFileSync(join(d, 'provisions.csv'), toCsv('provisions', fixtureRows('provisions'), ['title']));
    });
    expect(await expectFailure(dir, 'provisions.csv line 1: missing required column "title"')).toHaveLength(1);
  });

  it('a JSON Lines record without a required key, and an extra column whose name is not a plain identifier', async () => {
    const dir = input(
      editTable('platforms', (rows) => {
        delete rows[2]!.name;
        rows[4]!['Source Name'] = 'kept?';
        return rows;
      })
    );
    const errors = await expectFailure(
      dir,
      'platforms.jsonl line 3, missing required column "name"',
      'platforms.jsonl line 5: column "Source Name" is not in the contract (platforms has platform_id, name, sector, jurisdiction, website, tracked_since), and an extra column\'s name must be lowercase letters, digits and underscores, not starting with a digit'
    );
    expect(errors).toHaveLength(2);
  });

  it('the same bad value on many lines: one problem with its count', async () => {
    const rows = fixtureRows('platforms');
    const dir = input(editTable('platforms', (r) => r.map((x, i) => (i >= 2 ? { ...x, website: 'None' } : x))));
    const errors = await expectFailure(
      dir,
      `platforms.jsonl line 3, column "website": "None" is not an http(s) URL with a host name such as "https://example.com/terms" (${rows.length - 2} lines like this; the first is shown)`
    );
    expect(errors).toHaveLength(1);
  });

  it('junk websites real sources hold', async () => {
    const junk = ['oof', 'https://https://example.com', 'http://localhost/x', 'javascript:alert(1)', 'https://exa mple.com'];
    const dir = input(editTable('platforms', (rows) => rows.map((r, i) => (i < junk.length ? { ...r, website: junk[i] } : r))));
    const errors = await expectFailure(dir);
    expect(errors.map((e) => /^platforms\.jsonl line (\d+), column "website"/.exec(e)?.[1])).toEqual(junk.map((_, i) => String(i + 1)));
  });

  it('an unreadable table: its rows are not also reported as dangling references', async () => {
    // Every document line broken: without the rule, every provision and snapshot would name a missing document.
    const dir = input((d) => writeFileSync(join(d, 'documents.jsonl'), readFileSync(join(d, 'documents.jsonl'), 'utf8').replaceAll('{"document_id"', '{document_id')));
    const errors = await expectFailure(dir, 'documents.jsonl: could not be read whole, so references to its rows from other tables were not checked');
    expect(errors.filter((e) => e.includes('does not match any documents.document_id'))).toEqual([]);
    expect(errors.filter((e) => e.startsWith('documents.jsonl line '))).toHaveLength(Math.min(fixtureRows('documents').length, 49));
  });

  it('wrong types: integer, timestamp, date, boolean, list', async () => {
    const dir = input((d) => {
      editTable('provision_versions', (rows) => ((rows[1]!.version = 'two'), (rows[2]!.valid_from = 'last Tuesday'), rows))(d);
      editTable('documents', (rows) => ((rows[0]!.last_updated = '2023-02-29'), rows))(d);
      editTable('snapshots', (rows) => ((rows[1]!.changed = 'yes'), rows))(d);
      editTable('provisions', (rows) => ((rows[3]!.regulations = 'GDPR Art. 6'), rows))(d);
    });
    await expectFailure(
      dir,
      'provision_versions.jsonl line 2, column "version": "two" is not an integer',
      'provision_versions.jsonl line 3, column "valid_from": "last Tuesday" is not an ISO 8601 timestamp (e.g. 2024-02-29T13:45:00Z)',
      'documents.jsonl line 1, column "last_updated": "2023-02-29" is not a date (YYYY-MM-DD)',
      'snapshots.jsonl line 2, column "changed": "yes" is not a boolean (true or false)',
      'provisions.jsonl line 4, column "regulations": "GDPR Art. 6" is not a list of strings'
    );
  });

  it('a duplicate key, pointing at the first occurrence', async () => {
    const dir = input(editTable('platforms', (rows) => [...rows, { ...rows[0]!, name: 'Again' }]));
    await expectFailure(dir, 'platforms.jsonl line 9 (platform_id "verbalyn"), column "platform_id": duplicate key platform_id (first seen at line 1)');
  });

  it('a dangling foreign key', async () => {
    const dir = input(editTable('provisions', (rows) => ((rows[0]!.document_id = 'FX-D-999'), rows)));
    const errors = await expectFailure(
      dir,
      'provisions.jsonl line 1 (record_id "FX-P-001"), column "document_id": "FX-D-999" does not match any documents.document_id'
    );
    expect(errors).toHaveLength(1);
  });

  it('an unknown enum value', async () => {
    const dir = input(editTable('provisions', (rows) => ((rows[5]!.severity = 'severe'), rows)));
    await expectFailure(dir, 'provisions.jsonl line 6, column "severity": "severe" is not one of critical, high, medium, low, info');
  });

  it('overlapping versions of one record', async () => {
    // FX-P-001 v1 is valid 2023-03-01 … 2024-02-29; v2 now starts inside it.
    const dir = input(editTable('provision_versions', (rows) => ((rows[1]!.valid_from = '2023-06-01T00:00:00Z'), rows)));
    await expectFailure(
      dir,
      'provision_versions.jsonl line 2 (record_id, version "FX-P-001 / 2"), columns "valid_from", "valid_to": overlaps version 1 of the same record (versions must not overlap in time)'
    );
  });

  it('a required value left empty — reported once, not again by the SQL check', async () => {
    const dir = input(editTable('platforms', (rows) => ((rows[1]!.name = ''), rows)));
    expect(await expectFailure(dir, 'platforms.jsonl line 2, column "name" is required but empty')).toHaveLength(1);
  });

  it('the right line after a quoted field spanning lines in CSV', async () => {
    const rows = fixtureRows('provisions');
    const target = rows.findIndex((r, i) => i > rows.findIndex((x) => String(x.clause_text).includes('\n')));
    rows[target] = { ...rows[target]!, severity: 'severe' };
    const text = toCsv('provisions', rows);
    // The record's first line, counted independently from the CSV text itself.
    const line = text.slice(0, text.indexOf(`${rows[target]!.record_id},`)).split('\n').length;
    expect(line).toBeGreaterThan(target + 2); // the multi-line field pushed it down
    const dir = input((d) => {
      rmSync(join(d, 'provisions.jsonl'));
      writeFileSync(join(d, 'provisions.csv'), text);
    });
    await expectFailure(dir, `provisions.csv line ${line}, column "severity": "severe" is not one of critical, high, medium, low, info`);
  });

  it('unknown files, a missing required table and bad JSON', async () => {
    const dir = input((d) => {
      writeFileSync(join(d, 'notes.txt'), 'x');
      rmSync(join(d, 'categories.jsonl'));
      writeFileSync(join(d, 'snapshots.jsonl'), readFileSync(join(d, 'snapshots.jsonl'), 'utf8').replace(/\n/, '\n{"snapshot_id": \n'));
    });
    const errors = await expectFailure(
      dir,
      'notes.txt: unknown table file (expected <table>.jsonl or <table>.csv for a table of the contract: platforms, documents, categories, provisions, provision_versions, snapshots; or source.json)',
      `${dir}: no file for required table categories (categories.jsonl or categories.csv)`
    );
    expect(errors.some((e) => e.startsWith('snapshots.jsonl line 2: not valid JSON'))).toBe(true);
  });

  it('lists at most 50 problems and counts the rest', async () => {
    // 70 different bad values: 70 problems (the same value would be one problem with a count).
    const dir = input(editTable('provision_versions', (rows) => rows.map((r, i) => (i < 70 ? { ...r, severity: `severe${i}` } : r))));
    const result = await build(dir);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.errors).toHaveLength(50);
      expect(result.more).toBe(20);
    }
  });

  it('leaves an existing export untouched', async () => {
    const out = join(tempDir(), 'out');
    expect((await buildExport(input(), out, { generatedAt: FIXTURE_GENERATED_AT })).ok).toBe(true);
    const before = readdirSync(out).map((f) => readFileSync(join(out, f)).toString('base64'));
    const bad = input(editTable('provisions', (rows) => ((rows[0]!.status = 'gone'), rows)));
    expect((await buildExport(bad, out, { generatedAt: FIXTURE_GENERATED_AT })).ok).toBe(false);
    expect(readdirSync(out).map((f) => readFileSync(join(out, f)).toString('base64'))).toEqual(before);
  });
});

describe('command line', () => {
  const run = promisify(execFile);
  const tsx = join(process.cwd(), 'node_modules/.bin/tsx');

  it('exits 1 and prints the problems; exits 0 and summarises on success', async () => {
    const bad = input(editTable('provisions', (rows) => ((rows[0]!.severity = 'severe'), rows)));
    const failed = await run(tsx, ['scripts/build-export.ts', bad, join(tempDir(), 'o')]).catch((e: { code: number; stderr: string }) => e);
    expect('code' in failed && failed.code).toBe(1);
    expect(failed.stderr).toContain('1 problem(s); nothing was written.');
    expect(failed.stderr).toContain('provisions.jsonl line 1, column "severity": "severe" is not one of');
    const ok = await run(tsx, ['scripts/build-export.ts', input(), join(tempDir(), 'o')]);
    expect(ok.stdout).toMatch(/provisions\.parquet\s+40 rows/);
  });
});
