/**
 * Loads files the analyst opened (`local-export.ts`) into a fresh engine: the engine file when the manifest lists
 * one that came with the files (attached from the file itself, read in slices), otherwise the Parquet files through
 * the same decoder and checks as a hosted export (`parquet-loader.ts`), or the CSV files (`csv-loader.ts`). The
 * engine is new, never the page's early one: the export already open stays usable until this one has passed.
 */
import { checksId } from '$lib/contract/checks';
import { LOAD_ORDER, loadParquet, type TableInput } from './parquet-loader';
import { attachEngineFile, engineFileRefusal, EngineFileUnusable } from './engine-file-loader';
import { loadCsv } from './csv-loader';
import type { Engine } from './engine';
import type { LocalExport } from './local-export';
import { readFiles, startEngine, type LoadCallbacks, type LoadedExport } from './loader';

/** The Parquet files of `local` as decoder inputs; the manifest's size, hash and rows are expected of the files it lists. */
function parquetInputs(local: LocalExport): TableInput[] {
  return local.tables.map((t) => {
    const entry = local.manifestGiven ? local.manifest.tables[t.table] : undefined;
    const expected = entry && entry.file === t.file ? { bytes: entry.bytes, sha256: entry.sha256, rows: entry.rows } : undefined;
    return { table: t.table, file: t.file, label: t.path, url: t.file, blob: t.blob, expected };
  });
}

/** `fresh`: start a new engine (a candidate beside a loaded export) rather than take the page's early one. */
export async function loadLocal(local: LocalExport, { onProgress, onManifest }: LoadCallbacks, fresh = true): Promise<LoadedExport> {
  const { manifest, label } = local;
  const base = label;
  const tables = LOAD_ORDER.filter((t) => local.tables.some((x) => x.table === t));
  const origin = 'files' as const;
  onManifest?.({ base, manifest, tables, rowCounts: {}, origin, manifestGiven: local.manifestGiven });
  let engine: Engine | null = await startEngine(fresh);
  try {
    let note: string | null = null;
    const refusal = local.manifestGiven ? engineFileRefusal(manifest) : 'no manifest.json came with the files';
    if (local.engineFile && refusal === null) {
      try {
        const { pending } = await attachEngineFile(engine, label, manifest, Promise.resolve({ kind: 'whole', blob: local.engineFile }));
        onProgress([]);
        const rowCounts = Object.fromEntries(tables.map((t) => [t, manifest.tables[t]!.rows]));
        return { engine, info: { base, manifest, tables, rowCounts, path: 'engine-file', origin, manifestGiven: true }, note, pendingTables: [], pending };
      } catch (error) {
        if (!(error instanceof EngineFileUnusable)) throw error;
        note = `Loaded the Parquet files instead of the engine file ${label}/${manifest.engine!.file}: ${error.reason}.`;
        await engine.terminate();
        engine = await startEngine(true);
      }
    }
    if (local.format === 'csv') {
      const loaded = await loadCsv(engine, local, onProgress);
      return {
        engine,
        info: { base, manifest, tables, rowCounts: loaded.rowCounts, path: 'parquet', origin, manifestGiven: local.manifestGiven, files: readFiles(manifest, loaded.read, 'csv') },
        note,
        pendingTables: [],
        pending: null
      };
    }
    const checked = local.manifestGiven && manifest.engine?.checks === checksId();
    const loaded = await loadParquet(engine, parquetInputs(local), { folder: label, checked }, onProgress);
    return {
      engine,
      info: { base, manifest, tables, rowCounts: loaded.rowCounts, path: 'parquet', origin, manifestGiven: local.manifestGiven, files: readFiles(manifest, loaded.read) },
      note,
      pendingTables: loaded.pendingTables,
      pending: loaded.pending
    };
  } catch (error) {
    await engine?.terminate();
    throw error;
  }
}
