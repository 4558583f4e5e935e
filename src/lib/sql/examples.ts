/** Queries to start from, one per kind of question; each runs on any export that follows the contract (tested in Node). */

export interface ExampleQuery {
  name: string;
  sql: string;
}

export const EXAMPLE_QUERIES: readonly ExampleQuery[] = [
  {
    name: 'Provisions per platform and severity',
    sql: `SELECT p.name AS platform, coalesce(v.severity, 'unrated') AS severity, count(*) AS provisions
FROM provisions v
JOIN platforms p USING (platform_id)
WHERE v.status = 'active'
GROUP BY ALL
ORDER BY platform, provisions DESC;`
  },
  {
    name: 'High-severity training clauses citing GDPR Art. 6 with no opt-out',
    sql: `SELECT p.name AS platform, v.record_id, v.title, v.severity, v.regulations, v.user_actions
FROM provisions v
JOIN platforms p USING (platform_id)
WHERE v.category_id = 'ai_training_data'
  AND v.severity IN ('critical', 'high')
  AND list_contains(v.regulations, 'GDPR Art. 6')
  AND NOT list_bool_or([a ILIKE '%opt%out%' FOR a IN coalesce(v.user_actions, [])])
ORDER BY platform;`
  },
  {
    name: 'Categories most often rated critical or high',
    sql: `SELECT c.name AS category, c.group_name,
       count(*) FILTER (WHERE v.severity IN ('critical', 'high')) AS critical_or_high,
       count(*) AS provisions,
       round(100.0 * critical_or_high / provisions, 1) AS share_pct
FROM provisions v
JOIN categories c USING (category_id)
WHERE v.status = 'active'
GROUP BY ALL
ORDER BY critical_or_high DESC, category;`
  },
  {
    name: 'Changes per month (from provision history)',
    sql: `SELECT date_trunc('month', valid_from)::DATE AS month, change_kind, count(*) AS changes
FROM provision_versions
WHERE valid_from IS NOT NULL
GROUP BY ALL
ORDER BY month, change_kind;`
  },
  {
    name: 'Documents not verified in the last 90 days',
    sql: `SELECT d.document_id, p.name AS platform, d.title, d.doc_type, d.last_verified
FROM documents d
JOIN platforms p USING (platform_id)
WHERE d.last_verified IS NULL OR d.last_verified < now()::TIMESTAMP - INTERVAL 90 DAY
ORDER BY d.last_verified NULLS FIRST;`
  },
  {
    name: 'Regulations cited, by how many platforms',
    sql: `SELECT regulation, count(DISTINCT platform_id) AS platforms, count(*) AS provisions
FROM (SELECT platform_id, unnest(regulations) AS regulation FROM provisions WHERE status = 'active')
GROUP BY regulation
ORDER BY platforms DESC, regulation;`
  },
  {
    name: 'Summarize a table',
    sql: `SUMMARIZE provisions;`
  }
];
