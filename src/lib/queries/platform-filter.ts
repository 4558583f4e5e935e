/**
 * The platform filter as SQL: which platforms a view covers. Every value is a bound parameter; the column names come
 * from the contract. Parts combine with AND, values within a part with OR; an empty part does not filter.
 */
import type { Param } from '../db/types';

export interface PlatformFilter {
  sectors: readonly string[];
  jurisdictions: readonly string[];
  /** Case-insensitive substring of the name or the id. */
  q: string;
  platforms: readonly string[];
}

export const ALL_PLATFORMS: PlatformFilter = { sectors: [], jurisdictions: [], q: '', platforms: [] };

function alias(name: string): string {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`Not a table alias: ${name}`);
  return name;
}

function inList(column: string, values: readonly string[], params: Param[]): string {
  params.push(...values);
  return `${column} IN (${values.map(() => '?').join(', ')})`;
}

/** `LIKE` pattern matching `text` anywhere, with the pattern characters of the text itself escaped. */
export function containsPattern(text: string): string {
  return `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** SQL condition over the platforms table aliased `p` (default 'pl'); 'TRUE' when nothing filters. */
export function platformFilterWhere(filter: PlatformFilter, tableAlias = 'pl'): { sql: string; params: Param[] } {
  const a = alias(tableAlias);
  const parts: string[] = [];
  const params: Param[] = [];
  if (filter.sectors.length > 0) parts.push(inList(`${a}.sector`, filter.sectors, params));
  if (filter.jurisdictions.length > 0) parts.push(inList(`${a}.jurisdiction`, filter.jurisdictions, params));
  if (filter.platforms.length > 0) parts.push(inList(`${a}.platform_id`, filter.platforms, params));
  const q = filter.q.trim();
  if (q !== '') {
    const pattern = containsPattern(q);
    parts.push(`(lower(${a}.name) LIKE ? ESCAPE '\\' OR lower(${a}.platform_id) LIKE ? ESCAPE '\\')`);
    params.push(pattern, pattern);
  }
  return { sql: parts.length === 0 ? 'TRUE' : parts.join(' AND '), params };
}

/** The same rule in plain TypeScript: for reference computations in tests and for lists in the page. */
export function matchesPlatformFilter(
  platform: { platform_id: string; name: string; sector: string | null; jurisdiction: string | null },
  filter: PlatformFilter
): boolean {
  if (filter.sectors.length > 0 && !(platform.sector !== null && filter.sectors.includes(platform.sector))) return false;
  if (filter.jurisdictions.length > 0 && !(platform.jurisdiction !== null && filter.jurisdictions.includes(platform.jurisdiction))) return false;
  if (filter.platforms.length > 0 && !filter.platforms.includes(platform.platform_id)) return false;
  const q = filter.q.trim().toLowerCase();
  if (q !== '' && !platform.name.toLowerCase().includes(q) && !platform.platform_id.toLowerCase().includes(q)) return false;
  return true;
}
