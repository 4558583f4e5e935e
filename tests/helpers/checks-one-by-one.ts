/**
 * The contract's checks as they ran before they were merged into one scan per table (contract v1.1, commit ceed6ba):
 * one SQL query per check. Kept verbatim as the reference the merged `runChecks` (src/lib/contract/checks.ts) must
 * agree with, problem for problem, in tests/contract/checks-merged.test.ts.
 */
import { TABLES, tableSpec, type ColumnSpec, type ColumnType, type TableName, type TableSpec } from '../../src/lib/contract/schema';

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

/** One check: a query returning the offending rows (`row_number`, `key`, `value`), and how to word each. */
interface RowCheck {
  table: TableName;
  column?: string;
  /** SELECT … FROM … WHERE <bad> ; must yield columns row_number (1-based or null), key, value. */
  sql: string;
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
  const t = ident(spec.name);
  const key = keyExpr(spec);
  const checks: RowCheck[] = [];
  const select = (valueExpr: string, where: string, from = `${t} t`) =>
    `SELECT t.rowid + 1 AS row_number, ${key} AS key, ${valueExpr} AS value FROM ${from} WHERE ${where}`;

  for (const column of spec.columns) {
    const c = `t.${ident(column.name)}`;
    if (column.required) {
      checks.push({
        table: spec.name,
        column: column.name,
        sql: select('NULL', `${c} IS NULL`),
        describe: () => `column "${column.name}" is required but empty`
      });
    }
    if (column.enum) {
      const allowed = column.enum.map(constant).join(', ');
      checks.push({
        table: spec.name,
        column: column.name,
        sql: select(c, `${c} IS NOT NULL AND ${c} NOT IN (${allowed})`),
        describe: (v) => `column "${column.name}": ${fmt(v)} is not one of ${column.enum!.join(', ')}`
      });
    }
    if (column.pattern) {
      checks.push({
        table: spec.name,
        column: column.name,
        sql: select(c, `${c} IS NOT NULL AND NOT regexp_full_match(${c}, '${column.pattern.regex.source}')`),
        describe: (v) => `column "${column.name}": ${fmt(v)} is not ${column.pattern!.description}`
      });
    }
    if (column.references && referable.has(column.references.table)) {
      const ref = column.references;
      checks.push({
        table: spec.name,
        column: column.name,
        sql: select(
          c,
          `${c} IS NOT NULL AND NOT EXISTS (SELECT 1 FROM ${ident(ref.table)} r WHERE r.${ident(ref.column)} = ${c})`
        ),
        describe: (v) => `column "${column.name}": ${fmt(v)} does not match any ${ref.table}.${ref.column}`
      });
    }
  }

  // Keys are unique. Every duplicate after the first occurrence is reported at its own row.
  const keyCols = spec.key.map((k) => `t.${ident(k)}`).join(', ');
  checks.push({
    table: spec.name,
    column: spec.key.join(', '),
    sql: `SELECT row_number, key, first_row AS value FROM (
            SELECT t.rowid + 1 AS row_number, ${key} AS key,
                   min(t.rowid + 1) OVER (PARTITION BY ${keyCols}) AS first_row
            FROM ${t} t WHERE ${spec.key.map((k) => `t.${ident(k)} IS NOT NULL`).join(' AND ')})
          WHERE row_number <> first_row`,
    describe: (first) => `duplicate key ${spec.key.join(', ')} (first seen at row ${fmt(first)})`
  });

  const ordered = (from: string, to: string, strict: boolean) => {
    if (!spec.columns.some((c) => c.name === from) || !spec.columns.some((c) => c.name === to)) return;
    checks.push({
      table: spec.name,
      column: `${from}, ${to}`,
      sql: select(
        `CAST(t.${ident(from)} AS VARCHAR) || ' / ' || CAST(t.${ident(to)} AS VARCHAR)`,
        `t.${ident(from)} ${strict ? '>=' : '>'} t.${ident(to)}`
      ),
      describe: (v) => `${from} must be ${strict ? 'before' : 'on or before'} ${to} (got ${v})`
    });
  };
  ordered('first_tracked', 'last_verified', false);
  ordered('valid_from', 'valid_to', true);

