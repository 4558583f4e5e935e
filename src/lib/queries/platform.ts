/**
 * The platform pages' queries: the list of platforms, one platform with its documents, provisions and categories, and
 * its severity profile against its sector.
 *
 * Provision counts and severities describe the current state: active provisions only, as on the overview (a removed
 * provision no longer binds anyone). Removed ones are counted apart and listed with their status.
 *
 * The platform id and the search text come from the URL and are always bound parameters.
 */
import { SEVERITIES } from '../contract/schema';
import type { Query } from '../db/types';
import { contractColumns } from './provision';
import { severityOrderSql, sqlConstant, SEVERITY_KEYS, UNRATED } from './severity';
import { nameOrderSql } from './sort-name';

const ACTIVE = 'active';
const REMOVED = 'removed';

/** The severity at a position of the scale (the inverse of `severityOrderSql`); null for unrated or no position. */
function severityAtSql(positionExpr: string): string {
  const whens = SEVERITIES.map((s, i) => `WHEN ${i} THEN ${sqlConstant(s)}`).join(' ');
  return `CASE ${positionExpr} ${whens} ELSE NULL END`;
}

/**
 * Every platform with what it holds, by name: `{ platform_id, name, sector, jurisdiction, website, documents,
 * active_provisions, removed_provisions, worst_severity }`. `worst_severity` is that of its active provisions (null when
 * they are all unrated, or when it has none: `active_provisions` tells which). `search` (case-insensitive, anywhere in
 * the name, id or sector) narrows the list; empty means all.
 */
export function platformsQuery(search = ''): Query {
  const term = search.trim();
  const where = term === '' ? '' : `\nWHERE contains(lower(pl.name), lower(?)) OR contains(lower(pl.platform_id), lower(?)) OR contains(lower(coalesce(pl.sector, '')), lower(?))`;
  return {
    sql: `SELECT ${contractColumns('platforms', 'pl').join(', ')},
  coalesce(d.documents, 0) AS documents,
  coalesce(pr.active_provisions, 0) AS active_provisions,
  coalesce(pr.removed_provisions, 0) AS removed_provisions,
  ${severityAtSql('pr.worst_position')} AS worst_severity
FROM platforms AS pl
LEFT JOIN (SELECT platform_id, count(*) AS documents FROM documents GROUP BY platform_id) AS d
  ON d.platform_id = pl.platform_id
LEFT JOIN (
  SELECT platform_id,
    count(*) FILTER (WHERE status = ?) AS active_provisions,
    count(*) FILTER (WHERE status = ?) AS removed_provisions,
    min(${severityOrderSql('severity')}) FILTER (WHERE status = ?) AS worst_position
  FROM provisions GROUP BY platform_id
) AS pr ON pr.platform_id = pl.platform_id${where}
ORDER BY ${nameOrderSql('pl.name')}, pl.platform_id`,
    params: [ACTIVE, REMOVED, ACTIVE, ...(term === '' ? [] : [term, term, term])]
  };
}

/** One platform, 0 or 1 rows: its contract columns. */
export function platformQuery(platformId: string): Query {
  return {
    sql: `SELECT ${contractColumns('platforms', 'pl').join(', ')} FROM platforms AS pl WHERE pl.platform_id = ?`,
    params: [platformId]
  };
}

/**
 * The platform's documents, by title: every documents column except `platform_id`, then `active_provisions` and
 * `removed_provisions` (its provisions by status).
 */
export function platformDocumentsQuery(platformId: string): Query {
  return {
    sql: `SELECT ${contractColumns('documents', 'd', '', ['platform_id']).join(', ')},
  count(p.record_id) FILTER (WHERE p.status = ?) AS active_provisions,
  count(p.record_id) FILTER (WHERE p.status = ?) AS removed_provisions
FROM documents AS d
LEFT JOIN provisions AS p ON p.document_id = d.document_id
WHERE d.platform_id = ?
GROUP BY ALL
ORDER BY d.title, d.document_id`,
    params: [ACTIVE, REMOVED, platformId]
  };
}

/**
 * Every provision of the platform, active first, then worst severity first, category and title:
 * `{ record_id, title, category_id, category_name, category_group_name, severity, status, document_id,
 * document_title, first_tracked, last_verified, removed_at }`. A provision whose source names no document (v1.1) is
 * listed too, with null `document_id` and `document_title`.
 */
