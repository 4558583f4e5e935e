/**
 * The contract's checks, as SQL over tables already loaded into DuckDB (one table per export table, rows in file
 * order). The same checks run in the validator and the builder (`@duckdb/node-api`) and in the app (duckdb-wasm), so
 * an export the validator accepts is one the app accepts.
 *
 * Identifiers come only from the contract (`schema.ts`); no value from the data is ever put into SQL text.
 */
import { TABLES, tableSpec, type ColumnSpec, type ColumnType, type TableName, type TableSpec } from './schema';

/** Runs one SQL statement and returns plain rows. Both engines provide one. */
export type SqlRunner = (sql: string, params?: readonly unknown[]) => Promise<Record<string, unknown>[]>;

export interface Problem {
  table: TableName;
  /** 1-based row number in the table's file (data rows, header excluded), when one row is at fault. */
  row?: number;
  column?: string;
  /** Value of the row's key, to find it without row numbers. */
  key?: string;
  message: string;
  /** Rows with this same problem (same check, same value); `row` and `key` are the first of them. */
  count?: number;
}

export interface CheckResult {
  problems: Problem[];
  /** Problems found beyond those listed (each check lists at most `limit`). */
  more: number;
}

const EXAMPLES_PER_CHECK = 20;

/** Quotes an identifier that comes from the contract. Refuses anything that is not a plain name. */
export function ident(name: string): string {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`Not a contract identifier: ${JSON.stringify(name)}`);
  return `"${name}"`;
}

/** A SQL literal for a contract constant (enum values). Never used for data. */
function constant(value: string): string {
  if (!/^[a-z0-9_]+$/.test(value)) throw new Error(`Not a contract constant: ${JSON.stringify(value)}`);
  return `'${value}'`;
}

/** Types a loaded column may have for each contract type: the loader casts them to the contract type. */
const COMPATIBLE: Record<ColumnType, readonly string[]> = {
  VARCHAR: ['VARCHAR'],
  'VARCHAR[]': ['VARCHAR[]'],
  INTEGER: ['TINYINT', 'SMALLINT', 'INTEGER', 'BIGINT', 'UTINYINT', 'USMALLINT', 'UINTEGER', 'UBIGINT', 'HUGEINT'],
  'INTEGER[]': ['SMALLINT[]', 'INTEGER[]', 'BIGINT[]', 'USMALLINT[]', 'UINTEGER[]'],
  BOOLEAN: ['BOOLEAN'],
  DATE: ['DATE'],
  TIMESTAMP: [
    'TIMESTAMP',
    'TIMESTAMP_S',
    'TIMESTAMP_MS',
    'TIMESTAMP_NS',
    'TIMESTAMP WITH TIME ZONE',
    'TIMESTAMP_US'
  ]
};

export function isCompatibleType(expected: ColumnType, actual: string): boolean {
  return COMPATIBLE[expected].includes(actual.toUpperCase());
}

/**
 * Compares a loaded table's columns with the contract. Missing columns and incompatible types are problems, except
 * that a column added by a later contract version (`addedIn`) may be missing (loaders add it as nulls); extra
 * columns are allowed (they are kept, and ignored by the views).
 */
export function checkColumns(table: TableName, actual: readonly { name: string; type: string }[]): Problem[] {
  const byName = new Map(actual.map((c) => [c.name, c.type]));
  const problems: Problem[] = [];
  for (const column of tableSpec(table).columns) {
    const type = byName.get(column.name);
    if (type === undefined && column.addedIn !== undefined) continue;
    if (type === undefined) {
      problems.push({
        table,
        column: column.name,
        message: `missing column "${column.name}" (${column.type}${column.required ? ', required' : ''})`
      });
    } else if (!isCompatibleType(column.type, type)) {
      problems.push({
        table,
        column: column.name,
        message: `column "${column.name}" has type ${type}, expected ${column.type}`
      });
    }
  }
  return problems;
}

/**
 * One check, as parts of the table's single scan (`tableCheckQuery`): a condition that is true for a row breaking it,
 * the value reported for that row (problems are grouped by it), and the join it needs, if any.
 */
interface RowCheck {
  table: TableName;
  column?: string;
  /** SQL over the row `t` (and the check's join): true when the row breaks the check. */
  bad: string;
  /** SQL over the same row: the value reported and grouped on; `NULL` when there is none. Read as text. */
  value: string;
  /** `LEFT JOIN … AS <alias> ON …` to a derived table with at most one row per join key (rows are never multiplied). */
  join?: string;
  /** The value is a row number (duplicate keys): read back as a number. */
  numeric?: boolean;
  describe: (value: unknown) => string;
}

