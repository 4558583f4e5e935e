/**
 * The large export for the scale benchmark, generated once by the demo generator and kept in the system temp folder
 * (it is hundreds of MB and takes a while to make): later runs reuse it unless the generator changed.
 */
import { spawn } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { mkdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { TABLE_NAMES, tableSpec, type Manifest } from '../../src/lib/contract/schema';
import { newestMtime, ROOT } from '../start';

export interface BigExport {
  /** Folder holding manifest.json and the Parquet files. */
  dir: string;
  /** Export name, as in `?export=<name>`. */
  name: string;
  /** Generation time when it was made by this run. */
  generatedMs: number | null;
}

const GENERATOR = join(ROOT, 'scripts', 'generate-demo.ts');

export async function ensureBigExport(provisions: number, regenerate: boolean): Promise<BigExport> {
  const name = provisions % 1_000_000 === 0 ? `bench-${provisions / 1_000_000}m` : `bench-${provisions}`;
  const dir = join(tmpdir(), 'termscope-bench', 'exports', name);
  const manifest = join(dir, 'manifest.json');
  // The generator and everything it imports from scripts/lib (the Parquet writer included).
  const generatorChanged = Math.max(newestMtime(GENERATOR), newestMtime(join(ROOT, 'scripts', 'lib')));
  const fresh = existsSync(manifest) && statSync(manifest).mtimeMs > generatorChanged;
  if (fresh && !regenerate) return { dir, name, generatedMs: null };
  console.log(`Generating a ${provisions.toLocaleString('en')}-provision export into ${dir} …`);
  const started = performance.now();
  await new Promise<void>((ok, fail) => {
    const child = spawn(
      join(ROOT, 'node_modules', '.bin', 'tsx'),
      [GENERATOR, '--provisions', String(provisions), '--out', dir],
      { cwd: ROOT, stdio: 'inherit' }
    );
    child.once('error', fail);
    child.once('exit', (code) => (code === 0 ? ok() : fail(new Error(`generate-demo.ts exited with ${code}`))));
  });
  return { dir, name, generatedMs: performance.now() - started };
}

/**
 * The same export restricted to the required tables (platforms, documents, categories, provisions): files linked,
 * not copied, and a manifest without the optional history tables. Tells apart the cost of the provisions
 * themselves from that of their version history and snapshots.
 */
export async function requiredTablesOnly(big: BigExport): Promise<BigExport> {
  const name = `${big.name}-core`;
  const dir = join(dirname(big.dir), name);
  const manifest = JSON.parse(await readFile(join(big.dir, 'manifest.json'), 'utf8')) as Manifest;
  const tables: Manifest['tables'] = {};
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  for (const table of TABLE_NAMES) {
    const entry = manifest.tables[table];
    if (!entry || tableSpec(table).optional) continue;
    tables[table] = entry;
    await symlink(join(big.dir, entry.file), join(dir, entry.file));
  }
  // Precomputed numbers describe the whole export, so they do not come along.
  const { precomputed: _whole, ...rest } = manifest;
  await writeFile(join(dir, 'manifest.json'), `${JSON.stringify({ ...rest, tables }, null, 2)}\n`);
  return { dir, name, generatedMs: null };
}
