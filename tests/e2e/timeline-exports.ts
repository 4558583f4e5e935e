/**
 * Exports for the time views' browser tests, built from the small fixture with the export builder and served beside
 * the app: one without `provision_versions` (the builder accepts a missing optional table), and one whose history
 * has gaps a real source may have — versions with no start date, versions without their own clause text.
 */
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, inject } from 'vitest';
import { buildExport } from '../../scripts/build-export';
import { loadExport, type LoadedExport } from '../../scripts/lib/export-io';
import { startServer, type StaticServer } from '../../scripts/serve';
import { FIXTURE_DIR, FIXTURE_GENERATED_AT } from '../helpers/fixture';

/** Versions whose start is made unknown in the `fx-gaps` export. */
export const UNDATED = [{ record_id: 'FX-P-002', version: 1 }];
/** The record whose versions lose their clause text (hashes kept) in the `fx-gaps` export. */
export const TEXTLESS_RECORD = 'FX-P-001';

async function build(input: string, out: string): Promise<void> {
  const result = await buildExport(input, out, { generatedAt: FIXTURE_GENERATED_AT });
  if (!result.ok) throw new Error(`Could not build ${out}:\n${result.errors.join('\n')}`);
}

/** Builds both exports under a temporary folder; returns the mounts for `startServer` and a cleanup. */
export async function timeExports(): Promise<{ mounts: Record<string, string>; remove(): Promise<void> }> {
  const work = await mkdtemp(join(tmpdir(), 'termscope-time-exports-'));

  const noHistoryInput = join(work, 'in-nohist');
  await cp(FIXTURE_DIR, noHistoryInput, { recursive: true });
  await rm(join(noHistoryInput, 'provision_versions.jsonl'));
  await build(noHistoryInput, join(work, 'fx-nohist'));

  const gapsInput = join(work, 'in-gaps');
  await cp(FIXTURE_DIR, gapsInput, { recursive: true });
  const path = join(gapsInput, 'provision_versions.jsonl');
  const lines = (await readFile(path, 'utf8')).split('\n').filter((l) => l.trim() !== '');
  const edited = lines.map((line) => {
    const v = JSON.parse(line) as Record<string, unknown>;
    if (UNDATED.some((u) => u.record_id === v.record_id && u.version === v.version)) v.valid_from = null;
    if (v.record_id === TEXTLESS_RECORD) v.clause_text = null;
    return JSON.stringify(v);
  });
  await writeFile(path, `${edited.join('\n')}\n`);
  await build(gapsInput, join(work, 'fx-gaps'));

  return {
    mounts: { '/exports/fx-nohist': join(work, 'fx-nohist'), '/exports/fx-gaps': join(work, 'fx-gaps') },
    remove: () => rm(work, { recursive: true, force: true })
  };
}

/**
 * For a test file of the views over time: the demo export read in Node (what the app's numbers are checked against)
 * and the built app served with the time exports mounted beside it, for the whole file (registers its own
 * `beforeAll`/`afterAll`). Read `demo` and `server` inside tests, once they are set.
 */
export function withTimeExports(): { readonly demo: LoadedExport; readonly server: StaticServer } {
  const appDir = inject('appDir');
  const state = {} as { demo: LoadedExport; server: StaticServer };
  let remove: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    state.demo = await loadExport(join(appDir, 'exports', 'demo'));
    const made = await timeExports();
    remove = made.remove;
    state.server = await startServer({ dir: appDir, port: 0, mounts: made.mounts });
  });
  afterAll(async () => {
    state.demo?.db.close();
    await state.server?.close();
    await remove?.();
  });
  return state;
}
