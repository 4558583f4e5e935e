/**
 * Platform vs platform (`/platforms/compare?ids=a,b`): two to four platforms side by side in every category — today,
 * or as of a past day.
 *
 * `platformCompareQuery` returns every category of the export (absence is an answer: a category where one platform
 * has a provision and the other has none is what an analyst looks for), with one row per provision of the chosen
 * platforms in scope, and ONE ROW WITH NULL PROVISION COLUMNS for a category where none of them has one. Which
 * provisions are in scope is `scopedProvisionsSql`, the rule compare and matrix share: the active provisions today,
 * the versions in force at the end of the day as of a past day. `foldPlatformCompare` turns the flat rows into one
 * entry per category holding one cell per platform, in the order the URL names them.
 *
 * `comparedPlatformsQuery` says which of the asked ids exist and, as of a past day, whether each was tracked by then
 * (`tracked.ts`): a platform the source began to follow later is "not tracked yet", not "has none".
 *
 * Every id is a bound parameter; identifiers and constants come from the contract.
 */
import type { Param, Query } from '../db/types';
import type { Row } from '../db/values';
import type { CompareProvision } from './compare';
import { nullableStringCell, stringCell } from './cells';
import { readPlatformOption, type PlatformOptionRow } from './platform-options';
import { scopedProvisionsSql } from './scoped-provisions';
import { severityKey, severityOrderSql, SEVERITY_KEYS, type SeverityKey } from './severity';
import { trackedByDay } from './tracked';

/** Fewest and most platforms compared side by side. */
export const MIN_COMPARED = 2;
export const MAX_COMPARED = 4;

export interface PlatformCompareSpec {
  /** Platform ids in the order of the columns. */
  platforms: readonly string[];
  /** 'YYYY-MM-DD' (end of that UTC day), or null for the export's latest state. */
  asOf: string | null;
}

function checkIds(ids: readonly string[]): void {
  if (ids.length === 0 || ids.length > MAX_COMPARED) throw new RangeError(`Compare 1 to ${MAX_COMPARED} platforms, not ${ids.length}`);
  if (new Set(ids).size !== ids.length) throw new Error(`A platform is named twice: ${ids.join(', ')}`);
}

const placeholders = (n: number) => Array.from({ length: n }, () => '?').join(', ');

/** The position of a platform among the chosen ones, for the column order. */
function positionSql(column: string, ids: readonly string[]): string {
  return `CASE ${column} ${ids.map((_, i) => `WHEN ? THEN ${i}`).join(' ')} END`;
}

/**
 * Every category, by group (ungrouped last), name and id, with the chosen platforms' provisions in it, by platform
 * (URL order), worst first and record id: `{ category_id, category_name, group_name, platform_id, record_id, title,
 * severity, clause_text, document_id, document_title }` — provision columns null on the one row of a category where
 * none of the platforms has a provision.
 */
export function platformCompareQuery(spec: PlatformCompareSpec): Query {
  checkIds(spec.platforms);
  const scoped = scopedProvisionsSql({ asOf: spec.asOf, category: null, severities: [] });
  const ids = spec.platforms;
  const params: Param[] = [...scoped.params, ...ids, ...ids];
  return {
    sql: `WITH scoped AS (
  SELECT * FROM (
  ${scoped.sql}
  ) WHERE platform_id IN (${placeholders(ids.length)})
)
SELECT c.category_id, c.name AS category_name, c.group_name, s.platform_id, s.record_id, s.title, s.severity,
  s.clause_text, s.document_id, d.title AS document_title
FROM categories AS c
LEFT JOIN scoped AS s ON s.category_id = c.category_id
LEFT JOIN documents AS d ON d.document_id = s.document_id
ORDER BY c.group_name NULLS LAST, c.name, c.category_id, ${positionSql('s.platform_id', ids)}, ${severityOrderSql('s.severity')},
  s.record_id`,
    params
  };
}

/**
 * The asked platforms that exist, `{ platform_id, name, sector, jurisdiction, tracked }`, in no particular order
 * (the page keeps the URL's). `tracked` is true today; as of a past day, whether the platform was tracked by then.
 */
export function comparedPlatformsQuery(spec: PlatformCompareSpec): Query {
  checkIds(spec.platforms);
  const tracked = spec.asOf === null ? null : trackedByDay(spec.asOf, 'pl');
  return {
    sql: `SELECT pl.platform_id, pl.name, pl.sector, pl.jurisdiction, ${tracked ? tracked.sql : 'TRUE'} AS tracked
FROM platforms AS pl
WHERE pl.platform_id IN (${placeholders(spec.platforms.length)})`,
    params: [...(tracked?.params ?? []), ...spec.platforms]
  };
}

