/**
 * The SQL side of `$lib/format/sort-name`: lists the engine orders and pages (platform lists, strips) put junk names
 * (" Foo", "!Bar", "[SPAM] Baz") where their first letter or digit says, not before "A". DuckDB has no locale
 * collation without the ICU extension (which the app does not load), so the key is lower-cased with accents removed:
 * the order of letters matches the collation's for the names sources hold; names without a letter or digit go last.
 */

/** `ORDER BY` terms for a name column (a trusted expression, e.g. `pl.name`): by its sort key, then as written. */
export function nameOrderSql(expr: string): string {
  if (!/^[a-z_][a-z0-9_]*(\.[a-z_][a-z0-9_]*)?$/.test(expr)) throw new Error(`Not a column: ${expr}`);
  return `lower(strip_accents(nullif(regexp_replace(${expr}, '^[^\\pL\\pN]+', ''), ''))) NULLS LAST, ${expr}`;
}
