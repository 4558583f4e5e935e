/**
 * What of an export must be byte-identical from build to build: every file but the engine file (DuckDB writes a
 * random identifier into its header and does not zero unused block space, see `writeEngineFile`), and the manifest
 * except the engine file's size and hash. The engine file's content is compared as rows (`engineRows`).
 */
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { openEngineFile } from '../../scripts/lib/export-io';
import { ENGINE_SORT } from '../../src/lib/contract/engine-file';
import { TABLE_NAMES } from '../../src/lib/contract/schema';
import type { Row } from '../../src/lib/db/values';

/** SHA-256 per file name; the engine file left out, manifest.json without `engine.bytes` and `engine.sha256`. */
export function reproducibleFiles(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
  for (const name of readdirSync(dir).sort()) {
    if (name === manifest.engine?.file) continue;
    let bytes: Buffer | string = readFileSync(join(dir, name));
    if (name === 'manifest.json' && manifest.engine) {
      const { bytes: _bytes, sha256: _sha256, ...rest } = manifest.engine;
      bytes = JSON.stringify({ ...manifest, engine: rest });
    }
    out[name] = createHash('sha256').update(bytes).digest('hex');
  }
  return out;
}

/** Every row of every table of the export's engine file, in the file's own order (rowid). */
export async function engineRows(dir: string): Promise<Record<string, Row[]>> {
  const { db, manifest } = await openEngineFile(dir);
  try {
    const out: Record<string, Row[]> = {};
    for (const table of TABLE_NAMES.filter((t) => manifest.tables[t])) {
      out[table] = await db.query(`SELECT * FROM ${table} ORDER BY rowid`);
      // The file's order is the sort of ENGINE_SORT: checked here once for every caller.
      const sorted = await db.query(`SELECT * FROM ${table} ORDER BY ${ENGINE_SORT[table].join(', ')}`);
      if (JSON.stringify(sorted) !== JSON.stringify(out[table])) throw new Error(`${table} in the engine file is not sorted by ${ENGINE_SORT[table].join(', ')}`);
    }
    return out;
  } finally {
    db.close();
  }
}
