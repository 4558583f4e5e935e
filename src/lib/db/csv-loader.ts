/**
 * The analyst's CSV files, one per table, loaded as strictly as Parquet: DuckDB's `read_csv` with the columns of the
 * file's own header, every value as text, strict mode (a row with too many or too few fields, a broken quote, is an
 * error naming its line, never dropped), then each contract column converted to its type by the rules of the export
 * builder (docs/DATA.md, "CSV"): an empty cell is null, a list is a JSON array or `|`-separated, a boolean
 * true/false/1/0, a timestamp's offset is converted to UTC. A value that does not convert is reported by file, line,
 * column and value; then the contract's checks run, as for Parquet.
 */
import { contractProblems } from './parquet-loader';
import { isTableName, tableSpec, type ColumnSpec, type TableName } from '$lib/contract/schema';
import { DATA_CATALOG, type Engine } from './engine';
import { LoadFailure } from './errors';
import type { LocalExport } from './local-export';
import type { TableProgress } from './types';

const STAGING = 'memory.main._csv';
const PLAIN = /^[A-Za-z_][A-Za-z0-9_]*$/;
const CSV_HINT = 'Write the file as RFC 4180 CSV (UTF-8, comma separated, a header row naming the columns); see docs/DATA.md.';
/** A timestamp's UTC offset: after a time of day, `Z` or ±hh[:mm] (a bare day like 2023-07-01 has none). */
const OFFSET = String.raw`(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)(Z|z|[+-]\d{2}(?::?\d{2})?)$`;

/** The header row's column names (the first record of the file; quoted names may hold commas). */
export function csvHeader(text: string): string[] {
  const names: string[] = [];
  let field = '';
  let quoted = false;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  for (; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      names.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') break;
    else field += ch;
  }
  names.push(field);
  return names.map((n) => n.trim());
}

/** SQL turning the text column `c` (a quoted identifier) into the contract type of `spec`. */
export function csvConversion(spec: ColumnSpec, c: string): string {
  const v = `NULLIF(${c}, '')`;
  switch (spec.type) {
    case 'VARCHAR':
      return v;
    case 'INTEGER':
      return `TRY_CAST(trim(${v}) AS INTEGER)`;
    case 'BOOLEAN':
      return `CASE lower(trim(${v})) WHEN 'true' THEN true WHEN '1' THEN true WHEN 'false' THEN false WHEN '0' THEN false END`;
    case 'DATE':
      return `CASE WHEN regexp_full_match(trim(${v}), '\\d{4}-\\d{2}-\\d{2}') THEN TRY_CAST(trim(${v}) AS DATE) END`;
    case 'TIMESTAMP': {
      const t = `trim(${v})`;
      const off = `regexp_extract(${t}, '${OFFSET}', 1)`;
      const minutes = `(CASE WHEN ${off} IN ('', 'Z', 'z') THEN 0 ELSE (CASE left(${off}, 1) WHEN '-' THEN -1 ELSE 1 END) * (CAST(substr(${off}, 2, 2) AS INTEGER) * 60 + COALESCE(TRY_CAST(NULLIF(right(replace(${off}, ':', ''), 2), substr(${off}, 2, 2)) AS INTEGER), 0)) END)`;
      const local = `TRY_CAST(CASE WHEN ${off} = '' THEN ${t} ELSE left(${t}, length(${t}) - length(${off})) END AS TIMESTAMP)`;
      return `(${local} - to_minutes(${minutes}))`;
    }
    case 'INTEGER[]':
      // Only the search index (clause_terms) has such a column: a JSON array, or whole numbers separated by '|'.
      return `CASE WHEN ${v} IS NULL THEN NULL WHEN starts_with(trim(${v}), '[') THEN TRY_CAST(trim(${v}) AS INTEGER[]) ELSE list_transform(list_filter(string_split(${v}, '|'), x -> trim(x) <> ''), x -> TRY_CAST(trim(x) AS INTEGER)) END`;
    case 'VARCHAR[]':
      return `CASE WHEN ${v} IS NULL THEN NULL WHEN starts_with(trim(${v}), '[') THEN CASE WHEN ends_with(trim(${v}), ']') THEN list_transform(regexp_extract_all(trim(${v}), '"((?:[^"\\\\]|\\\\.)*)"', 1), x -> replace(replace(x, '\\"', '"'), '\\\\', '\\')) END ELSE list_filter(list_transform(string_split(${v}, '|'), x -> trim(x)), x -> x <> '') END`;
  }
}

export interface CsvLoad {
  rowCounts: Partial<Record<TableName, number>>;
  read: Partial<Record<TableName, { bytes: number; sha256: string }>>;
}