function keyExpr(spec: TableSpec, alias = 't'): string {
  const parts = spec.key.map((k) => `CAST(${alias}.${ident(k)} AS VARCHAR)`);
  return parts.length === 1 ? parts[0]! : `concat_ws(' / ', ${parts.join(', ')})`;
}

function fmt(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return JSON.stringify(value);
  return String(value);
}

function rowChecks(spec: TableSpec, present: ReadonlySet<TableName>, referable: ReadonlySet<TableName>): RowCheck[] {
  const checks: RowCheck[] = [];
  const row = 't.rowid + 1';

  for (const column of spec.columns) {
    const c = `t.${ident(column.name)}`;
    if (column.required) {
      checks.push({
        table: spec.name,
        column: column.name,
        bad: `${c} IS NULL`,
        value: 'NULL',
        describe: () => `column "${column.name}" is required but empty`
      });
    }
    if (column.enum) {
      const allowed = column.enum.map(constant).join(', ');
      checks.push({
        table: spec.name,
        column: column.name,
        bad: `${c} IS NOT NULL AND ${c} NOT IN (${allowed})`,
        value: c,
        describe: (v) => `column "${column.name}": ${fmt(v)} is not one of ${column.enum!.join(', ')}`
      });
    }
    if (column.pattern) {
      checks.push({
        table: spec.name,
        column: column.name,
        bad: `${c} IS NOT NULL AND NOT regexp_full_match(${c}, '${column.pattern.regex.source}')`,
        value: c,
        describe: (v) => `column "${column.name}": ${fmt(v)} is not ${column.pattern!.description}`
      });
    }
    if (column.references && referable.has(column.references.table)) {
      const ref = column.references;
      const alias = `fk_${column.name}`;
      checks.push({
        table: spec.name,
        column: column.name,
        // Distinct keys, so a duplicated key in the referenced table does not multiply this table's rows.
        join: `LEFT JOIN (SELECT DISTINCT ${ident(ref.column)} AS k FROM ${ident(ref.table)}) AS ${alias} ON ${alias}.k = ${c}`,
        bad: `${c} IS NOT NULL AND ${alias}.k IS NULL`,
        value: c,
        describe: (v) => `column "${column.name}": ${fmt(v)} does not match any ${ref.table}.${ref.column}`
      });
    }
  }

  // Keys are unique. Every duplicate after the first occurrence is reported at its own row. The keys seen more than
  // once are found by grouping (which DuckDB can spill to disk) rather than by a window over the whole table's rows,
  // which must hold them all in memory: at 10,000,000 snapshots, more than a 3 GB memory limit allows.
  const keyCols = spec.key.map(ident);
  checks.push({
    table: spec.name,
    column: spec.key.join(', '),
    join: `LEFT JOIN (SELECT ${keyCols.join(', ')}, min(rowid) + 1 AS first_row FROM ${ident(spec.name)} WHERE ${keyCols.map((k) => `${k} IS NOT NULL`).join(' AND ')} GROUP BY ALL HAVING count(*) > 1) AS dup ON ${keyCols.map((k) => `dup.${k} = t.${k}`).join(' AND ')}`,
    bad: `dup.first_row IS NOT NULL AND ${row} <> dup.first_row`,
    value: 'dup.first_row',
    numeric: true,
    describe: (first) => `duplicate key ${spec.key.join(', ')} (first seen at row ${fmt(first)})`
  });

  const ordered = (from: string, to: string, strict: boolean) => {
    if (!spec.columns.some((c) => c.name === from) || !spec.columns.some((c) => c.name === to)) return;
    checks.push({
      table: spec.name,
      column: `${from}, ${to}`,
      bad: `t.${ident(from)} ${strict ? '>=' : '>'} t.${ident(to)}`,
      value: `CAST(t.${ident(from)} AS VARCHAR) || ' / ' || CAST(t.${ident(to)} AS VARCHAR)`,
      describe: (v) => `${from} must be ${strict ? 'before' : 'on or before'} ${to} (got ${v})`
    });
  };
  ordered('first_tracked', 'last_verified', false);
  ordered('valid_from', 'valid_to', true);

  if (spec.name === 'provisions') {
    if (present.has('documents')) {
      // One row per document id (a duplicated id is reported by the documents' own key check).
      checks.push({
        table: 'provisions',
        column: 'platform_id',
        join: 'LEFT JOIN (SELECT document_id, min(platform_id) AS platform_id FROM documents GROUP BY document_id) AS doc ON doc.document_id = t.document_id',
        bad: 'doc.platform_id <> t.platform_id',
        value: `t.platform_id || ' / ' || doc.platform_id`,
        describe: (v) => `platform_id differs from its document's platform (provision / document: ${v})`
      });
    }
    checks.push({
      table: 'provisions',
      column: 'removed_at',
      bad: `t.status = 'active' AND t.removed_at IS NOT NULL`,
      value: 'CAST(t.removed_at AS VARCHAR)',
      describe: (v) => `removed_at is set (${v}) but status is "active"`
    });
  }

  if (spec.name === 'clause_terms') {
    checks.push({
      table: 'clause_terms',
      column: 'tf, positions',
      bad: 't.tf <> len(t.positions)',
      value: `CAST(t.tf AS VARCHAR) || ' / ' || CAST(len(t.positions) AS VARCHAR)`,
      describe: (v) => `tf must be the number of positions (tf / positions: ${v})`
    });
  }

  if (spec.name === 'provision_versions') {
    if (present.has('provisions')) {
      checks.push({
        table: 'provision_versions',
        column: 'platform_id, category_id',
        join:
          'LEFT JOIN (SELECT record_id, min(platform_id) AS platform_id, min(category_id) AS category_id FROM provisions GROUP BY record_id) AS prov ON prov.record_id = t.record_id',
        bad: 't.platform_id <> prov.platform_id OR t.category_id <> prov.category_id',
        value: `t.platform_id || '/' || t.category_id || ' vs ' || prov.platform_id || '/' || prov.category_id`,
        describe: (v) => `platform/category differ from the provision's (${v})`
      });
    }
    // Versions of one record must not overlap: ordered by valid_from, each starts at or after the previous ends. The
    // window runs over the few columns it needs and is joined back by rowid, so the wide rows are never held for it.
    checks.push({
      table: 'provision_versions',
      column: 'valid_from, valid_to',
      join: `LEFT JOIN (SELECT rowid AS rid, lag(coalesce(valid_to, 'infinity'::TIMESTAMP)) OVER w AS prev_to, lag(version) OVER w AS prev_version
        FROM provision_versions WHERE valid_from IS NOT NULL WINDOW w AS (PARTITION BY record_id ORDER BY valid_from, version)) AS ov ON ov.rid = t.rowid`,
      bad: 'ov.prev_to > t.valid_from',
      value: `'version ' || CAST(ov.prev_version AS VARCHAR)`,
      describe: (v) => `overlaps ${v} of the same record (versions must not overlap in time)`
    });
  }
  return checks;
}

