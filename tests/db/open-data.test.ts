/**
 * The Data page's pure logic: an export's address and the page's URL state (export-source.ts), files sorted into an
 * export (local-export.ts), and the CSV conversions (csv-loader.ts) run on Node DuckDB — the engine version of the
 * browser — against values worked out by hand.
 */
import { describe, expect, test } from 'vitest';
import { choiceKey, choiceSearch, connectAllowed, connectOrigins, exportUrl, sourceChoice } from '../../src/lib/db/export-source';
import { localExport } from '../../src/lib/db/local-export';
import { LoadFailure } from '../../src/lib/db/errors';
import { csvConversion, csvHeader } from '../../src/lib/db/csv-loader';
import { tableSpec } from '../../src/lib/contract/schema';
import { openNodeDb } from '../../scripts/lib/duckdb-node';
import { connectOrigins as buildOrigins } from '../../scripts/lib/security-headers.js';

const file = (path: string, text = 'x') => ({ path, file: new Blob([text]) });
const TABLE_FILES = ['platforms', 'documents', 'categories', 'provisions'].map((t) => file(`mine/${t}.parquet`));

describe('export addresses and URL state', () => {
  test('a folder or its manifest.json gives the folder, without query or hash', () => {
    expect(exportUrl('https://data.example.org/exports/x/manifest.json?a=1#b')).toEqual({ base: 'https://data.example.org/exports/x' });
    expect(exportUrl(' https://data.example.org/exports/x/ ')).toEqual({ base: 'https://data.example.org/exports/x' });
    expect(exportUrl('javascript:alert(1)')).toHaveProperty('problem');
    expect(exportUrl('data.example.org/x')).toHaveProperty('problem');
    expect(exportUrl('https://user:pw@data.example.org/x')).toHaveProperty('problem');
  });

  test('the page URL round-trips each choice', () => {
    for (const search of ['', '?export=tosdr', '?url=https%3A%2F%2Fdata.example.org%2Fx', '?files=abc-123']) {
      const choice = sourceChoice(new URLSearchParams(search));
      expect(choiceSearch(choice)).toBe(search);
      expect(choiceKey(sourceChoice(new URLSearchParams(choiceSearch(choice))))).toBe(choiceKey(choice));
    }
    expect(sourceChoice(new URLSearchParams('?url=ftp://x'))).toMatchObject({ kind: 'invalid-url' });
    expect(sourceChoice(new URLSearchParams('?files=../etc'))).toEqual({ kind: 'hosted', name: 'demo' });
  });

  test('connect-src: only whole origins, and an address is allowed only on one of them', () => {
    const policy = "default-src 'self'; connect-src 'self' https://data.example.org; worker-src 'self'";
    expect(connectOrigins(policy)).toEqual(['https://data.example.org']);
    expect(connectAllowed('https://data.example.org/x', 'http://app.test', connectOrigins(policy))).toBe(true);
    expect(connectAllowed('https://data.example.org.evil.test/x', 'http://app.test', connectOrigins(policy))).toBe(false);
    expect(connectAllowed('http://app.test/exports/x', 'http://app.test', [])).toBe(true);
    expect(buildOrigins('https://a.example http://127.0.0.1:8080/')).toEqual(['https://a.example', 'http://127.0.0.1:8080']);
    for (const bad of ['https:', '*', 'https://*.example.org', 'https://a.example/path']) expect(() => buildOrigins(bad)).toThrow(/is not an origin/);
  });
});

