/**
 * Reading `manifest.json`: every field checked, with an error that names the field and says what is wrong.
 * Pure: used by the validator in Node and by the app in the browser.
 */
import {
  isIsoDay,
  isTableName,
  READABLE_SCHEMA_VERSIONS,
  TABLES,
  URL_PATTERN,
  type Manifest,
  type ManifestEngine,
  type ManifestTable,
  type TableName
} from './schema';

export class ManifestError extends Error {
  constructor(
    readonly file: string,
    readonly problems: string[]
  ) {
    super(`${file}: ${problems.join('; ')}`);
    this.name = 'ManifestError';
  }
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Parses and checks a manifest. `file` is how errors name it (a path or URL). */
export function parseManifest(value: unknown, file = 'manifest.json'): Manifest {
  const problems: string[] = [];
  if (!isObject(value)) throw new ManifestError(file, ['is not a JSON object']);

  const version = value.schema_version;
  if (typeof version !== 'number' || !READABLE_SCHEMA_VERSIONS.includes(version)) {
    problems.push(`schema_version is ${JSON.stringify(version)}, this version of Termscope reads ${READABLE_SCHEMA_VERSIONS.join(' and ')}`);
  }
  if (typeof value.generated_at !== 'string' || Number.isNaN(Date.parse(value.generated_at))) {
    problems.push(`generated_at must be an ISO 8601 timestamp, got ${JSON.stringify(value.generated_at)}`);
  }
  if (value.data_as_of !== undefined && !isIsoDay(value.data_as_of)) {
    problems.push(`data_as_of must be a day written YYYY-MM-DD, got ${JSON.stringify(value.data_as_of)}`);
  }
  const source = value.source;
  if (!isObject(source)) {
    problems.push('source must be an object with name, licence and attribution');
  } else {
    for (const field of ['name', 'licence', 'attribution'] as const) {
      if (typeof source[field] !== 'string' || source[field] === '') problems.push(`source.${field} must be a non-empty string`);
    }
    if (source.url !== undefined && (typeof source.url !== 'string' || !URL_PATTERN.regex.test(source.url))) {
      // The app renders it as a link: anything but http(s) (javascript:, data:) is refused here.
      problems.push(`source.url must be ${URL_PATTERN.description}, got ${JSON.stringify(source.url)}`);
    }
    if (source.synthetic !== undefined && typeof source.synthetic !== 'boolean') {
      problems.push(`source.synthetic must be true or false, got ${JSON.stringify(source.synthetic)}`);
    }
  }
  const tables: Partial<Record<TableName, ManifestTable>> = {};
  if (!isObject(value.tables)) {
    problems.push('tables must be an object naming each table\'s file, rows, bytes and sha256');
  } else {
    for (const [name, entry] of Object.entries(value.tables)) {
      if (!isTableName(name)) {
        problems.push(`tables.${name}: unknown table (the contract has ${TABLES.map((t) => t.name).join(', ')})`);
        continue;
      }
      if (!isObject(entry)) {
        problems.push(`tables.${name} must be an object`);
        continue;
      }
      const { file: f, rows, bytes, sha256 } = entry;
      if (typeof f !== 'string' || !/^[A-Za-z0-9._-]+\.parquet$/.test(f)) {
        problems.push(`tables.${name}.file must be a plain file name ending in .parquet, got ${JSON.stringify(f)}`);
      }
      if (typeof rows !== 'number' || !Number.isSafeInteger(rows) || rows < 0) {
        problems.push(`tables.${name}.rows must be a whole number, got ${JSON.stringify(rows)}`);
      }
      if (typeof bytes !== 'number' || !Number.isSafeInteger(bytes) || bytes < 0) {
        problems.push(`tables.${name}.bytes must be a whole number, got ${JSON.stringify(bytes)}`);
      }
      if (typeof sha256 !== 'string' || !/^[0-9a-f]{64}$/.test(sha256)) {
        problems.push(`tables.${name}.sha256 must be 64 lowercase hex characters, got ${JSON.stringify(sha256)}`);
      }
      tables[name] = { file: f as string, rows: rows as number, bytes: bytes as number, sha256: sha256 as string };
    }
    for (const spec of TABLES) {
      if (!spec.optional && !(spec.name in value.tables)) problems.push(`tables.${spec.name} is missing (a required table)`);
    }
  }
  let precomputed: Manifest['precomputed'];
  if (value.precomputed !== undefined) {
    const overview = isObject(value.precomputed) ? value.precomputed.overview : undefined;
    const feed = isObject(value.precomputed) ? value.precomputed.feed : undefined;
    const badName = (name: unknown, extension: string) =>
      name !== undefined && (typeof name !== 'string' || !new RegExp(`^[A-Za-z0-9._-]+\\.${extension}$`).test(name));
    if (!isObject(value.precomputed) || badName(overview, 'json') || badName(feed, 'atom')) {
      problems.push(`precomputed must be an object like {"overview": "overview.json", "feed": "changes.atom"}, got ${JSON.stringify(value.precomputed)}`);
    } else if (overview !== undefined || feed !== undefined) {
      precomputed = {
        ...(typeof overview === 'string' ? { overview } : {}),
        ...(typeof feed === 'string' ? { feed } : {})
      };
    }
  }
  const engine = value.engine === undefined ? undefined : parseEngine(value.engine, problems);
  if (problems.length > 0) throw new ManifestError(file, problems);
  return {
    schema_version: version as number,
    generated_at: value.generated_at as string,
    ...(value.data_as_of !== undefined ? { data_as_of: value.data_as_of as string } : {}),
    source: source as Manifest['source'],
    tables,
    ...(precomputed ? { precomputed } : {}),
    ...(engine ? { engine } : {})
  };
}

/** `engine` (v1.1, optional): the DuckDB file beside the Parquet files. */
function parseEngine(value: unknown, problems: string[]): ManifestEngine | undefined {
  if (!isObject(value)) {
    problems.push(`engine must be an object with file, bytes, sha256, storage_version, duckdb_version and checks, got ${JSON.stringify(value)}`);
    return undefined;
  }
  const { file, bytes, sha256, storage_version, duckdb_version, checks } = value;
  const before = problems.length;
  if (typeof file !== 'string' || !/^[A-Za-z0-9._-]+\.duckdb$/.test(file)) {
    problems.push(`engine.file must be a plain file name ending in .duckdb, got ${JSON.stringify(file)}`);
  }
  if (typeof bytes !== 'number' || !Number.isSafeInteger(bytes) || bytes <= 0) {
    problems.push(`engine.bytes must be a positive whole number, got ${JSON.stringify(bytes)}`);
  }
  if (typeof sha256 !== 'string' || !/^[0-9a-f]{64}$/.test(sha256)) {
    problems.push(`engine.sha256 must be 64 lowercase hex characters, got ${JSON.stringify(sha256)}`);
  }
  if (typeof storage_version !== 'number' || !Number.isSafeInteger(storage_version) || storage_version <= 0) {
    problems.push(`engine.storage_version must be a positive whole number (DuckDB's storage version), got ${JSON.stringify(storage_version)}`);
  }
  if (typeof duckdb_version !== 'string' || duckdb_version === '') {
    problems.push(`engine.duckdb_version must be a non-empty string such as "v1.4.3", got ${JSON.stringify(duckdb_version)}`);
  }
  if (typeof checks !== 'string' || !/^[0-9a-f]{16}$/.test(checks)) {
    problems.push(`engine.checks must be 16 lowercase hex characters (the id of the checks that passed), got ${JSON.stringify(checks)}`);
  }
  if (problems.length > before) return undefined;
  return {
    file: file as string,
    bytes: bytes as number,
    sha256: sha256 as string,
    storage_version: storage_version as number,
    duckdb_version: duckdb_version as string,
    checks: checks as string
  };
}