async function sha256Hex(blob: Blob): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', await blob.arrayBuffer());
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** The first lines of a DuckDB CSV error (its line, the line's text, what was expected), without the option dump. */
function duckdbCsvError(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.split(/\n\s*Possible fixes:|\n\s*file = /)[0]!.replace(/^Invalid Input Error: /, '').replace(/\s*\n\s*/g, '; ').trim();
}

export async function loadCsv(engine: Engine, local: LocalExport, onProgress: (progress: TableProgress[]) => void): Promise<CsvLoad> {
  await engine.useMemoryCatalog();
  const progress: TableProgress[] = local.tables.map((t) => ({ table: t.table, file: t.file, phase: 'waiting', bytesLoaded: 0, bytesTotal: t.blob.size, rows: 0, rowsLoaded: 0 }));
  const update = (i: number, patch: Partial<TableProgress>) => {
    progress[i] = { ...progress[i]!, ...patch };
    onProgress([...progress]);
  };
  onProgress([...progress]);
  const rowCounts: CsvLoad['rowCounts'] = {};
  const read: CsvLoad['read'] = {};
  for (const [i, t] of local.tables.entries()) {
    if (!isTableName(t.table)) throw new Error(`Not a contract table: ${t.table}`);
    const fail = (message: string, details?: string[]): never => {
      update(i, { phase: 'error' });
      throw new LoadFailure({ file: t.path, message, details, hint: CSV_HINT });
    };
    update(i, { phase: 'fetching' });
    const header = csvHeader(await t.blob.slice(0, 65_536).text());
    const spec = tableSpec(t.table);
    const bad = header.filter((n) => !PLAIN.test(n));
    if (bad.length > 0) fail('has a header column name that is not a plain identifier', bad.map((n) => JSON.stringify(n)));
    const twice = header.filter((n, k) => header.indexOf(n) !== k);
    if (twice.length > 0) fail('names a column twice in its header', twice);
    const missing = spec.columns.filter((c) => c.required && !header.includes(c.name)).map((c) => `column "${c.name}" (${c.type}) is required by table ${t.table}`);
    if (missing.length > 0) fail(`lacks required columns of table "${t.table}"`, missing);

    // Only the contract's own table names and the header's plain identifiers reach the SQL text.
    const name = `csv_${t.table}.csv`;
    const sha256 = await sha256Hex(t.blob);
    read[t.table] = { bytes: t.blob.size, sha256 };
    await engine.registerFile(name, t.blob);
    const columns = header.map((n) => `'${n}': 'VARCHAR'`).join(', ');
    try {
      await engine.exec(`DROP TABLE IF EXISTS ${STAGING}`);
      await engine.exec(
        `CREATE TABLE ${STAGING} AS SELECT * FROM read_csv('${name}', columns = {${columns}}, header = true, delim = ',', quote = '"', escape = '"', ` +
          `auto_detect = false, strict_mode = true, null_padding = false, ignore_errors = false, parallel = false)`
      );
    } catch (error) {
      fail(`could not be read as CSV: ${duckdbCsvError(error)}`);
    } finally {
      await engine.dropFile(name);
    }
    update(i, { phase: 'inserting', bytesLoaded: t.blob.size, sha256 });
    const typed = spec.columns.filter((c) => header.includes(c.name));
    // Line numbers: the header is line 1 and rows keep their order (one thread, insertion order kept); a quoted field
    // spanning lines shifts later ones, so the message says "row" with the line it would be without such fields.
    const problems: string[] = [];
    for (const c of typed) {
      if (c.type === 'VARCHAR') continue;
      const q = `"${c.name}"`;
      const rows = await engine.query(
        `SELECT rowid + 1 AS row, ${q} AS value, count(*) OVER () AS n FROM ${STAGING} WHERE NULLIF(${q}, '') IS NOT NULL AND (${csvConversion(c, q)}) IS NULL ORDER BY rowid LIMIT 3`
      );
      for (const r of rows) {
        problems.push(`${t.path} row ${r.row} (line ${Number(r.row) + 1}), column "${c.name}": ${JSON.stringify(r.value)} is not ${describe(c)}${Number(r.n) > 1 ? ` (${r.n} values like this; the first are shown)` : ''}`);
      }
    }
    if (problems.length > 0) fail(`has values that are not of their column's type`, problems);
    const select = [
      ...spec.columns.map((c) => `CAST(${header.includes(c.name) ? csvConversion(c, `"${c.name}"`) : 'NULL'} AS ${c.type}) AS "${c.name}"`),
      ...header.filter((n) => !spec.columns.some((c) => c.name === n)).map((n) => `"${n}"`)
    ].join(', ');
    await engine.exec(`CREATE TABLE ${DATA_CATALOG}.main.${t.table} AS SELECT ${select} FROM ${STAGING} ORDER BY rowid`);
    await engine.exec(`DROP TABLE ${STAGING}`);
    const rows = Number((await engine.query(`SELECT count(*) AS n FROM ${DATA_CATALOG}.main.${t.table}`))[0]!.n);
    rowCounts[t.table] = rows;
    update(i, { phase: 'done', rows, rowsLoaded: rows });
  }
  const problems = await contractProblems(engine, local.label, new Map(local.tables.map((t) => [t.table, t.file])));
  if (problems) throw problems;
  await engine.lockDown();
  await engine.finishLoading();
  return { rowCounts, read };
}

function describe(c: ColumnSpec): string {
  switch (c.type) {
    case 'INTEGER':
      return 'a whole number';
    case 'BOOLEAN':
      return 'true, false, 1 or 0';
    case 'DATE':
      return 'a day written YYYY-MM-DD';
    case 'TIMESTAMP':
      return 'an ISO 8601 timestamp such as 2024-03-01T12:00:00Z';
    case 'VARCHAR[]':
      return 'a list (a JSON array of strings, or values separated by |)';
    default:
      return `a ${c.type}`;
  }
}
