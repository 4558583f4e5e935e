/**
 * The statements behind "Open in SQL console" links that `viewQueries` does not send: search (results and facets),
 * the regulation matrix, its cell panel and listing, and the agencies pages, with arguments read from the export's
 * own data (its words, regulations and agencies) so each returns rows on a real export.
 */
import type { NodeDb } from '../../scripts/lib/duckdb-node';
import type { Manifest } from '../../src/lib/contract/schema';
import { citedNamesQuery, citingProvisionsQuery, PIVOT_AXES, regulationCellsQuery, remitQuery } from '../../src/lib/queries/regulations';
import { searchFacetsQuery, searchResultsQuery, searchStatsQuery, type SearchMode, type SearchSpec } from '../../src/lib/queries/search';
import { NO_FILTER } from '../../src/lib/queries/version-filters';
import { parseQuery } from '../../src/lib/search/parse-query';
import type { NamedQuery } from './view-queries';

export async function linkedQueries(db: NodeDb, manifest: Manifest): Promise<NamedQuery[]> {
  const out: NamedQuery[] = [];
  const add = (name: string, query: NamedQuery['query']) => out.push({ name, query });
  const hasVersions = manifest.tables.provision_versions !== undefined;
  const [range] = hasVersions ? await db.query("SELECT strftime(max(valid_from), '%Y-%m-%d') AS last FROM provision_versions") : [];
  const days = [null, ...(range?.last ? [String(range.last)] : [])];

  // Regulations and agencies: every axis and day, the first names each list cites.
  for (const asOf of days) {
    for (const by of PIVOT_AXES) add(`regulation matrix by ${by} ${asOf ?? 'today'}`, regulationCellsQuery({ asOf, by }));
    for (const list of ['regulations', 'agencies'] as const) {
      add(`${list} named ${asOf ?? 'today'}`, citedNamesQuery({ asOf, list }));
      const names = (await db.query(...sqlOf(citedNamesQuery({ asOf, list })))).slice(0, 2).map((r) => String(r.name));
      for (const name of [...names, "no such 'name' ?"]) {
        add(`${list} citing ${name} ${asOf ?? 'today'}`, citingProvisionsQuery({ asOf, list, name }));
        add(`${list} remit ${name} ${asOf ?? 'today'}`, remitQuery({ asOf, list, name }));
        const [cell] = await db.query(...sqlOf(citingProvisionsQuery({ asOf, list, name })));
        if (cell) {
          add(`${list} cell ${name} × platform`, citingProvisionsQuery({ asOf, list, name, column: { by: 'platform', id: String(cell.platform_id) } }));
          add(`${list} cell ${name} × category`, citingProvisionsQuery({ asOf, list, name, column: { by: 'category', id: String(cell.category_id) } }));
        }
      }
    }
  }
  return [...out, ...(await searchQueries(db))];
}

const sqlOf = (q: NamedQuery['query']): [string, readonly unknown[]] => [q.sql, q.params];

/** Search: ranked (when the export has the index) and substring, for words of the export's titles and odd input. */
async function searchQueries(db: NodeDb): Promise<NamedQuery[]> {
  const titles = (await db.query('SELECT title FROM provisions ORDER BY record_id LIMIT 3')).map((r) => String(r.title));
  const words = titles.map((t) => t.split(/\s+/)[0] ?? '').filter((w) => w.length > 2);
  const texts = [...words, `"${titles[0] ?? 'data'}"`, `${words[0] ?? 'dat'}*`, "o'brien -- /* data? */ \\"];
  const indexed = (await db.query("SELECT count(*) AS n FROM information_schema.tables WHERE table_name = 'clause_terms'"))[0]?.n !== 0;
  const modes: SearchMode[] = [{ kind: 'substring' }];
  if (indexed) {
    const [row] = await db.query(searchStatsQuery().sql);
    modes.push({ kind: 'bm25', stats: { documents: Number(row!.documents), tokens: Number(row!.tokens) } });
  }
  const out: NamedQuery[] = [];
  for (const text of texts) {
    const units = parseQuery(text).units;
    if (units.length === 0) continue;
    const spec: SearchSpec = { units, filter: NO_FILTER, from: null, to: null };
    for (const mode of modes) {
      out.push({ name: `search ${mode.kind} ${text}`, query: searchResultsQuery(spec, mode, { limit: 25, offset: 0 }) });
      out.push({ name: `search facets ${mode.kind} ${text}`, query: searchFacetsQuery(spec, mode) });
    }
  }
  return out;
}
