/**
 * The large export for the scale benchmark, generated once by the demo generator and kept in the system temp folder
 * (it is hundreds of MB and takes a while to make): later runs reuse it unless the generator changed. Each version of
 * the generator has a folder of its own (named after a hash of its code), so checkouts of different versions on the
 * same machine do not replace each other's export.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { TABLE_NAMES, tableSpec, type Manifest } from '../../src/lib/contract/schema';
import { ROOT } from '../start';

export interface BigExport {
  /** Folder holding manifest.json and the Parquet files. */
  dir: string;
  /** Export name, as in `?export=<name>`. */
  name: string;
  /** Generation time when it was made by this run. */
  generatedMs: number | null;
}

const GENERATOR = join(ROOT, 'scripts', 'generate-demo.ts');

/** Files whose content decides the generated export: the generator, scripts/lib, and the contract it writes. */
function generatorFiles(): string[] {
  const walk = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true })
      .sort((a, b) => a.name.localeCompare(b.name))
      .flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : e.name.endsWith('.ts') || e.name.endsWith('.json') ? [join(dir, e.name)] : []));
  return [GENERATOR, ...walk(join(ROOT, 'scripts', 'lib')), ...walk(join(ROOT, 'src', 'lib', 'contract'))];
}

/** A short hash of the generator's code: the large export's folder is kept per version of it. */
function generatorVersion(): string {
  const hash = createHash('sha256');
  for (const file of generatorFiles()) hash.update(file.slice(ROOT.length)).update(readFileSync(file));
  return hash.digest('hex').slice(0, 10);
}

export async function ensureBigExport(provisions: number, regenerate: boolean): Promise<BigExport> {
  const name = provisions % 1_000_000 === 0 ? `bench-${provisions / 1_000_000}m` : `bench-${provisions}`;
  const dir = join(tmpdir(), 'termscope-bench', generatorVersion(), 'exports', name);
  const manifest = join(dir, 'manifest.json');
  if (existsSync(manifest) && !regenerate) return { dir, name, generatedMs: null };
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

/**
 * The same export without its engine file (files linked, not copied): what the app loads through the Parquet path,
 * as every export did before engine files — the old path, measured beside the new one.
 */
export async function withoutEngineFile(source: BigExport, name = `${source.name}-parquet`): Promise<BigExport> {
  const dir = join(dirname(source.dir), name);
  const manifest = JSON.parse(await readFile(join(source.dir, 'manifest.json'), 'utf8')) as Manifest;
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  const files = [...Object.values(manifest.tables).map((t) => t!.file), ...(manifest.precomputed?.overview ? [manifest.precomputed.overview] : [])];
  for (const file of files) await symlink(join(source.dir, file), join(dir, file));
  const { engine: _engine, ...rest } = manifest;
  await writeFile(join(dir, 'manifest.json'), `${JSON.stringify(rest, null, 2)}\n`);
  return { dir, name, generatedMs: null };
}
