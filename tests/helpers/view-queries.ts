/**
 * Every statement the views send, with arguments taken from an export's own data (its categories, platforms,
 * documents, records and history range): what a reader of the overview, compare, matrix, platform, provision,
 * timeline, changes and SQL console pages would make the app run. Used to hold the two load paths (Parquet tables in
 * memory, engine file attached) to the same answers, and by the benchmark to compare the engines on the same
 * statements.
 */
import type { NodeDb } from '../../scripts/lib/duckdb-node';
import { TABLE_NAMES, type Manifest } from '../../src/lib/contract/schema';
import type { Query } from '../../src/lib/db/types';
import { CHANGE_KINDS, changeSummaryQuery, changesCountQuery, changesQuery, type ChangeSpec } from '../../src/lib/queries/changes';
import { clauseTextsQuery } from '../../src/lib/queries/clause-texts';
import { compareCategoriesQuery, compareQuery, historyRangeQuery, platformOptionsQuery } from '../../src/lib/queries/compare';
import { matrixCategoriesQuery, matrixCellProvisionsQuery, matrixCellsQuery, matrixPlatformsQuery } from '../../src/lib/queries/matrix';
import {
  categoryCoverageQuery,
  provisionStatusQuery,
  severityByCategoryQuery,
  severityCountsQuery,
  tableRowCountsQuery
} from '../../src/lib/queries/overview';
import {
  platformCategoriesQuery,
  platformDocumentsQuery,
  platformProvisionsQuery,
  platformQuery,
  platformSeverityProfileQuery,
  platformsQuery
} from '../../src/lib/queries/platform';
import { ALL_PLATFORMS, type PlatformFilter } from '../../src/lib/queries/platform-filter';
import { comparedPlatformsQuery, platformCompareQuery } from '../../src/lib/queries/platform-compare';
import { citationRecordsQuery } from '../../src/lib/queries/citations';
import { citationSnapshotQuery, documentProvisionsQuery, provisionQuery, snapshotsQuery, versionsQuery } from '../../src/lib/queries/provision';
import type { SeverityKey } from '../../src/lib/queries/severity';
import { schemaColumnsQuery, tableSizesQuery } from '../../src/lib/queries/sql-console';
import { STRIP_SORTS, stripPlatformsQuery, stripSegmentsQuery } from '../../src/lib/queries/strips';
import {
  historyExtentQuery,
  indexCategoriesQuery,
  indexPlatformsQuery,
  severityIndexDeltasQuery,
  timelineDeltasQuery,
  versionIndexQuery
} from '../../src/lib/queries/timeline';
import { GRANULARITIES } from '../../src/lib/timeline/buckets';

export interface NamedQuery {
  /** Which view, and with what, e.g. "compare ai_training as of 2024-06-30". */
  name: string;
  query: Query;
  /** The statement has no ORDER BY: its rows are a set (the page sums them), compared in any order. */
  unordered?: boolean;
}

const strings = async (db: NodeDb, sql: string, params: unknown[] = []) => (await db.query(sql, params)).map((r) => String(Object.values(r)[0]));

/** `count` values spread over `values` (first, last and evenly between). */
function spread<T>(values: readonly T[], count: number): T[] {
  if (values.length <= count) return [...values];
  return Array.from({ length: count }, (_, i) => values[Math.round((i * (values.length - 1)) / (count - 1))]!);
}

/**
 * The view statements for the export loaded in `db` (either path: the arguments are read from the data, which is the
 * same on both). `size` bounds how many platforms, records and days are sampled; `categories` how many categories
 * the compare view is asked about (all by default).
 */