/**
 * All of a table's checks in one statement, one scan of the table: each check becomes a column that is null for a
 * row that passes it and `{c: check, v: value}` for one that breaks it; the breaking rows are grouped per check and
 * value, and at most `limit` groups per check are returned (`total` counts them all). Rows are numbered by `rowid`
 * (the loaders keep file order, so that is the file's row).
 */
function tableCheckQuery(spec: TableSpec, checks: readonly RowCheck[], limit: number): string {
  const flags = checks.map(
    (check, i) => `CASE WHEN coalesce(${check.bad}, false) THEN {'c': ${i}, 'v': CAST(${check.value} AS VARCHAR)} END AS "#${i}"`
  );
  const joins = checks.flatMap((check) => (check.join ? [check.join] : []));
  const names = checks.map((_, i) => `"#${i}"`);
  return `WITH flagged AS (
  SELECT t.rowid + 1 AS "#row", ${keyExpr(spec)} AS "#key",
    ${flags.join(',\n    ')}
  FROM ${ident(spec.name)} t
  ${joins.join('\n  ')}
),
bad AS (
  SELECT "#row" AS row_number, "#key" AS key, unnest(list_filter([${names.join(', ')}], x -> x IS NOT NULL)) AS f
  FROM flagged WHERE ${names.map((n) => `${n} IS NOT NULL`).join(' OR ')}
),
grouped AS (
  SELECT f.c AS check_index, f.v AS value, count(*) AS n, min(row_number) AS first_row, arg_min(key, row_number) AS first_key
  FROM bad GROUP BY f.c, f.v
)
SELECT check_index, first_row AS row_number, first_key AS key, value, n, count(*) OVER (PARTITION BY check_index) AS total
FROM grouped
QUALIFY row_number() OVER (PARTITION BY check_index ORDER BY first_row) <= ${Number(limit)}
ORDER BY check_index, first_row`;
}

