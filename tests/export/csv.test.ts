import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { csvBlob, csvChunks, csvField, csvStream, csvText, isoInstant, rowsToCsv } from '../../src/lib/export/csv';
import { rowsSource, type ExportCell, type ExportColumn, type ExportSource } from '../../src/lib/export/source';
import type { Row } from '../../src/lib/db/values';
import { readCsv } from './csv-read';

const BOM = '\uFEFF';

/** Every record ends with CRLF and no line break appears outside a quoted field. */
function lineEndsOutsideQuotes(text: string): string[] {
  const ends: string[] = [];
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\r' || ch === '\n')) {
      const end = text.slice(i, i + 2) === '\r\n' ? '\r\n' : ch!;
      ends.push(end);
      i += end.length - 1;
    }
  }
  return ends;
}

describe('csv-spectrum cases (github.com/maxogden/csv-spectrum, BSD-2-Clause)', () => {
  const dir = dirname(createRequire(import.meta.url).resolve('csv-spectrum/package.json'));
  const names = readdirSync(join(dir, 'json')).map((f) => f.replace(/\.json$/, ''));

  it('has the cases', () => expect(names.length).toBeGreaterThanOrEqual(12));

  it.each(names)('%s: written, then read back identically', (name) => {
    const parsed = JSON.parse(readFileSync(join(dir, 'json', `${name}.json`), 'utf8')) as Record<string, string>[] | Record<string, string>;
    // location_coordinates.json is one object, not a list (and does not match its own CSV: different phone number).
    const records = Array.isArray(parsed) ? parsed : [parsed];
    const keys = Object.keys(records[0]!);
    const csv = rowsToCsv(records, keys.map((key) => ({ key, label: key })));
    const back = readCsv(csv);
    expect(back[0]).toEqual(keys);
    expect(back.slice(1).map((r) => Object.fromEntries(keys.map((k, i) => [k, r[i]])))).toEqual(records);
    expect(lineEndsOutsideQuotes(csv).every((end) => end === '\r\n')).toBe(true);

    // Where the case's own file is in canonical form (minimal quoting), ours is the same bytes, with BOM and CRLF.
    const theirs = readFileSync(join(dir, 'csvs', `${name}.csv`), 'utf8');
    const hasBreaks = records.some((r) => Object.values(r).some((v) => /[\r\n]/.test(v)));
    if (name !== 'location_coordinates' && (theirs.includes('\r\n') || !hasBreaks)) {
      const crlf = theirs.includes('\r\n') ? theirs : theirs.replaceAll('\n', '\r\n');
      expect(csv).toBe(BOM + (crlf.endsWith('\r\n') ? crlf : `${crlf}\r\n`));
    }
  });
});

const columns: ExportColumn[] = [
  { key: 'id', label: 'Record' },
  { key: 'text', label: 'Clause text' },
  { key: 'n', label: 'Count' },
  { key: 'list', label: 'Regulations' }
];

/** [row, the fields a CSV reader gets back]; expectations written out by hand. */
const nasty: [Row, (string | null)[]][] = [
  [{ id: 'a', text: 'commas, everywhere, here', n: 1, list: ['GDPR Art. 6', 'CCPA'] }, ['a', 'commas, everywhere, here', '1', 'GDPR Art. 6; CCPA']],
  [{ id: 'b', text: 'she said "no" twice ""', n: -5, list: [] }, ['b', 'she said "no" twice ""', '-5', '']],
  [{ id: 'c', text: 'line one\r\nline two\nline three\rend', n: 0.1 + 0.2, list: null }, ['c', 'line one\r\nline two\nline three\rend', '0.30000000000000004', null]],
  [{ id: 'd', text: 'emoji 🧑‍⚖️ and 🇪🇺 flags', n: 1234567.5, list: ['ʤ'] }, ['d', 'emoji 🧑‍⚖️ and 🇪🇺 flags', '1234567.5', 'ʤ']],
  [{ id: 'e', text: 'combining: e\u0301 n\u0303 a\u030A', n: null, list: ['x,y', 'q"r'] }, ['e', 'combining: e\u0301 n\u0303 a\u030A', null, 'x,y; q"r']],
  [{ id: 'f', text: '   =HYPERLINK("http://evil","x")', n: 2, list: null }, ['f', `'   =HYPERLINK("http://evil","x")`, '2', null]],
  [{ id: 'g', text: '＝1+1', n: 3, list: ['=cmd', 'ok'] }, ['g', "'＝1+1", '3', "'=cmd; ok"]],
  [{ id: 'h', text: '-5', n: -5, list: ['-'] }, ['h', "'-5", '-5', "'-"]],
  [{ id: 'i', text: '', n: 0, list: [''] }, ['i', '', '0', '']],
  [{ id: 'j', text: null, n: -0, list: [' @SUM(1)'] }, ['j', null, '0', "' @SUM(1)"]],
  [{ id: 'k', text: 'trailing space ', n: 1e21, list: ['a', null, 'b'] }, ['k', 'trailing space ', '1e+21', 'a; ; b']]
];