async function refusal(files: Parameters<typeof localExport>[0]): Promise<string> {
  try {
    await localExport(files);
  } catch (error) {
    if (error instanceof LoadFailure) return [error.detail.file, error.detail.message, ...(error.detail.details ?? [])].join('\n');
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('files sorted into an export', () => {
  test('tables by file name, side files left out, no manifest: source not stated', async () => {
    const local = await localExport([...TABLE_FILES, file('mine/README.md'), file('mine/overview.json')]);
    expect(local.label).toBe('mine');
    expect(local.tables.map((t) => t.table)).toEqual(['platforms', 'documents', 'categories', 'provisions']);
    expect(local.manifestGiven).toBe(false);
    expect(local.manifest.source.licence).toMatch(/not stated/);
    expect(local.ignored).toEqual(['mine/README.md', 'mine/overview.json']);
  });

  test('each kind of unusable set is refused by name', async () => {
    expect(await refusal([...TABLE_FILES, file('mine/provision.parquet')])).toMatch(/mine\/provision\.parquet: "provision" is not a table of the contract/);
    expect(await refusal(TABLE_FILES.slice(1))).toMatch(/no file for the required table platforms/);
    expect(await refusal([...TABLE_FILES, file('mine/platforms.csv')])).toMatch(/table platforms is given twice[\s\S]*mix of Parquet and CSV/);
    expect(await refusal([...TABLE_FILES, file('other/platforms.parquet')])).toMatch(/same file name more than once[\s\S]*platforms\.parquet: mine\/platforms\.parquet, other\/platforms\.parquet/);
    expect(await refusal([...TABLE_FILES, file('mine/manifest.json', '{not json')])).toMatch(/mine\/manifest\.json\nis not valid JSON/);
    expect(await refusal([])).toMatch(/holds no files/);
  });
});

describe('CSV conversions (docs/DATA.md rules), on DuckDB', () => {
  test('the header row, quoted names and a BOM included', () => {
    expect(csvHeader('\uFEFFa,"b,c", d \r\n1,2,3')).toEqual(['a', 'b,c', 'd']);
  });

  test('each contract type converts as the builder would, and a bad value is null', async () => {
    const db = await openNodeDb();
    const spec = (table: Parameters<typeof tableSpec>[0], name: string) => tableSpec(table).columns.find((c) => c.name === name)!;
    const convert = async (table: Parameters<typeof tableSpec>[0], column: string, value: string) => {
      const [row] = await db.query(`SELECT CAST(${csvConversion(spec(table, column), 'v')} AS VARCHAR) AS out FROM (SELECT ?::VARCHAR AS v)`, [value]);
      return row!.out;
    };
    expect(await convert('documents', 'last_updated', '2023-07-01')).toBe('2023-07-01');
    expect(await convert('documents', 'last_updated', '2023-02-29')).toBeNull();
    expect(await convert('documents', 'last_updated', '07/01/2023')).toBeNull();
    expect(await convert('snapshots', 'captured_at', '2023-01-01T10:00:00+02:00')).toBe('2023-01-01 08:00:00');
    expect(await convert('snapshots', 'captured_at', '2023-01-01 10:00-0530')).toBe('2023-01-01 15:30:00');
    expect(await convert('snapshots', 'captured_at', '2023-01-01T10:00:00.5Z')).toBe('2023-01-01 10:00:00.5');
    expect(await convert('snapshots', 'captured_at', '2023-07-01')).toBe('2023-07-01 00:00:00');
    expect(await convert('snapshots', 'captured_at', 'yesterday')).toBeNull();
    expect(await convert('snapshots', 'changed', '1')).toBe('true');
    expect(await convert('snapshots', 'changed', 'False')).toBe('false');
    expect(await convert('snapshots', 'changed', 'yes')).toBeNull();
    expect(await convert('provisions', 'regulations', 'GDPR Art. 6 | EU AI Act Art. 53')).toBe('[GDPR Art. 6, EU AI Act Art. 53]');
    expect(await convert('provisions', 'regulations', '["a, b", "c \\"d\\""]')).toBe(`['a, b', 'c "d"']`);
    expect(await convert('provisions', 'regulations', '["unclosed"')).toBeNull();
    expect(await convert('provisions', 'title', '')).toBeNull();
    db.close();
  });
});
