/**
 * The citation rule (`citation-rules.ts`, data/regulations/README.md) as SQL, so views group and filter by the
 * normalised names inside the engine. Only the distinct spellings of an export are parsed (a few hundred, even at a
 * million provisions), then joined back to the provisions.
 *
 * The rule's data is the repository's own (checked to hold only letters, digits, spaces and a few punctuation
 * marks), so it is written into the SQL as literals; nothing an analyst types is.
 */
import { CITATION_RULES, type CitationRules, type NamedAliases } from './citation-rules';

/** A SQL string literal of checked rule data. */
function literal(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

/**
 * The regular expression (RE2, also valid in JavaScript) that splits a citation: the law (group 1), then after a space,
 * comma or semicolon a unit word with an optional dot (group 2), then the number (group 3, e.g. "6", "1798.100",
 * "2-719", "6a"). What follows the number — "(1)(e)", "para. 11" — is not part of the name. Case-insensitive.
 */
export function citationPattern(rules: CitationRules = CITATION_RULES): string {
  const words = rules.units.flatMap((u) => u.spellings).sort((a, b) => b.length - a.length || (a < b ? -1 : 1));
  return `^(.+?)[ ,;]+(${words.join('|')})\\.?[ ]*([0-9]+[a-z]?(?:[.-][0-9]+[a-z]?)*)`;
}

/** `VALUES` of (lower-case spelling, name) for a list of names with aliases. */
function aliasValues(named: readonly NamedAliases[]): string {
  const pairs = named.flatMap((n) => [n.name, ...n.aliases].map((s) => `(${literal(s.toLowerCase())}, ${literal(n.name)})`));
  return `(VALUES ${pairs.join(', ')}) AS alias(spelling, name)`;
}

/** As written, with runs of white space made one space and the ends trimmed. */
const tidy = (expr: string) => `trim(regexp_replace(${expr}, '\\s+', ' ', 'g'))`;

/**
 * A subquery of every (provision, citation) pair: `record_id`, `written` (the spelling, tidied), `law` (normalised
 * name of the law) and `name` (law and article: "GDPR Art. 6"; the law alone when no article is recognised). `list`
 * is the provisions column: 'regulations' or 'agencies' (agencies have no articles: `law` = `name`).
 */
export function citationsSql(list: 'regulations' | 'agencies', rules: CitationRules = CITATION_RULES): string {
  const pairs = `SELECT DISTINCT p.record_id, ${tidy('w.spelling')} AS written
    FROM provisions AS p CROSS JOIN unnest(p.${list}) AS w(spelling)
    WHERE w.spelling IS NOT NULL`;
  if (list === 'agencies') {
    return `SELECT c.record_id, c.written, coalesce(alias.name, c.written) AS law, coalesce(alias.name, c.written) AS name
  FROM (${pairs}) AS c
  LEFT JOIN ${aliasValues(rules.agencies)} ON alias.spelling = lower(c.written)
  WHERE c.written <> ''`;
  }
  const pattern = literal(citationPattern(rules));
  const units = rules.units.flatMap((u) => {
    const [before, after] = u.format.split('{n}') as [string, string];
    return u.spellings.map((s) => `WHEN ${literal(s)} THEN ${literal(before)} || lower(m.parts.num) || ${literal(after)}`);
  });
  return `SELECT c.record_id, c.written, n.law, n.name
  FROM (${pairs}) AS c
  JOIN (
    SELECT x.written, coalesce(alias.name, x.law_written) AS law,
      CASE WHEN x.reference IS NULL THEN coalesce(alias.name, x.law_written)
        ELSE coalesce(alias.name, x.law_written) || ' ' || x.reference END AS name
    FROM (
      SELECT m.written,
        CASE WHEN m.whole THEN regexp_replace(m.written, '[ ,;:]+$', '') ELSE regexp_replace(m.parts.law, '[ ,;:]+$', '') END
          AS law_written,
        CASE WHEN NOT m.whole THEN CASE lower(m.parts.unit) ${units.join(' ')} END END AS reference
      FROM (
        -- No unit, or nothing but punctuation before it: the whole citation is the law's name.
        SELECT e.written, e.parts, e.parts.unit = '' OR regexp_replace(e.parts.law, '[ ,;:]+$', '') = '' AS whole
        FROM (
          SELECT s.written, regexp_extract(s.written, ${pattern}, ['law', 'unit', 'num'], 'i') AS parts
          FROM (SELECT DISTINCT written FROM (${pairs}) WHERE written <> '') AS s
        ) AS e
      ) AS m
    ) AS x
    LEFT JOIN ${aliasValues(rules.regulations)} ON alias.spelling = lower(x.law_written)
  ) AS n ON n.written = c.written`;
}
