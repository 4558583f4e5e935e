/**
 * Queries to start from in the SQL console, written for the loaded export: its own busiest platform and category,
 * the regulations it cites, whether it has a history, captures, ratings, the source's own ratings, rule-found
 * provisions, provisions without a document. An example is offered only when the export holds what it asks about,
 * so each one returns rows (tested on the fixture, the demo and ToS;DR- and OTA-shaped exports).
 *
 * Values from the export (ids, a regulation's name) go into the SQL the analyst sees and runs, so they are written
 * as SQL string literals, quotes doubled (`sqlString`): never spliced raw. The console takes no bound parameters.
 */

export interface ExampleQuery {
  name: string;
  sql: string;
}

/** An id and the name it is shown by. */
export interface Named {
  id: string;
  name: string;
}

/** What the examples need to know of the loaded export (`loadExportProfile`). */
export interface ExportProfile {
  /** Active provisions. */
  active: number;
  /** Active provisions with a severity. */
  rated: number;
  /** The platform with the most active provisions. */
  topPlatform: Named | null;
  /** The category with the most active provisions. */
  topCategory: Named | null;
  /** Regulations cited by active provisions (distinct values). */
  regulations: number;
  /**
   * The category and regulation with the most critical or high active provisions that cite the regulation and list
   * no opt-out among their user actions (the demo's "GDPR Art. 6 with no opt-out" question, for any export).
   */
  severeCitation: { category: Named; regulation: string } | null;
  /** Versions with a start date (0 without a provision_versions table). */
  datedVersions: number;
  /** Captures (0 without a snapshots table). */
  snapshots: number;
  documents: number;
  /** Provisions carrying the source's own rating (v1.1). */
  sourceRatings: number;
  /** Provisions found by a text rule (classified_by = 'rule'). */
  ruleFound: number;
  /** Provisions whose source names no document. */
  unnamedDocuments: number;
}

/** A value as a SQL string literal: single quotes around it, every single quote inside doubled. */
export function sqlString(value: string): string {
  if (value.includes('\u0000')) throw new Error('A SQL string literal cannot hold a NUL character');
  return `'${value.replaceAll("'", "''")}'`;
}

/** "Lists no opt-out among its user actions", over the provisions aliased `v`: the example and the profile share it. */
export const NO_OPT_OUT_SQL = `NOT list_bool_or([a ILIKE '%opt%out%' FOR a IN coalesce(v.user_actions, [])])`;

const PER_PLATFORM: ExampleQuery = {
  name: 'Provisions per platform and severity',
  sql: `SELECT p.name AS platform, coalesce(v.severity, 'unrated') AS severity, count(*) AS provisions
FROM provisions v
JOIN platforms p USING (platform_id)
WHERE v.status = 'active'
GROUP BY ALL
ORDER BY platform, provisions DESC;`
};

const PER_CATEGORY: ExampleQuery = {
  name: 'Provisions and platforms per category',
  sql: `SELECT c.group_name, c.name AS category, count(v.record_id) AS provisions,
       count(DISTINCT v.platform_id) AS platforms
FROM categories c
LEFT JOIN provisions v ON v.category_id = c.category_id AND v.status = 'active'
GROUP BY ALL
ORDER BY provisions DESC, category;`
};

const SUMMARIZE: ExampleQuery = { name: 'Summarize a table', sql: `SUMMARIZE provisions;` };

/** Examples that need nothing of the export but its tables: shown until the export's own are known. */
export const GENERIC_EXAMPLES: readonly ExampleQuery[] = [PER_PLATFORM, PER_CATEGORY, SUMMARIZE];

/** The opening query of an empty console. */
export const FIRST_EXAMPLE: ExampleQuery = PER_PLATFORM;