describe('nasty rows through an independent parser (csv-parse)', () => {
  const csv = rowsToCsv(
    nasty.map(([row]) => row),
    columns
  );
  const back = readCsv(csv);

  it('starts with a UTF-8 byte-order mark and the header labels', () => {
    expect(csv.startsWith(BOM)).toBe(true);
    expect(csv.startsWith(`${BOM}Record,Clause text,Count,Regulations\r\n`)).toBe(true);
    expect(back[0]).toEqual(['Record', 'Clause text', 'Count', 'Regulations']);
  });

  it.each(nasty.map(([row, fields], i) => [row.id, i, fields] as const))('row %s reads back as written', (_id, i, fields) => {
    expect(back[i + 1]).toEqual(fields);
  });

  it('ends every record with CRLF, and has no other line breaks outside quotes', () => {
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(lineEndsOutsideQuotes(csv)).toEqual(Array(nasty.length + 1).fill('\r\n'));
  });

  it('writes numbers bare: never quoted, never guarded, no locale', () => {
    const lines = csv.split('\r\n');
    expect(lines.find((l) => l.startsWith('b,'))).toMatch(/,-5,""$/);
    expect(lines.find((l) => l.startsWith('d,'))).toContain(',1234567.5,');
  });

  it('tells null from the empty string: nothing vs ""', () => {
    expect(csv).toContain('\r\ni,"",0,""\r\n');
    expect(csv).toContain('\r\nj,,0,');
  });
});

describe('cells', () => {
  it.each<[string, ExportCell, string]>([
    ['null', null, ''],
    ['empty text', '', '""'],
    ['true', true, 'true'],
    ['false', false, 'false'],
    ['negative number', -5, '-5'],
    ['tiny number', 0.000001, '0.000001'],
    ['big number', 123456789012345, '123456789012345'],
    ['exponent only past 1e21', 1e21, '1e+21'],
    ['infinity', Infinity, 'inf'],
    ['minus infinity', -Infinity, '-inf'],
    ['NaN', NaN, 'nan'],
    ['bigint beyond 2^53', 9223372036854775807n, '9223372036854775807'],
    ['negative bigint', -42n, '-42'],
    ['DATE text as is', '2024-02-29', '2024-02-29'],
    ['TIMESTAMP at whole seconds', new Date(Date.UTC(2024, 1, 29, 23, 30)), '2024-02-29T23:30:00Z'],
    ['TIMESTAMP with milliseconds', new Date(Date.UTC(2024, 1, 29, 23, 30, 5, 120)), '2024-02-29T23:30:05.120Z'],
    ['list', ['GDPR Art. 6', 'FTC'], 'GDPR Art. 6; FTC'],
    ['list with a comma', ['a,b'], '"a,b"'],
    ['list of dates and timestamps', ['2024-01-01', new Date(Date.UTC(2024, 0, 1))], '2024-01-01; 2024-01-01T00:00:00Z'],
    ['nested list', [['a', 'b'], 'c'], '[a; b]; c'],
    ['empty list', [], '""']
  ])('%s', (_what, value, field) => {
    expect(csvField(value)).toBe(field);
  });

  it('writes instants in UTC whatever the local zone', () => {
    expect(Intl.DateTimeFormat().resolvedOptions().timeZone).toBe('America/Los_Angeles');
    expect(isoInstant(new Date('2024-03-10T10:00:00Z'))).toBe('2024-03-10T10:00:00Z');
  });

  it('refuses an invalid Date and anything that is not a cell', () => {
    expect(() => csvField(new Date(NaN))).toThrow(/Invalid Date/);
    expect(() => csvField({} as unknown as ExportCell)).toThrow(/Not a cell value: \[object Object\]/);
  });
});

/** The OWASP rule, written out case by case: [text, field in the file]. */
const guardCases: [string, string][] = [
  ['=1+1', `"'=1+1"`],
  ['+1', `"'+1"`],
  ['-1', `"'-1"`],
  ['@SUM(A1)', `"'@SUM(A1)"`],
  ['\tindented', `"'\tindented"`],
  ['\r\nline', `"'\r\nline"`],
  ['  =1+1', `"'  =1+1"`],
  ['\u00a0\u3000=1', `"'\u00a0\u3000=1"`],
  ['\u200b=1', `"'\u200b=1"`],
  ['\n=1', `"'\n=1"`],
  ['＝1', `"'＝1"`],
  ['＋1', `"'＋1"`],
  ['－1', `"'－1"`],
  ['＠x', `"'＠x"`],
  ['=HYPERLINK("http://x","y")', `"'=HYPERLINK(""http://x"",""y"")"`],
  ['a=1', 'a=1'],
  ['1-2', '1-2'],
  ['email@example.com', 'email@example.com'],
  ['x - y', 'x - y'],
  ['   ', '   '],
  ['\n', '"\n"'],
  ["'quoted", "'quoted"],
  ['2024-01-01', '2024-01-01']
];

