/**
 * The Termscope export contract, schema v1.1, as code.
 *
 * One Parquet file per table plus `manifest.json`. The demo generator, the export builder, the validator and the app
 * all read this module; `docs/DATA.md` documents it for people who produce exports. Changing a column here changes
 * what every one of them accepts.
 */

/** The version this code writes. */
export const SCHEMA_VERSION = 1.1;
/**
 * Versions this code reads. v1.1 only adds optional columns (`ColumnSpec.addedIn`) and optional manifest fields, so
 * a v1 export loads unchanged: the columns it lacks read as null.
 */
export const READABLE_SCHEMA_VERSIONS: readonly number[] = [1, 1.1];

/** DuckDB logical types the contract uses. `VARCHAR[]` is Parquet `LIST<VARCHAR>`. */
export type ColumnType = 'VARCHAR' | 'VARCHAR[]' | 'INTEGER' | 'INTEGER[]' | 'BOOLEAN' | 'DATE' | 'TIMESTAMP';

export interface ColumnSpec {
  readonly name: string;
  readonly type: ColumnType;
  /** A null or missing value is an error. */
  readonly required: boolean;
  /** Allowed values (for VARCHAR columns). */
  readonly enum?: readonly string[];
  /** Extra shape rule for VARCHAR values, checked row by row. */
  readonly pattern?: { readonly regex: RegExp; readonly description: string };
  /** This column refers to the key of another table. */
  readonly references?: { readonly table: TableName; readonly column: string };
  readonly description: string;
  /** The contract version that added this optional column: files of older exports may lack it (read as null). */
  readonly addedIn?: 1.1;
}

export interface TableSpec {
  readonly name: TableName;
  /** Columns that together identify a row: unique and non-null. */
  readonly key: readonly string[];
  /** Optional tables may be absent from an export; views that need them say so. */
  readonly optional: boolean;
  /**
   * Computed from other tables by the export writer (`writeExport`), never read from a producer's input: the
   * builder refuses an input file for it, and the validator recomputes it.
   */
  readonly derived?: boolean;
  readonly description: string;
  readonly columns: readonly ColumnSpec[];
}

