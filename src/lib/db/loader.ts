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
import { LOAD_ORDER, loadParquet, REGENERATE_HINT } from './parquet-loader';
import type { ExportInfo, TableProgress } from './types';

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
}

async function fetchManifest(base: string): Promise<Manifest> {
  const file = `${base}/manifest.json`;
  let response: Response;
  try {
    response = await fetch(file, { cache: 'no-cache' });
  } catch (error) {
    throw new LoadFailure({ file, message: `could not be fetched (${(error as Error).message})`, hint: REGENERATE_HINT });
  }
  if (!response.ok) {
    throw new LoadFailure({
      file,
      message: response.status === 404 ? 'not found (HTTP 404): there is no export at this address' : `HTTP ${response.status}`,
      hint: REGENERATE_HINT
    });
  }
  let json: unknown;
  try {
    json = await response.json();
  } catch (error) {
    throw new LoadFailure({ file, message: `is not valid JSON (${(error as Error).message})`, hint: REGENERATE_HINT });
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

async function startEngine(): Promise<Engine> {
  try {
    // Normally the engine started before the page hydrated (early-engine.ts); a reload after a crash starts its own.
    const early = takeEarlyEngine();
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
  // The engine starts while the manifest is fetched: its wasm is most of the wait either way.
  let starting: Promise<Engine> | null = startEngine();
  starting.catch(() => undefined); // don't leave an unhandled rejection behind if the manifest fails first
  let engine: Engine | null = null;
  try {
    const manifest = await fetchManifest(base);
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
          info: { base, manifest, tables, rowCounts, path: 'engine-file', engineFileSource: source },
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
    engine = starting ? await starting : await startEngine();
    starting = null;
    const loaded = await loadParquet(engine, base, manifest, tables, onProgress);
    performance.mark('termscope:parquet-loaded');
    return {
      engine,
      info: { base, manifest, tables, rowCounts: { ...rowCounts, ...loaded.rowCounts }, path: 'parquet' },
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