describe('formula-injection guard (text cells only)', () => {
  it.each(guardCases)('%j -> %j', (text, field) => {
    expect(csvField(text)).toBe(field);
  });

  it('guards header labels too (SQL aliases are the analyst’s text)', () => {
    const source: ExportSource = { columns: [{ name: '=cmd' }], numRows: 0, cell: () => null };
    expect(csvText(source)).toBe(`${BOM}"'=cmd"\r\n`);
  });

  it('leaves numbers alone: the number -5 is a number, the text "-5" is guarded', () => {
    expect(csvField(-5)).toBe('-5');
    expect(csvField('-5')).toBe(`"'-5"`);
  });
});

describe('chunked writing from an accessor', () => {
  const source = (numRows: number): ExportSource => ({
    columns: [{ name: 'i' }, { name: 'label' }, { name: 'even' }],
    numRows,
    cell: (r, c) => (c === 0 ? r : c === 1 ? `row ${r}, "${r % 7}"` : r % 2 === 0)
  });

  it('splits into the header and chunkRows rows per piece, joining to the same text', () => {
    const chunks = Array.from(csvChunks(source(10), { chunkRows: 3 }));
    expect(chunks).toHaveLength(1 + 4);
    expect(chunks.join('')).toBe(csvText(source(10)));
    expect(readCsv(chunks.join('')).slice(1)).toEqual(
      Array.from({ length: 10 }, (_, r) => [String(r), `row ${r}, "${r % 7}"`, String(r % 2 === 0)])
    );
  });

  it('writes only the header for an empty result, and can leave out the BOM', () => {
    expect(csvText(source(0), { bom: false })).toBe('i,label,even\r\n');
  });

  it('builds a Blob with progress, and stops when aborted', async () => {
    const progress: number[] = [];
    const blob = await csvBlob(source(25), { chunkRows: 10, onProgress: (done) => progress.push(done) });
    expect(blob.type).toBe('text/csv;charset=utf-8');
    const bytes = new Uint8Array(await blob.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes)).toBe(csvText(source(25)));
    expect(progress).toEqual([0, 10, 20, 25]);

    const controller = new AbortController();
    const pending = csvBlob(source(100), { chunkRows: 10, signal: controller.signal, onProgress: (done) => done >= 30 && controller.abort() });
    await expect(pending).rejects.toThrow(/abort/i);
  });

  it('pauses while writing, so other tasks (the page) get to run', async () => {
    const slow: ExportSource = {
      columns: [{ name: 'i' }],
      numRows: 200,
      cell: (r) => {
        const until = performance.now() + 1;
        while (performance.now() < until); // 1 ms of work per row
        return r;
      }
    };
    let ticks = 0;
    const timer = setInterval(() => ticks++, 0);
    const blob = await csvBlob(slow, { chunkRows: 5 });
    clearInterval(timer);
    expect(await blob.text()).toBe(csvText(slow).slice(1)); // Blob.text() drops the BOM
    expect(ticks).toBeGreaterThanOrEqual(3);
  });

  it('streams UTF-8 bytes with the BOM', async () => {
    const text = await new Response(csvStream(source(5), { chunkRows: 2 })).arrayBuffer();
    const bytes = new Uint8Array(text);
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes)).toBe(csvText(source(5)));
  });

  it('says which row and column a bad value is in', () => {
    const rows: Row[] = [{ a: 1, b: 'x' }, { a: 2 }];
    expect(() => rowsToCsv(rows, [{ key: 'a', label: 'A' }, { key: 'b', label: 'B' }])).toThrow(
      /row 2, column "B": Row 1 has no field "b"/
    );
    const bad: ExportSource = { columns: [{ name: 'when' }], numRows: 1, cell: () => new Date('nope') };
    expect(() => csvText(bad)).toThrow(/row 1, column "when": Invalid Date/);
  });

  it('writes a million rows in pieces, none of them big', () => {
    const n = 1_000_000;
    const started = performance.now();
    let bytes = 0;
    let lines = 0;
    let largest = 0;
    for (const chunk of csvChunks(source(n))) {
      bytes += chunk.length;
      largest = Math.max(largest, chunk.length);
      for (let i = chunk.indexOf('\r\n'); i !== -1; i = chunk.indexOf('\r\n', i + 2)) lines++;
    }
    const ms = performance.now() - started;
    expect(lines).toBe(n + 1);
    expect(largest).toBeLessThan(400_000);
    console.info(`csvChunks: 1,000,000 rows x 3 columns, ${(bytes / 1e6).toFixed(1)} M chars in ${ms.toFixed(0)} ms`);
  });
});

describe('rowsSource', () => {
  it('reads fields in the column order given, headed by the labels', () => {
    const rows: Row[] = [{ b: 2, a: 'x' }];
    expect(rowsToCsv(rows, [{ key: 'b', label: 'Bee' }, { key: 'a', label: 'Ay' }], { bom: false })).toBe('Bee,Ay\r\n2,x\r\n');
    const source = rowsSource(rows, [{ key: 'a', label: 'Ay' }]);
    expect(source.numRows).toBe(1);
    expect(source.cell(0, 0)).toBe('x');
  });

  it('writes a one-column row of null as an empty line that readers keep', () => {
    const csv = rowsToCsv([{ a: null }, { a: 'x' }], [{ key: 'a', label: 'a' }]);
    expect(readCsv(csv)).toEqual([['a'], [null], ['x']]);
  });
});