/** The examples for an export, in the order shown; each only when the export holds what it asks about. */
export function examplesFor(profile: ExportProfile): ExampleQuery[] {
  const out: ExampleQuery[] = [];
  if (profile.active > 0) out.push(PER_PLATFORM, PER_CATEGORY);
  if (profile.topPlatform) {
    out.push({
      name: `Every provision of ${profile.topPlatform.name}`,
      sql: `SELECT c.name AS category, v.title, coalesce(v.severity, 'unrated') AS severity, v.status, v.record_id
FROM provisions v
JOIN categories c USING (category_id)
WHERE v.platform_id = ${sqlString(profile.topPlatform.id)}
ORDER BY v.status, array_position(['critical', 'high', 'medium', 'low', 'info'], v.severity) NULLS LAST, category;`
    });
  }
  if (profile.topCategory) {
    out.push({
      name: `${profile.topCategory.name}: each platform’s provisions`,
      sql: `SELECT p.name AS platform, coalesce(v.severity, 'unrated') AS severity, v.title, v.clause_text
FROM provisions v
JOIN platforms p USING (platform_id)
WHERE v.category_id = ${sqlString(profile.topCategory.id)}
  AND v.status = 'active'
ORDER BY platform, array_position(['critical', 'high', 'medium', 'low', 'info'], v.severity) NULLS LAST;`
    });
  }
  if (profile.severeCitation) {
    const { category, regulation } = profile.severeCitation;
    out.push({
      name: `Critical or high ${category.name} clauses citing ${regulation} with no opt-out`,
      sql: `SELECT p.name AS platform, v.record_id, v.title, v.severity, v.regulations, v.user_actions
FROM provisions v
JOIN platforms p USING (platform_id)
WHERE v.status = 'active'
  AND v.category_id = ${sqlString(category.id)}
  AND v.severity IN ('critical', 'high')
  AND list_contains(v.regulations, ${sqlString(regulation)})
  AND ${NO_OPT_OUT_SQL}
ORDER BY platform;`
    });
  }
  if (profile.rated > 0) {
    out.push({
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
    });
  }
  if (profile.sourceRatings > 0) {
    out.push({
      name: 'The source’s own ratings beside severity and polarity',
      sql: `SELECT source_rating, coalesce(severity, 'unrated') AS severity, polarity, count(*) AS provisions
FROM provisions
WHERE source_rating IS NOT NULL
GROUP BY ALL
ORDER BY provisions DESC;`
    });
  }
  if (profile.ruleFound > 0) {
    out.push({
      name: 'Provisions found by each text rule',
      sql: `SELECT classification_rule, c.name AS category, count(*) AS provisions,
       count(DISTINCT v.platform_id) AS platforms
FROM provisions v
JOIN categories c USING (category_id)
WHERE v.classified_by = 'rule'
GROUP BY ALL
ORDER BY provisions DESC;`
    });
  }
  if (profile.unnamedDocuments > 0) {
    out.push({
      name: 'Provisions whose source names no document',
      sql: `SELECT p.name AS platform, v.record_id, v.title, v.status
FROM provisions v
JOIN platforms p USING (platform_id)
WHERE v.document_id IS NULL
ORDER BY platform, v.record_id;`
    });
  }
  if (profile.regulations > 0) {
    out.push({
      name: 'Regulations cited, by how many platforms',
      sql: `SELECT regulation, count(DISTINCT platform_id) AS platforms, count(*) AS provisions
FROM (SELECT platform_id, unnest(regulations) AS regulation FROM provisions WHERE status = 'active')
GROUP BY regulation
ORDER BY platforms DESC, regulation;`
    });
  }
  if (profile.datedVersions > 0) {
    out.push({
      name: 'Changes per month (from provision history)',
      sql: `SELECT date_trunc('month', valid_from)::DATE AS month, change_kind, count(*) AS changes
FROM provision_versions
WHERE valid_from IS NOT NULL
GROUP BY ALL
ORDER BY month, change_kind;`
    });
  }
  if (profile.snapshots > 0) {
    out.push({
      name: 'Captures per document, latest first',
      sql: `SELECT p.name AS platform, d.title, count(*) AS captures,
       min(s.captured_at) AS first_capture, max(s.captured_at) AS last_capture,
       count(*) FILTER (WHERE s.changed) AS changed
FROM snapshots s
JOIN documents d USING (document_id)
JOIN platforms p USING (platform_id)
GROUP BY ALL
ORDER BY last_capture DESC, platform;`
    });
  }
  if (profile.documents > 0) {
    out.push({
      name: 'Documents, least recently verified first',
      sql: `SELECT d.document_id, p.name AS platform, d.title, d.doc_type, d.last_verified
FROM documents d
JOIN platforms p USING (platform_id)
ORDER BY d.last_verified NULLS FIRST, platform;`
    });
  }
  out.push(SUMMARIZE);
  return out;
}