/** Ordered worst first: critical > high > medium > low > info. A null severity means unrated. */
export const SEVERITIES = ['critical', 'high', 'medium', 'low', 'info'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** Rank used for "worst severity" comparisons: higher is worse; unrated is 0. */
export function severityRank(severity: string | null | undefined): number {
  const index = SEVERITIES.indexOf(severity as Severity);
  return index === -1 ? 0 : SEVERITIES.length - index;
}

export const DOC_TYPES = [
  'terms_of_service',
  'privacy_policy',
  'acceptable_use_policy',
  'cookie_policy',
  'data_processing_agreement',
  'community_guidelines',
  'other'
] as const;
export type DocType = (typeof DOC_TYPES)[number];

export const PROVISION_STATUSES = ['active', 'removed'] as const;
/** Whether a provision works against users, is neutral, or is in their favour (a source's "good" is not "info"). */
export const POLARITIES = ['negative', 'neutral', 'positive'] as const;
export type Polarity = (typeof POLARITIES)[number];
/** Who assigned a provision's category and severity: a person, or a text rule of an importer. */
export const CLASSIFIERS = ['analyst', 'rule'] as const;
export const CHANGE_KINDS = ['added', 'text_changed', 'severity_changed', 'removed'] as const;

export const TABLE_NAMES = [
  'platforms',
  'documents',
  'categories',
  'provisions',
  'provision_versions',
  'snapshots',
  'clause_terms'
] as const;
export type TableName = (typeof TABLE_NAMES)[number];

const SHA256 = { regex: /^[0-9a-f]{64}$/, description: '64 lowercase hexadecimal characters (SHA-256)' };
const ISO_COUNTRY = { regex: /^[A-Z]{2}$/, description: 'an ISO 3166-1 alpha-2 code such as "US" or "DE"' };
/**
 * An http(s) URL whose host has a dot (or is an IPv4 address), optionally a port, then a path, query or fragment.
 * Refuses the junk real sources hold: "None", "oof", "https://https://example.com", "http://localhost".
 */
export const URL_PATTERN = {
  regex: /^https?:\/\/[^\s\/?#:@.]+(\.[^\s\/?#:@.]+)+(:[0-9]{1,5})?([\/?#]\S*)?$/,
  description: 'an http(s) URL with a host name such as "https://example.com/terms"'
};
const DAY_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

function col(
  name: string,
  type: ColumnType,
  required: boolean,
  description: string,
  extra: Partial<Pick<ColumnSpec, 'enum' | 'pattern' | 'references' | 'addedIn'>> = {}
): ColumnSpec {
  return { name, type, required, description, ...extra };
}

/** An optional column added by contract v1.1. */
function col11(
  name: string,
  type: ColumnType,
  description: string,
  extra: Partial<Pick<ColumnSpec, 'enum' | 'pattern' | 'references'>> = {}
): ColumnSpec {
  return col(name, type, false, description, { ...extra, addedIn: 1.1 });
}

export const TABLES: readonly TableSpec[] = [
  {
    name: 'platforms',
    key: ['platform_id'],
    optional: false,
    description: 'Online platforms whose terms are tracked.',
    columns: [
      col('platform_id', 'VARCHAR', true, 'Slug identifying the platform, e.g. "chatbox".'),
      col('name', 'VARCHAR', true, 'Display name.'),
      col('sector', 'VARCHAR', false, 'Sector, e.g. "Generative AI", "Social media".'),
      col('jurisdiction', 'VARCHAR', false, 'Home jurisdiction, ISO 3166-1 alpha-2.', { pattern: ISO_COUNTRY }),
      col('website', 'VARCHAR', false, 'Home page URL.', { pattern: URL_PATTERN }),
      col11('tracked_since', 'DATE', 'First day the source tracked the platform; "as of" views count it from then on. Null = unknown: counted from its earliest document, provision or version date (docs/VIEWS.md), always when it has none.')
    ]
  },
  {
    name: 'documents',
    key: ['document_id'],
    optional: false,
    description: "A platform's legal documents: terms of service, privacy policy, …",
    columns: [
      col('document_id', 'VARCHAR', true, 'Identifier, e.g. "CA-D-00477".'),
      col('platform_id', 'VARCHAR', true, 'The platform the document belongs to.', {
        references: { table: 'platforms', column: 'platform_id' }
      }),
      col('title', 'VARCHAR', true, 'Document title.'),
      col('doc_type', 'VARCHAR', true, 'Kind of document.', { enum: DOC_TYPES }),
      col('source_url', 'VARCHAR', false, 'Where the document is published.', { pattern: URL_PATTERN }),
      col('last_updated', 'DATE', false, 'The "last updated" date the document states.'),
      col('first_tracked', 'TIMESTAMP', false, 'When tracking began (UTC).'),
      col('last_verified', 'TIMESTAMP', false, 'When it was last checked (UTC).')
    ]
  },
  {
    name: 'categories',
    key: ['category_id'],
    optional: false,
    description: 'The classification of provisions.',
    columns: [
      col('category_id', 'VARCHAR', true, 'Slug, e.g. "ai_training_data".'),
      col('name', 'VARCHAR', true, 'Display name, e.g. "Training data use of user inputs and outputs".'),
      col('group_name', 'VARCHAR', false, 'A group of related categories, e.g. "Data & privacy".'),
      col('description', 'VARCHAR', false, 'What the category covers.'),
      col11('short_label', 'VARCHAR', 'A label of a few words for narrow places (chart axes, matrix headers), e.g. "AI training".'),
      col11('question', 'VARCHAR', 'The question the category answers for each platform, e.g. "May the platform train models on what users put in?".')
    ]
  },
  {
    name: 'provisions',
    key: ['record_id'],
    optional: false,
    description: 'Classified clauses: the current state of every tracked provision.',
    columns: [
      col('record_id', 'VARCHAR', true, 'Identifier, e.g. "CA-P-004267".'),
      col('document_id', 'VARCHAR', false, 'The document the clause is in; null when the source does not name it (v1 required it).', {
        references: { table: 'documents', column: 'document_id' }
      }),
      col('platform_id', 'VARCHAR', true, "The document's platform.", {
        references: { table: 'platforms', column: 'platform_id' }
      }),
      col('category_id', 'VARCHAR', true, 'Classification.', {
        references: { table: 'categories', column: 'category_id' }
      }),
      col('title', 'VARCHAR', true, 'Short title of the provision.'),
      col('severity', 'VARCHAR', false, 'critical > high > medium > low > info; null = unrated.', { enum: SEVERITIES }),
      col('summary', 'VARCHAR', false, 'What the provision is.'),
      col('consumer_impact', 'VARCHAR', false, 'What it means for users.'),
      col('user_actions', 'VARCHAR[]', false, 'What a user can do about it.'),
      col('clause_text', 'VARCHAR', false, 'The original clause language.'),
      col('analysis', 'VARCHAR', false, "The analyst's reading."),
      col('regulations', 'VARCHAR[]', false, 'Regulations it touches, e.g. "GDPR Art. 6".'),
      col('agencies', 'VARCHAR[]', false, 'Agencies with jurisdiction, e.g. "FTC".'),
      col('first_tracked', 'TIMESTAMP', false, 'When the provision was first seen (UTC).'),
      col('last_verified', 'TIMESTAMP', false, 'When it was last confirmed (UTC).'),
      col('status', 'VARCHAR', true, 'active or removed.', { enum: PROVISION_STATUSES }),
      col('removed_at', 'TIMESTAMP', false, 'When it disappeared (UTC), for removed provisions.'),
      col11('polarity', 'VARCHAR', 'negative (against users), neutral, or positive (in their favour).', { enum: POLARITIES }),
      col11('source_rating', 'VARCHAR', 'The source\'s own rating, verbatim (e.g. ToS;DR "blocker", "good").'),
      col11('source_id', 'VARCHAR', 'The source\'s own identifier of the record (e.g. a ToS;DR point id).'),
      col11('source_url', 'VARCHAR', 'The record at the source.', { pattern: URL_PATTERN }),
      col11('classified_by', 'VARCHAR', 'Who assigned category and severity: analyst (a person) or rule (a text rule of an importer); null = not stated.', { enum: CLASSIFIERS }),
      col11('classification_rule', 'VARCHAR', 'The rule that classified the provision, when classified_by is rule.')
    ]
  },
  {
    name: 'provision_versions',
    key: ['record_id', 'version'],
    optional: true,
    description: 'History: each version of a provision and the interval it was valid for.',
    columns: [
      col('record_id', 'VARCHAR', true, 'The provision.', { references: { table: 'provisions', column: 'record_id' } }),
      col('version', 'INTEGER', true, '1, 2, 3, … in order of validity.'),
      col('platform_id', 'VARCHAR', true, 'Platform (denormalised for fast time queries).', {
        references: { table: 'platforms', column: 'platform_id' }
      }),
      col('category_id', 'VARCHAR', true, 'Category (denormalised).', {
        references: { table: 'categories', column: 'category_id' }
      }),
      col('severity', 'VARCHAR', false, 'Severity during this version; null = unrated.', { enum: SEVERITIES }),
      col('valid_from', 'TIMESTAMP', false, 'Start of validity (UTC, inclusive); null = unknown.'),
      col('valid_to', 'TIMESTAMP', false, 'End of validity (UTC, exclusive); null = still current.'),
      col('clause_sha256', 'VARCHAR', false, 'SHA-256 of the clause text of this version.', { pattern: SHA256 }),
      col('clause_text', 'VARCHAR', false, 'The clause text of this version, when the source keeps it.'),
      col('change_kind', 'VARCHAR', false, 'What changed at valid_from.', { enum: CHANGE_KINDS }),
      col11('snapshot_id', 'VARCHAR', 'The capture this version was read from.', {
        references: { table: 'snapshots', column: 'snapshot_id' }
      })
    ]
  },
  {
    name: 'snapshots',
    key: ['snapshot_id'],
    optional: true,
    description: 'Evidence: captures of documents with their hashes and archive copies.',
    columns: [
      col('snapshot_id', 'VARCHAR', true, 'Identifier.'),
      col('document_id', 'VARCHAR', true, 'The captured document.', {
        references: { table: 'documents', column: 'document_id' }
      }),
      col('captured_at', 'TIMESTAMP', true, 'Capture time (UTC).'),
      col('sha256', 'VARCHAR', false, 'SHA-256 of the captured content.', { pattern: SHA256 }),
      col('source_url', 'VARCHAR', false, 'The URL captured.', { pattern: URL_PATTERN }),
      col('archive_url', 'VARCHAR', false, 'An archived copy.', { pattern: URL_PATTERN }),
      col('changed', 'BOOLEAN', false, 'The content differs from the previous capture.')
    ]
  },
  {
    name: 'clause_terms',
    key: ['term', 'record_id'],
    optional: true,
    derived: true,
    description:
      'Search index (v1.1, optional, written by the export writer from provisions): the terms of each provision\'s title and clause text, as `src/lib/search/tokenize.ts` cuts them, with where they occur. Without it, search falls back to substring matching.',
    columns: [
      col('term', 'VARCHAR', true, 'A word as indexed: NFKC, lower case, no apostrophes, stemmed (Porter steps 1a–1c); stop words are not indexed.'),
      col('record_id', 'VARCHAR', true, 'The provision.', { references: { table: 'provisions', column: 'record_id' } }),
      col('tf', 'INTEGER', true, 'How many times the term occurs in the provision (the length of positions).'),
      col('positions', 'INTEGER[]', true, 'Word positions of the term, ascending: the title\'s words from 0, the clause\'s after a gap of one; stop words count.'),
      col('doc_length', 'INTEGER', true, 'Indexed words of the provision (title and clause, stop words excluded): BM25\'s document length.')
    ]
  }
];

/** The tables a producer provides (every table but the derived ones, which the export writer computes). */
export const INPUT_TABLES: readonly TableName[] = TABLE_NAMES.filter((name) => !TABLES.find((t) => t.name === name)!.derived);

export function tableSpec(name: TableName): TableSpec {
  const spec = TABLES.find((t) => t.name === name);
  if (!spec) throw new Error(`Unknown table "${name}"`);
  return spec;
}

export function isTableName(name: string): name is TableName {
  return (TABLE_NAMES as readonly string[]).includes(name);
}

/** `CREATE TABLE` column list for a table, in contract order. Identifiers come from this module only. */
export function columnDefinitions(table: TableName): string {
  return tableSpec(table)
    .columns.map((c) => `${c.name} ${c.type}`)
    .join(', ');
}

/** True for a 'YYYY-MM-DD' string that is a real calendar day. */
export function isIsoDay(value: unknown): value is string {
  if (typeof value !== 'string' || !DAY_PATTERN.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

/** manifest.json, as the builder and the generator write it. */
export interface Manifest {
  /** 1 or 1.1 (see READABLE_SCHEMA_VERSIONS). */
  schema_version: number;
  generated_at: string;
  /**
   * The day the data describes, 'YYYY-MM-DD' (v1.1, optional): the last day the source observed. Views use it as
   * "today", so an archive of 2021 is not described as the state of the present. Absent: the day of generated_at.
   */
  data_as_of?: string;
  source: { name: string; licence: string; attribution: string; synthetic?: boolean; url?: string };
  tables: Partial<Record<TableName, ManifestTable>>;
  /**
   * Optional files computed when the export was built, beside the Parquet files: `overview` is the overview page's
   * numbers (`OverviewData`, src/lib/queries/overview-data.ts), so the first view paints before the engine is ready;
   * `feed` is an Atom 1.0 feed of the latest changes (`changes.atom`, scripts/lib/atom-feed.ts), for feed readers.
   */
  precomputed?: { overview?: string; feed?: string };
  /**
   * Optional (v1.1): the same tables as one DuckDB database file (`engine-file.ts`), which the app attaches read-only
   * over HTTP range requests instead of fetching and decoding every Parquet file. The Parquet files stay the contract;
   * this is a faster way in, used only when present and readable by the app's engine.
   */
  engine?: ManifestEngine;
}

/** `manifest.engine`: the DuckDB file built from the export's tables. */
export interface ManifestEngine {
  /** A plain file name in the export folder, ending in `.duckdb`. */
  file: string;
  bytes: number;
  sha256: string;
  /** DuckDB's storage version number, from the file's header (e.g. 67 for files written for DuckDB v1.4). */
  storage_version: number;
  /** The DuckDB version that wrote the file, e.g. "v1.4.3" (for people; the app reads `storage_version`). */
  duckdb_version: string;
  /**
   * Id of the contract's checks (`checksId()` in checks.ts) that passed on the file's tables when it was written.
   * An app whose checks have the same id need not run them again.
   */
  checks: string;
}

export interface ManifestTable {
  file: string;
  rows: number;
  bytes: number;
  sha256: string;
}
