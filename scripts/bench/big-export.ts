/**
 * The large export for the scale benchmark, generated once by the demo generator and kept in the system temp folder
 * (it is hundreds of MB and takes a while to make): later runs reuse it unless the generator changed.
 */
import { spawn } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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

export async function ensureBigExport(provisions: number, regenerate: boolean): Promise<BigExport> {
  const name = provisions % 1_000_000 === 0 ? `bench-${provisions / 1_000_000}m` : `bench-${provisions}`;
  const dir = join(tmpdir(), 'termscope-bench', 'exports', name);
  const manifest = join(dir, 'manifest.json');
  const fresh = existsSync(manifest) && statSync(manifest).mtimeMs > statSync(GENERATOR).mtimeMs;
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
