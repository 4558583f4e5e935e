/** What a browser has to download: the export's files (from its manifest) and the built app itself. */
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { TABLE_NAMES } from '../../src/lib/contract/schema';
import { readManifest } from '../lib/export-io';

export interface FileSize {
  name: string;
  bytes: number;
  rows?: number;
}

export interface ExportSize {
  files: FileSize[];
  totalBytes: number;
}

/** Sizes as they are on disk (which is what is served), rows as the manifest states them. */
export async function exportSize(dir: string): Promise<ExportSize> {
  const manifest = await readManifest(dir);
  const files: FileSize[] = [{ name: 'manifest.json', bytes: statSync(join(dir, 'manifest.json')).size }];
  for (const table of TABLE_NAMES) {
    const entry = manifest.tables[table];
    if (entry) files.push({ name: entry.file, bytes: statSync(join(dir, entry.file)).size, rows: entry.rows });
  }
  const precomputed = manifest.precomputed?.overview;
  if (precomputed) files.push({ name: `${precomputed} (precomputed overview)`, bytes: statSync(join(dir, precomputed)).size });
  if (manifest.engine) files.push({ name: `${manifest.engine.file} (engine file: the same tables, for DuckDB)`, bytes: statSync(join(dir, manifest.engine.file)).size });
  return { files, totalBytes: files.reduce((sum, f) => sum + f.bytes, 0) };
}

function walk(dir: string, skip: (path: string) => boolean, out: FileSize[], root = dir): FileSize[] {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (skip(relative(root, path))) continue;
    if (entry.isDirectory()) walk(path, skip, out, root);
    else out.push({ name: relative(root, path), bytes: statSync(path).size });
  }
  return out;
}

/** The built app without its exports: total, and the largest files (the wasm engines dominate). */
export function appSize(buildDir: string, largest = 5): { totalBytes: number; largest: FileSize[] } {
  const files = walk(buildDir, (path) => path === 'exports', []);
  files.sort((a, b) => b.bytes - a.bytes);
  return { totalBytes: files.reduce((sum, f) => sum + f.bytes, 0), largest: files.slice(0, largest) };
}