export function platformProvisionsQuery(platformId: string): Query {
  return {
    sql: `SELECT p.record_id, p.title, p.category_id, c.name AS category_name, c.group_name AS category_group_name,
  p.severity, p.status, p.document_id, d.title AS document_title, p.first_tracked, p.last_verified, p.removed_at
FROM provisions AS p
JOIN categories AS c ON c.category_id = p.category_id
LEFT JOIN documents AS d ON d.document_id = p.document_id
WHERE p.platform_id = ?
ORDER BY p.status = ? DESC, ${severityOrderSql('p.severity')}, c.name, p.title, p.record_id`,
    params: [platformId, ACTIVE]
  };
}

/**
 * The categories in which the platform has active provisions, by group (ungrouped last) and name:
 * `{ category_id, name, group_name, provisions, worst_severity }` (worst of its active provisions there; null = all
 * unrated).
 */
export function platformCategoriesQuery(platformId: string): Query {
  return {
    sql: `SELECT c.category_id, c.name, c.group_name, count(*) AS provisions,
  ${severityAtSql(`min(${severityOrderSql('p.severity')})`)} AS worst_severity
FROM provisions AS p
JOIN categories AS c ON c.category_id = p.category_id
WHERE p.platform_id = ? AND p.status = ?
GROUP BY c.category_id, c.name, c.group_name
ORDER BY c.group_name NULLS LAST, c.name, c.category_id`,
    params: [platformId, ACTIVE]
  };
}

/**
 * The platform's severity profile beside its sector's average, one row per level of the scale (worst first, unrated
 * last): `{ severity, platform_provisions, platform_share, sector_mean_share, sector_platforms, sector_platforms_total }`.
 *
 * - `platform_share` = the platform's active provisions at that level / all its active provisions (null when it has
 *   none).
 * - `sector_mean_share` = the unweighted mean, over the platforms of the same sector that have at least one active
 *   provision (the platform itself included), of each one's share at that level: every platform counts once,
 *   whatever its size. Null when no platform of the sector has an active provision, or the platform has no sector.
 * - `sector_platforms` = how many platforms that mean is over; `sector_platforms_total` = platforms in the sector
 *   (those without active provisions are not averaged: their shares are undefined, not zero).
 *
 * The shares are summed in platform order: a sum of doubles depends on the order of its terms in the last bit, and
 * the tables' own order differs between the engine file (sorted for the views) and the Parquet files.
 */
export function platformSeverityProfileQuery(platformId: string): Query {
  const levels = SEVERITY_KEYS.map((k, i) => `(${sqlConstant(k)}, ${i})`).join(', ');
  return {
    sql: `WITH me AS (SELECT platform_id, sector FROM platforms WHERE platform_id = ?),
peers AS (SELECT pl.platform_id FROM platforms AS pl JOIN me ON pl.sector = me.sector),
counted AS (
  SELECT p.platform_id, coalesce(p.severity, ${sqlConstant(UNRATED)}) AS severity, count(*) AS n
  FROM provisions AS p
  WHERE p.status = ? AND (p.platform_id IN (SELECT platform_id FROM peers) OR p.platform_id IN (SELECT platform_id FROM me))
  GROUP BY ALL
),
totals AS (SELECT platform_id, sum(n)::BIGINT AS total FROM counted GROUP BY platform_id),
shares AS (SELECT c.platform_id, c.severity, c.n, c.n / t.total AS share FROM counted AS c JOIN totals AS t USING (platform_id)),
averaged AS (SELECT count(*) AS platforms FROM totals WHERE platform_id IN (SELECT platform_id FROM peers))
SELECT l.severity,
  coalesce(mine.n, 0) AS platform_provisions,
  CASE WHEN (SELECT total FROM totals WHERE platform_id = (SELECT platform_id FROM me)) IS NULL THEN NULL
       ELSE coalesce(mine.share, 0) END AS platform_share,
  CASE WHEN averaged.platforms = 0 THEN NULL
       ELSE coalesce((SELECT sum(s.share ORDER BY s.platform_id) FROM shares AS s
                      WHERE s.severity = l.severity AND s.platform_id IN (SELECT platform_id FROM peers)), 0) / averaged.platforms
  END AS sector_mean_share,
  averaged.platforms AS sector_platforms,
  (SELECT count(*) FROM peers) AS sector_platforms_total
FROM (VALUES ${levels}) AS l(severity, position)
CROSS JOIN averaged
LEFT JOIN shares AS mine ON mine.severity = l.severity AND mine.platform_id = (SELECT platform_id FROM me)
ORDER BY l.position`,
    params: [platformId, ACTIVE]
  };
}
