/**
 * Loads one export folder into a fresh engine, by one of two paths (docs/ARCHITECTURE.md, "Loading an export"):
 *  1. the engine file (`engine-file-loader.ts`): `termscope.duckdb` attached read-only, read in ranges as queries need
 *     it — ready once the engine has started;
 *  2. the Parquet files (`parquet-loader.ts`), when there is no engine file or it cannot be used — the `note` then
 *     says why, and the page shows it.
 * Views query the same table names either way (`DATA_CATALOG`).
 *
 * Any failure rejects with a `LoadFailure` naming the file and saying how to fix it; the engine it was filling is
 * terminated, so an export that is already loaded elsewhere is untouched. Each step leaves a `performance.mark`
 * (`termscope:…`), which the benchmark reads.
 */
import { ManifestError, parseManifest } from '$lib/contract/manifest';
import type { Manifest, TableName } from '$lib/contract/schema';
import { takeEarlyEngine } from './early-engine';
import { Engine } from './engine';
import { attachEngineFile, engineFileRefusal, EngineFileUnusable, openEngineFile } from './engine-file-loader';
import { LoadFailure } from './errors';
import { hostedInputs, LOAD_ORDER, loadParquet, REGENERATE_HINT } from './parquet-loader';
import type { ExportInfo, LoadError, TableProgress } from './types';
import { checksId } from '$lib/contract/checks';

export interface LoadedExport {
  engine: Engine;
  info: ExportInfo;
  /** Why the Parquet files were loaded instead of the engine file; null when the engine file is in use. */
  note: string | null;
  /** Tables that queries must wait for (`pending` loads them). */
  pendingTables: TableName[];
  /** Background work after the export is ready (history tables, checks); rejects with a `LoadFailure`. */
  pending: Promise<void> | null;
}

export interface LoadCallbacks {
  /** Per-table progress, every time it moves (Parquet path). */
  onProgress(progress: TableProgress[]): void;
  /** The manifest is read: what the export is, before any table is in (first views can paint from it). */
  onManifest?(info: ExportInfo): void;
}

export interface LoadOptions {
  /** Load the Parquet files even when there is a usable engine file, saying this (after the file failed a query). */
  parquetBecause?: string;
  /** The export is published on another site (a URL the analyst opened): failures are worded for that. */
  remote?: boolean;
  /** Start a new engine even if the page's early one is still unclaimed (a candidate beside a loaded export). */
  freshEngine?: boolean;
}

async function fetchManifest(base: string, remote: boolean): Promise<Manifest> {
  const file = `${base}/manifest.json`;
  let response: Response;
  try {
    response = await fetch(file, remote ? { cache: 'no-cache', mode: 'cors', credentials: 'omit' } : { cache: 'no-cache' });
  } catch (error) {
    throw new LoadFailure(remote ? remoteFetchFailure(file, undefined, (error as Error).message) : { file, message: `could not be fetched (${(error as Error).message})`, hint: REGENERATE_HINT });
  }
  if (!response.ok) {
    throw new LoadFailure(
      remote
        ? remoteFetchFailure(file, response.status, response.statusText)
        : { file, message: response.status === 404 ? 'not found (HTTP 404): there is no export at this address' : `HTTP ${response.status}`, hint: REGENERATE_HINT }
    );
  }
  const type = response.headers.get('content-type') ?? '';
  if (/text\/html/i.test(type)) {
    throw new LoadFailure({
      file,
      message: 'is a web page (HTML), not an export\'s manifest.json',
      hint: 'Give the address of the export folder (the one holding manifest.json and the Parquet files), or of its manifest.json.'
    });
  }
  let json: unknown;
  try {
    json = await response.json();
  } catch (error) {
    throw new LoadFailure({ file, message: `is not valid JSON (${(error as Error).message})`, hint: remote ? 'Check the address: it should be an export folder or its manifest.json.' : REGENERATE_HINT });
  }
  try {
    return parseManifest(json, file);
  } catch (error) {
    if (error instanceof ManifestError) {
      throw new LoadFailure({ file, message: 'does not match the export contract', details: error.problems, hint: 'See docs/DATA.md for the manifest format.' });
    }
    throw error;
  }
}

/**
 * A file of an export on another site that could not be read, in plain words: the browser tells a script nothing
 * about why a cross-origin fetch failed, so every likely cause is named.
 */
export function remoteFetchFailure(file: string, status: number | undefined, text: string): LoadError {
  if (status === undefined) {
    return {
      file,
      message: 'could not be read from that site',
      details: [
        'the server did not answer: check the address and your connection;',
        'or it answered but does not let other sites read its files: it must send the header Access-Control-Allow-Origin (CORS) with them;',
        `(the browser says: ${text})`
      ],
      hint: 'You can also download the export and open its folder or .zip here instead.'
    };
  }
  const why =
    status === 404
      ? 'not found (HTTP 404): there is no such file at this address'
      : status === 401 || status === 403
        ? `refused (HTTP ${status}): the server does not let this page read it`
        : status >= 500
          ? `the server failed (HTTP ${status}${text ? ` ${text}` : ''}): try again later`
          : `the server answered HTTP ${status}${text ? ` ${text}` : ''}`;
  return { file, message: why, hint: 'Check the address: it should be an export folder (holding manifest.json) or its manifest.json.' };
}