export async function viewQueries(db: NodeDb, manifest: Manifest, size = 4, categoryCount = Infinity): Promise<NamedQuery[]> {
  const hasVersions = manifest.tables.provision_versions !== undefined;
  const hasSnapshots = manifest.tables.snapshots !== undefined;
  const categories = await strings(db, 'SELECT category_id FROM categories ORDER BY category_id');
  // Spread over the ids, and the platform with the most provisions (sums over many rows show order effects first).
  const busiest = await strings(db, 'SELECT platform_id FROM provisions GROUP BY platform_id ORDER BY count(*) DESC, platform_id LIMIT 1');
  const platforms = [...new Set([...spread(await strings(db, 'SELECT platform_id FROM platforms ORDER BY platform_id'), size), ...busiest])];
  const sectors = (await strings(db, 'SELECT DISTINCT sector FROM platforms WHERE sector IS NOT NULL ORDER BY 1')).slice(0, 2);
  const records = spread(await strings(db, 'SELECT record_id FROM provisions ORDER BY record_id'), size);
  const documents = spread(await strings(db, 'SELECT document_id FROM documents ORDER BY document_id'), size);
  const [range] = hasVersions
    ? await db.query("SELECT strftime(min(valid_from), '%Y-%m-%d') AS first, strftime(max(valid_from), '%Y-%m-%d') AS last FROM provision_versions")
    : [{ first: null, last: null }];
  const first = (range?.first as string | null) ?? '2020-01-01';
  const last = (range?.last as string | null) ?? '2020-12-31';
  const middle = new Date((Date.parse(first) + Date.parse(last)) / 2).toISOString().slice(0, 10);
  const days = hasVersions ? ['2000-01-01', first, middle, last] : [];

  const platformFilters: [string, PlatformFilter][] = [
    ['all platforms', ALL_PLATFORMS],
    ...sectors.map((s): [string, PlatformFilter] => [`sector ${s}`, { ...ALL_PLATFORMS, sectors: [s] }]),
    ['name has "a"', { ...ALL_PLATFORMS, q: 'a' }],
    ['two platforms', { ...ALL_PLATFORMS, platforms: platforms.slice(0, 2) }]
  ];
  const severitySets: SeverityKey[][] = [[], ['high', 'unrated'], ['critical']];
  const out: NamedQuery[] = [];
  const add = (name: string, query: Query, unordered = false) => out.push({ name, query, ...(unordered ? { unordered } : {}) });

  // Overview (today and as of days), and the SQL console's schema browser.
  add('overview row counts', tableRowCountsQuery(TABLE_NAMES.filter((t) => manifest.tables[t])));
  for (const asOf of [null, ...days]) {
    add(`overview status ${asOf ?? 'today'}`, provisionStatusQuery(asOf));
    add(`overview severities ${asOf ?? 'today'}`, severityCountsQuery(asOf));
    add(`overview severity by category ${asOf ?? 'today'}`, severityByCategoryQuery(asOf));
    add(`overview coverage ${asOf ?? 'today'}`, categoryCoverageQuery(asOf));
  }
  add('sql console columns', schemaColumnsQuery());
  add('sql console table sizes', tableSizesQuery());

  // Compare and matrix.
  add('compare categories', compareCategoriesQuery());
  add('compare platform options', platformOptionsQuery());
  if (hasVersions) add('compare history range', historyRangeQuery());
  for (const category of spread(categories, Math.min(categoryCount, categories.length))) {
    for (const asOf of [null, ...days.slice(1)]) {
      for (const [label, filter] of platformFilters) {
        for (const severities of label === 'all platforms' ? severitySets : [[]]) {
          add(`compare ${category} ${asOf ?? 'today'} ${label} [${severities.join(',')}]`, compareQuery({ category, asOf, platforms: filter, severities }));
        }
      }
    }
  }
  add('matrix categories', matrixCategoriesQuery());
  for (const [label, filter] of platformFilters) {
    add(`matrix platforms ${label}`, matrixPlatformsQuery({ platforms: filter }));
    for (const asOf of [null, ...days.slice(1)]) add(`matrix cells ${asOf ?? 'today'} ${label}`, matrixCellsQuery({ asOf, platforms: filter }));
  }
  for (const platform of platforms) {
    for (const category of spread(categories, 3)) {
      for (const asOf of [null, ...days.slice(2)]) add(`matrix cell ${platform} ${category} ${asOf ?? 'today'}`, matrixCellProvisionsQuery({ asOf, platform, category }));
    }
  }

  // Platform pages.
  add('platforms list', platformsQuery());
  add('platforms list, search', platformsQuery('a'));
  for (const p of platforms) {
    add(`platform ${p}`, platformQuery(p));
    add(`platform ${p} documents`, platformDocumentsQuery(p));
    add(`platform ${p} provisions`, platformProvisionsQuery(p));
    add(`platform ${p} categories`, platformCategoriesQuery(p));
    add(`platform ${p} severity profile`, platformSeverityProfileQuery(p));
  }

  // Platform vs platform (today and as of days), and citations of some records.
  for (const asOf of [null, ...days.slice(1)]) {
    const spec = { platforms: platforms.slice(0, 3), asOf };
    add(`platform vs platform ${spec.platforms.join(',')} ${asOf ?? 'today'}`, platformCompareQuery(spec));
    add(`platforms compared ${asOf ?? 'today'}`, comparedPlatformsQuery(spec), true);
  }
  if (records.length > 0) add('citations', citationRecordsQuery(records, { withSnapshots: hasSnapshots }), true);

  // Provision pages.
  for (const r of records) {
    add(`provision ${r}`, provisionQuery(r));
    if (hasSnapshots) add(`provision ${r} citation`, citationSnapshotQuery(r));
    if (hasVersions) {
      add(`provision ${r} versions`, versionsQuery(r));
      add(`provision ${r} clause texts`, clauseTextsQuery(r, [1, 2, 3]));
    }
  }
  for (const d of documents) {
    if (hasSnapshots) add(`document ${d} snapshots`, snapshotsQuery(d));
    add(`document ${d} other provisions`, documentProvisionsQuery(d, records[0] ?? ''));
  }

  // Timeline, changes and strips.
  if (hasVersions) {
    add('timeline extent', historyExtentQuery());
    add('timeline version index', versionIndexQuery(), true);
    add('timeline index platforms', indexPlatformsQuery());
    add('timeline index categories', indexCategoriesQuery());
    const filters = [
      { categories: [], platforms: ALL_PLATFORMS, severities: [] },
      { categories: categories.slice(0, 2), platforms: platformFilters.at(-1)![1], severities: ['high', 'unrated'] as SeverityKey[] }
    ];
    for (const [i, filter] of filters.entries()) {
      for (const granularity of GRANULARITIES) {
        add(`timeline ${granularity} filter ${i}`, timelineDeltasQuery({ filter, from: first, to: last, granularity }));
      }
      add(`severity index by sector, filter ${i}`, severityIndexDeltasQuery({ filter, from: first, to: last, granularity: 'month' }, 'sector'));
      add(`severity index by platform, filter ${i}`, severityIndexDeltasQuery({ filter, from: first, to: last, granularity: 'quarter' }, 'platform'));
      for (const kinds of [[], ['added', 'removed'], [...CHANGE_KINDS]] as ChangeSpec['kinds'][]) {
        const spec: ChangeSpec = { filter, from: first, to: last, kinds };
        add(`changes [${kinds.join(',')}] filter ${i}`, changesQuery(spec));
        add(`changes page 2 [${kinds.join(',')}] filter ${i}`, changesQuery(spec, { limit: 25, offset: 25 }));
        add(`changes count [${kinds.join(',')}] filter ${i}`, changesCountQuery(spec));
        add(`changes summary [${kinds.join(',')}] filter ${i}`, changeSummaryQuery(spec));
      }
    }
    for (const category of spread(categories, 3)) {
      const spec = { filter: { platforms: ALL_PLATFORMS, severities: [] }, category, from: first, to: last };
      for (const sort of STRIP_SORTS) add(`strips ${category} by ${sort}`, stripPlatformsQuery(spec, sort, { limit: 50, offset: 0 }));
      add(`strip segments ${category}`, stripSegmentsQuery(spec, platforms));
    }
  }
  return out;
}
