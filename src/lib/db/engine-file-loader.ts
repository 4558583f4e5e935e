/**
 * The fast path: the export's engine file (`manifest.engine`, src/lib/contract/engine-file.ts) attached read-only as
 * the data catalog. Only the header and the catalog's metadata are read to attach; table blocks come in over HTTP
 * range requests when a query needs them. A host that answers a ranged request with the whole file (200) gets one
 * full download instead. Then the file's record is compared with the manifest (an engine file left over from
 * another build is refused), and the engine is locked down.
 *
 * The contract's checks are not run again when the manifest's `checks` id is this code's own: the writer ran exactly
 * these checks on exactly this file (and refuses to write one that fails them). Otherwise they run after the first
 * view (`pending`). The file's SHA-256 is not verified in the browser: that would mean downloading all of it, which is
 * what range reads avoid (1.2 GB at 1,000,000 provisions); DuckDB checks every block it reads against the block's
 * own checksum, so a corrupt block is an error (and a fall back to the Parquet files, `AppDbState`), never a wrong
 * answer.
 *
 * Anything that makes the file unusable throws `EngineFileUnusable`, which the loader answers by loading the Parquet
 * files instead, saying why.
 */
import { checksId, formatProblem, runChecks, type SqlRunner } from '$lib/contract/checks';
import { engineRecordMismatch, engineRecordQuery, READABLE_STORAGE_VERSIONS, type EngineTableRecord } from '$lib/contract/engine-file';
import type { Manifest, TableName } from '$lib/contract/schema';
import { DATA_CATALOG, type Engine, type EngineFileSource } from './engine';
import { LoadFailure } from './errors';

/** The engine file cannot be used; `reason` says why, in a few words the note shows. */
export class EngineFileUnusable extends Error {
  constructor(
    readonly url: string,
    readonly reason: string
  ) {
    super(`${url}: ${reason}`);
    this.name = 'EngineFileUnusable';
  }
}

export interface EngineFileLoad {
  /** How the file is read: in ranges as needed, or downloaded whole first (a host that ignores ranges). */
  source: EngineFileSource['kind'];
  /** Checks still to run (recorded by other rules than this code's); rejects with a `LoadFailure`. Null: none. */
  pending: Promise<void> | null;
}

/** Why this app cannot use the export's engine file without fetching anything; null when it may try. */
export function engineFileRefusal(manifest: Manifest): string | null {
  const engine = manifest.engine;
  if (!engine) return 'this export has no engine file';
  if (!READABLE_STORAGE_VERSIONS.includes(engine.storage_version)) {
    const known = `${READABLE_STORAGE_VERSIONS[0]}–${READABLE_STORAGE_VERSIONS.at(-1)}`;
    return `its DuckDB storage version is ${engine.storage_version}, this version of Termscope reads ${known}`;
  }
  return null;
}

/**
 * How the host serves the file: a ranged HEAD answered 206 means blocks can be read as needed; 200 means ranges are
 * ignored, and the file is fetched whole. The size is compared with the manifest either way.
 */
async function openSource(url: string, bytes: number): Promise<EngineFileSource> {
  let head: Response;
  try {
    head = await fetch(url, { method: 'HEAD', headers: { Range: 'bytes=0-' }, cache: 'no-store' });
  } catch (error) {
    throw new EngineFileUnusable(url, `could not be fetched (${(error as Error).message})`);
  }
  if (head.status === 404) throw new EngineFileUnusable(url, 'not found (HTTP 404), although manifest.json lists it');
  if (head.status === 206) {
    const total = Number(/\/(\d+)$/.exec(head.headers.get('content-range') ?? '')?.[1] ?? head.headers.get('content-length'));
    if (total !== bytes) throw new EngineFileUnusable(url, `it has ${total} bytes, the manifest says ${bytes}`);
    return { kind: 'ranges', url: new URL(url, location.href).href, bytes };
  }
  if (head.status !== 200) throw new EngineFileUnusable(url, `HTTP ${head.status}`);
  let blob: Blob;
  try {
    const response = await fetch(url, { cache: 'no-store' });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    blob = await response.blob();
  } catch (error) {
    throw new EngineFileUnusable(url, `could not be fetched (${(error as Error).message})`);
  }
  if (blob.size !== bytes) throw new EngineFileUnusable(url, `it has ${blob.size} bytes, the manifest says ${bytes}`);
  return { kind: 'whole', blob };
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0]!.trim();
}

/**
 * Asks the host how it serves the export's engine file (and fetches it whole if it ignores ranges). Needs no engine:
 * the loader starts it while the engine is still starting.
 */
export function openEngineFile(base: string, manifest: Manifest): Promise<EngineFileSource> {
  const entry = manifest.engine!;
  return openSource(`${base}/${entry.file}`, entry.bytes);
}

/**
 * Attaches the export's engine file to `engine` (which has no data catalog yet), as `opening` (`openEngineFile`)
 * found it served, and locks the engine down.
 */
export async function attachEngineFile(engine: Engine, base: string, manifest: Manifest, opening: Promise<EngineFileSource>): Promise<EngineFileLoad> {
  const entry = manifest.engine!;
  const url = `${base}/${entry.file}`;
  const source = await opening;
  try {
    await engine.attachEngineFile(source);
  } catch (error) {
    // A corrupt header or catalog, or another storage version than the manifest says: DuckDB's own words.
    throw new EngineFileUnusable(url, `DuckDB cannot attach it (${firstLine(error)})`);
  }
  let records: EngineTableRecord[];
  try {
    records = (await engine.query(engineRecordQuery(DATA_CATALOG))) as unknown as EngineTableRecord[];
  } catch (error) {
    throw new EngineFileUnusable(url, `its record of the tables cannot be read (${firstLine(error)})`);
  }
  const mismatch = engineRecordMismatch(records, manifest);
  if (mismatch) throw new EngineFileUnusable(url, `it does not belong to these Parquet files: ${mismatch}`);
  // Checks still to run read every table (at 1,000,000 provisions, in long single steps): the watchdog starts after.
  const checked = entry.checks === checksId();
  await engine.lockDown({ watch: checked });
  const pending = checked ? null : runDeferredChecks(engine, url, manifest).then(() => engine.watch());
  pending?.catch(() => undefined); // the caller handles it; never an unhandled rejection meanwhile
  return { source: source.kind, pending };
}

/** The contract's checks on the attached tables (rows are sorted there, so problems name keys, not rows). */
async function runDeferredChecks(engine: Engine, url: string, manifest: Manifest): Promise<void> {
  const run: SqlRunner = (sql, params = []) => engine.query(sql, params as never);
  const present = new Set(Object.keys(manifest.tables) as TableName[]);
  const { problems, more } = await runChecks(run, present, { rowNumbers: false });
  if (problems.length === 0) return;
  throw new LoadFailure({
    file: url,
    message: `breaks the export contract (${problems.length + more} problem${problems.length + more === 1 ? '' : 's'})`,
    details: [...problems.map((p) => formatProblem(p, manifest.tables[p.table]!.file)), ...(more > 0 ? [`… and ${more} more`] : [])],
    hint: 'Fix the records and rebuild the export; `npm run export:validate <folder>` lists the same problems.'
  });
}