export async function startEngine(fresh = false): Promise<Engine> {
  try {
    // Normally the engine started before the page hydrated (early-engine.ts); a reload after a crash starts its own.
    const early = fresh ? null : takeEarlyEngine();
    if (!early) performance.mark('termscope:engine-start');
    const engine = await (early ?? Engine.start());
    performance.mark('termscope:engine-started');
    return engine;
  } catch (error) {
    throw new LoadFailure({
      file: 'duckdb-eh.wasm',
      message: `the database engine could not start (${(error as Error).message})`,
      hint: 'Reload the page; if it persists, your browser may lack WebAssembly exception support.'
    });
  }
}

/** The note shown when the Parquet files were loaded: why the engine file was not used. */
function parquetNote(base: string, manifest: Manifest, reason: string): string {
  const file = manifest.engine ? `${base}/${manifest.engine.file}` : null;
  return file
    ? `Loaded the Parquet files instead of the engine file ${file}: ${reason}. Loading took longer than it needs to.`
    : 'This export has no engine file (termscope.duckdb), so its Parquet files were loaded, which takes longer. Rebuild it with `npm run export:build` (or `npm run data` for the demo) to add one.';
}

export async function loadExport(base: string, { onProgress, onManifest }: LoadCallbacks, options: LoadOptions = {}): Promise<LoadedExport> {
  performance.mark('termscope:load-start');
  const remote = options.remote ?? false;
  // The engine starts while the manifest is fetched: its wasm is most of the wait either way.
  let starting: Promise<Engine> | null = startEngine(options.freshEngine);
  starting.catch(() => undefined); // don't leave an unhandled rejection behind if the manifest fails first
  let engine: Engine | null = null;
  try {
    const manifest = await fetchManifest(base, remote);
    performance.mark('termscope:manifest');
    const tables = LOAD_ORDER.filter((t) => manifest.tables[t]);
    // Row counts are the manifest's until counted: the engine file's record must match them, and the Parquet path
    // compares each table's count with them before it is used.
    const rowCounts = Object.fromEntries(tables.map((t) => [t, manifest.tables[t]!.rows])) as Partial<Record<TableName, number>>;
    onManifest?.({ base, manifest, tables, rowCounts: {} });

    let reason = options.parquetBecause ?? engineFileRefusal(manifest);
    if (reason === null) {
      // How the host serves the file is asked while the engine is still starting.
      const opening = openEngineFile(base, manifest);
      opening.catch(() => undefined); // awaited by attachEngineFile, which turns a failure into a note
      engine = await starting;
      starting = null;
      try {
        const { source, pending } = await attachEngineFile(engine, base, manifest, opening);
        performance.mark('termscope:engine-file-attached');
        onProgress([]);
        return {
          engine,
          info: { base, manifest, tables, rowCounts, path: 'engine-file', engineFileSource: source, origin: remote ? 'url' : 'hosted' },
          note: null,
          pendingTables: [],
          pending
        };
      } catch (error) {
        if (!(error instanceof EngineFileUnusable)) throw error;
        reason = error.reason;
        // A fresh engine for the Parquet files: nothing of the failed attach can linger.
        await engine.terminate();
        engine = null;
      }
    }
    engine = starting ? await starting : await startEngine(options.freshEngine);
    starting = null;
    const loaded = await loadParquet(
      engine,
      hostedInputs(base, manifest, tables),
      { folder: base, checked: manifest.engine?.checks === checksId(), fetchHint: remote ? (status, text) => remoteFetchFailure('', status, text) : undefined },
      onProgress
    );
    performance.mark('termscope:parquet-loaded');
    return {
      engine,
      info: { base, manifest, tables, rowCounts: { ...rowCounts, ...loaded.rowCounts }, path: 'parquet', origin: remote ? 'url' : 'hosted', files: readFiles(manifest, loaded.read) },
      note: parquetNote(base, manifest, reason),
      pendingTables: loaded.pendingTables,
      pending: loaded.pending
    };
  } catch (error) {
    await engine?.terminate();
    starting?.then((e) => e.terminate()).catch(() => undefined);
    throw error;
  }
}

/** Each loaded table's file as read (Parquet path), for the page that shows what is loaded. */
export function readFiles(manifest: Manifest, read: Partial<Record<TableName, { bytes: number; sha256: string }>>, format: 'parquet' | 'csv' = 'parquet'): ExportInfo['files'] {
  return Object.fromEntries(
    (Object.entries(read) as [TableName, { bytes: number; sha256: string }][]).map(([t, r]) => [t, { file: manifest.tables[t]?.file ?? `${t}.${format}`, ...r, format }])
  );
}