  if (spec.name === 'provisions') {
    if (present.has('documents')) {
      checks.push({
        table: 'provisions',
        column: 'platform_id',
        sql: select(
          `t.platform_id || ' / ' || d.platform_id`,
          `d.platform_id <> t.platform_id`,
          `${t} t JOIN documents d ON d.document_id = t.document_id`
        ),
        describe: (v) => `platform_id differs from its document's platform (provision / document: ${v})`
      });
    }
    checks.push({
      table: 'provisions',
      column: 'removed_at',
      sql: select(`CAST(t.removed_at AS VARCHAR)`, `t.status = 'active' AND t.removed_at IS NOT NULL`),
      describe: (v) => `removed_at is set (${v}) but status is "active"`
    });
  }

  if (spec.name === 'clause_terms') {
    checks.push({
      table: 'clause_terms',
      column: 'tf, positions',
      sql: select(`CAST(t.tf AS VARCHAR) || ' / ' || CAST(len(t.positions) AS VARCHAR)`, 't.tf <> len(t.positions)'),
      describe: (v) => `tf must be the number of positions (tf / positions: ${v})`
    });
  }

  if (spec.name === 'provision_versions') {
    if (present.has('provisions')) {
      checks.push({
        table: 'provision_versions',
        column: 'platform_id, category_id',
        sql: select(
          `t.platform_id || '/' || t.category_id || ' vs ' || p.platform_id || '/' || p.category_id`,
          `t.platform_id <> p.platform_id OR t.category_id <> p.category_id`,
          `${t} t JOIN provisions p ON p.record_id = t.record_id`
        ),
        describe: (v) => `platform/category differ from the provision's (${v})`
      });
    }
    // Versions of one record must not overlap: ordered by valid_from, each starts at or after the previous ends.
    checks.push({
      table: 'provision_versions',
      column: 'valid_from, valid_to',
      sql: `SELECT row_number, key, value FROM (
              SELECT t.rowid + 1 AS row_number, ${key} AS key,
                     lag(t.version) OVER w AS prev_version,
                     lag(coalesce(t.valid_to, 'infinity'::TIMESTAMP)) OVER w AS prev_to,
                     t.valid_from,
                     'version ' || CAST(lag(t.version) OVER w AS VARCHAR) AS value
              FROM ${t} t WHERE t.valid_from IS NOT NULL
              WINDOW w AS (PARTITION BY t.record_id ORDER BY t.valid_from, t.version))
            WHERE prev_to > valid_from`,
      describe: (v) => `overlaps ${v} of the same record (versions must not overlap in time)`
    });
  }
  return checks;
}

export interface CheckOptions {
  /** Problems listed per check (default 20); the rest are counted in `more`. */
  limit?: number;
  /**
   * Tables known to be incomplete (their input could not be read whole): foreign keys into them are not checked, so
   * one unreadable file is one problem rather than thousands of dangling references.
   */
  incomplete?: ReadonlySet<TableName>;
}

/**
 * Runs every row-level check over the loaded tables. Tables not in `present` are skipped (optional tables), and so
 * are foreign keys into them. Rows failing a check with the same value are one problem with a count: fifty
 * platforms whose website is "None" are one line, not fifty.
 */
export async function runChecks(
  run: SqlRunner,
  present: ReadonlySet<TableName>,
  options: CheckOptions | number = {}
): Promise<CheckResult> {
  const { limit = EXAMPLES_PER_CHECK, incomplete = new Set<TableName>() } = typeof options === 'number' ? { limit: options } : options;
  const referable = new Set([...present].filter((t) => !incomplete.has(t)));
  const problems: Problem[] = [];
  let more = 0;
  for (const spec of TABLES) {
    if (!present.has(spec.name)) continue;
    for (const check of rowChecks(spec, present, referable)) {
      const rows = await run(
        `WITH bad AS (${check.sql}),
         grouped AS (SELECT value, count(*) AS n, min(row_number) AS first_row, arg_min(key, row_number) AS first_key FROM bad GROUP BY value)
         SELECT first_row AS row_number, first_key AS key, value, n, count(*) OVER () AS total FROM grouped ORDER BY first_row LIMIT ${Number(limit)}`
      );
      if (rows.length === 0) continue;
      const total = Number(rows[0]!.total);
      more += total - rows.length;
      for (const r of rows) {
        const count = Number(r.n);
        problems.push({
          table: check.table,
          row: r.row_number == null ? undefined : Number(r.row_number),
          column: check.column,
          key: r.key == null ? undefined : String(r.key),
          message: check.describe(r.value),
          ...(count > 1 ? { count } : {})
        });
      }
    }
  }
  return { problems, more };
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
