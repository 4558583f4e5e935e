/** Changed copies of an export, for tests of what the app does with an export unlike the demo. */
import { cp, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Manifest } from '../../src/lib/contract/schema';

/**
 * A copy of the export at `from`, made as `<into>/<name>` and changed by `edit` (its files, and its manifest, which is
 * written back afterwards). Returns the copy's folder.
 */
export async function editedCopy(
  from: string,
  into: string,
  name: string,
  edit: (dir: string, manifest: Manifest) => Promise<void> | void
): Promise<string> {
  const dir = join(into, name);
  await cp(from, dir, { recursive: true });
  const manifest = JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8')) as Manifest;
  await edit(dir, manifest);
  await writeFile(join(dir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  return dir;
}

/** A copy, as `<into>/bare`, whose manifest lists no optional history (provision_versions, snapshots, precomputed). */
export function copyWithoutHistory(from: string, into: string): Promise<string> {
  return editedCopy(from, into, 'bare', (_dir, manifest) => {
    delete manifest.tables.provision_versions;
    delete manifest.tables.snapshots;
    delete manifest.precomputed;
  });
}

/** A copy, as `<into>/<name>`, without its engine file (file and manifest entry): the app loads its Parquet files. */
export function copyWithoutEngine(from: string, into: string, name: string): Promise<string> {
  return editedCopy(from, into, name, async (dir, manifest) => {
    if (!manifest.engine) throw new Error(`${from}: its manifest names no engine file to leave out`);
    await rm(join(dir, manifest.engine.file));
    delete manifest.engine;
  });
}