// ---- Typed rows -------------------------------------------------------------------------------------------------

export interface ComparedPlatform extends PlatformOptionRow {
  /** False as of a day before the source began to follow the platform. */
  tracked: boolean;
}

/** A provision in a cell of the comparison: what the compare view reads of one, without its dates and provenance. */
export type PvpProvision = Pick<CompareProvision, 'record_id' | 'title' | 'severity' | 'clause_text' | 'document_id' | 'document_title'>;

export interface PvpCell {
  platform_id: string;
  /** Worst first. */
  items: PvpProvision[];
  /** Worst severity of the items ('unrated' when all are unrated); null when there are none. */
  worst: SeverityKey | null;
  /** False when the platform was not tracked yet on the day shown (its cell is then empty by definition). */
  tracked: boolean;
}

/**
 * How the tracked platforms stand in a category: every one has a provision (`all`), some have one and some none
 * (`some` — the gaps an analyst looks for), or none has one (`none`).
 */
export type Coverage = 'all' | 'some' | 'none';

export interface PvpCategory {
  category_id: string;
  name: string;
  group_name: string | null;
  /** One per compared platform, in the order asked. */
  cells: PvpCell[];
  coverage: Coverage;
  /** The tracked platforms that have provisions here do not all share one worst severity, or coverage is `some`. */
  differs: boolean;
}

export function readComparedPlatforms(rows: readonly Row[]): ComparedPlatform[] {
  const what = 'compared platforms';
  return rows.map((row) => {
    if (typeof row.tracked !== 'boolean') throw new Error(`${what}: column "tracked" should be a boolean, got ${JSON.stringify(row.tracked)}`);
    return { ...readPlatformOption(what, row), tracked: row.tracked };
  });
}

/** The worst of some severities on the scale (unrated only when all are); null for none. */
export function worstOf(severities: Iterable<SeverityKey>): SeverityKey | null {
  let best = Infinity;
  for (const s of severities) best = Math.min(best, SEVERITY_KEYS.indexOf(s));
  return best === Infinity ? null : SEVERITY_KEYS[best]!;
}

function coverageOf(cells: readonly PvpCell[]): { coverage: Coverage; differs: boolean } {
  const tracked = cells.filter((c) => c.tracked);
  const having = tracked.filter((c) => c.items.length > 0);
  const coverage: Coverage = having.length === 0 ? 'none' : having.length === tracked.length ? 'all' : 'some';
  const worsts = new Set(having.map((c) => c.worst));
  return { coverage, differs: coverage === 'some' || worsts.size > 1 };
}

/**
 * Folds the rows of `platformCompareQuery` (grouped by category, in order) into one entry per category with a cell
 * per platform of `platforms` (order kept; a platform missing from the export has no place here — the page says so).
 */
export function foldPlatformCompare(rows: readonly Row[], platforms: readonly ComparedPlatform[]): PvpCategory[] {
  const what = 'platform compare';
  const out: PvpCategory[] = [];
  let current: PvpCategory | null = null;
  const cellOf = new Map<string, PvpCell>();
  const finish = () => {
    if (!current) return;
    for (const cell of current.cells) cell.worst = worstOf(cell.items.map((i) => i.severity));
    Object.assign(current, coverageOf(current.cells));
  };
  for (const row of rows) {
    const category = stringCell(what, row, 'category_id');
    if (current === null || current.category_id !== category) {
      finish();
      current = {
        category_id: category,
        name: stringCell(what, row, 'category_name'),
        group_name: nullableStringCell(what, row, 'group_name'),
        cells: platforms.map((p) => ({ platform_id: p.platform_id, items: [], worst: null, tracked: p.tracked })),
        coverage: 'none',
        differs: false
      };
      cellOf.clear();
      for (const cell of current.cells) cellOf.set(cell.platform_id, cell);
      out.push(current);
    }
    const recordId = nullableStringCell(what, row, 'record_id');
    if (recordId === null) continue;
    const platform = stringCell(what, row, 'platform_id');
    const cell = cellOf.get(platform);
    if (!cell) throw new Error(`${what}: a provision of ${platform}, which is not among the platforms compared`);
    cell.items.push({
      record_id: recordId,
      title: stringCell(what, row, 'title'),
      severity: severityKey(row.severity),
      clause_text: nullableStringCell(what, row, 'clause_text'),
      document_id: nullableStringCell(what, row, 'document_id'),
      document_title: nullableStringCell(what, row, 'document_title')
    });
  }
  finish();
  return out;
}