export interface CheckOptions {
  /** Problems listed per check (default 20); the rest are counted in `more`. */
  limit?: number;
  /**
   * Tables known to be incomplete (their input could not be read whole): foreign keys into them are not checked, so
   * one unreadable file is one problem rather than thousands of dangling references.
   */
  incomplete?: ReadonlySet<TableName>;
  /**
   * Whether `rowid` is the row's position in its file (true for tables loaded from Parquet or builder input). Tables
   * of the engine file are sorted for the views, so their problems name keys only. @default true
   */
  rowNumbers?: boolean;
}

/**
 * Runs every row-level check over the loaded tables, one statement (one scan) per table. Tables not in `present` are
 * skipped (optional tables), and so are foreign keys into them. Rows failing a check with the same value are one
 * problem with a count: fifty platforms whose website is "None" are one line, not fifty.
 */
export async function runChecks(
  run: SqlRunner,
  present: ReadonlySet<TableName>,
  options: CheckOptions | number = {}
): Promise<CheckResult> {
  const { limit = EXAMPLES_PER_CHECK, incomplete = new Set<TableName>(), rowNumbers = true } =
    typeof options === 'number' ? { limit: options } : options;
  const referable = new Set([...present].filter((t) => !incomplete.has(t)));
  const problems: Problem[] = [];
  let more = 0;
  for (const spec of TABLES) {
    if (!present.has(spec.name)) continue;
    const checks = rowChecks(spec, present, referable);
    const rows = await run(tableCheckQuery(spec, checks, limit));
    const shown = new Map<number, number>();
    for (const r of rows) {
      const index = Number(r.check_index);
      const check = checks[index]!;
      if (!shown.has(index)) more += Number(r.total);
      shown.set(index, (shown.get(index) ?? 0) + 1);
      more -= 1;
      const count = Number(r.n);
      const value = r.value == null ? null : check.numeric ? Number(r.value) : r.value;
      problems.push({
        table: check.table,
        row: !rowNumbers || r.row_number == null ? undefined : Number(r.row_number),
        column: check.column,
        key: r.key == null ? undefined : String(r.key),
        message: check.describe(value),
        ...(count > 1 ? { count } : {})
      });
    }
  }
  return { problems, more };
}

/**
 * Identifies this code's checks: a hash of every check's SQL for every table. An export whose engine file records
 * the same id was checked by exactly these rules when it was written, so the app need not run them again; any change
 * to the contract or its checks changes the id.
 */
export function checksId(): string {
  const all = new Set<TableName>(TABLES.map((t) => t.name));
  const text = TABLES.flatMap((spec) => rowChecks(spec, all, all).map((c) => [c.table, c.column, c.bad, c.value, c.join ?? ''].join('\u0001'))).join('\u0002');
  return fnv1a64(text);
}

/** FNV-1a, 64 bits, as 16 hex digits: a stable fingerprint of text (not a security measure). */
function fnv1a64(text: string): string {
  let hash = 0xcbf29ce484222325n;
  for (const byte of new TextEncoder().encode(text)) {
    hash ^= BigInt(byte);
    hash = (hash * 0x100000001b3n) & 0xffffffffffffffffn;
  }
  return hash.toString(16).padStart(16, '0');
}

/** " (12 rows like it, this is the first)" for a grouped problem, "" for a single row. */
export function countSuffix(p: Problem, unit = 'rows'): string {
  return p.count !== undefined && p.count > 1 ? ` (${p.count} ${unit} like this; the first is shown)` : '';
}

/** Required tables missing from a set of present ones. */
export function missingTables(present: ReadonlySet<TableName>): TableName[] {
  return TABLES.filter((t) => !t.optional && !present.has(t.name)).map((t) => t.name);
}

/** "provisions.parquet row 17 (record_id CA-P-1), severity: …" — one line a problem, for people. */
export function formatProblem(p: Problem, file?: string): string {
  const where = [file ?? p.table];
  if (p.row !== undefined) where.push(`row ${p.row}`);
  const spec = TABLES.find((t) => t.name === p.table);
  const keyPart = p.key !== undefined && spec ? ` (${spec.key.join(', ')} ${JSON.stringify(p.key)})` : '';
  return `${where.join(' ')}${keyPart}: ${p.message}${countSuffix(p)}`;
}

export type { ColumnSpec };
