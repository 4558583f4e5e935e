/**
 * The real public samples of ../shared/data imported with the project's own importers, for the browser tests: the
 * ToS;DR 2021 sample as `?export=tosdr` and the Open Terms Archive genai-eu bundle as `?export=ota`. global-setup
 * puts them in the served copy of the app (`<appDir>/exports/…`); a test file reads `inject('realExports')` and
 * skips, saying why, when the samples are absent (they are not in the repository).
 *
 * Importing both takes 15-30 s (two minutes at load 28), so the result is kept in node_modules/.cache, keyed by the
 * contents of everything it comes from (the samples, scripts/, src/lib/, data/ with the importers' rules and
 * taxonomies, package-lock.json): a run whose inputs and code are unchanged copies it (under a second), any change
 * imports again. `npm test` imports it beside the Node tests (scripts/test.ts). Entries unused for a week are removed.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readdir, readFile, rename, rm, stat, utimes } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { promisify } from 'node:util';
import { importOta } from '../../scripts/lib/ota/import';
import { importTosdr } from '../../scripts/lib/tosdr/import';
import { ROOT } from '../../scripts/start';

export const SHARED_DATA = resolve(ROOT, '../shared/data');
export const TOSDR_SAMPLE = join(SHARED_DATA, 'tosdr-2021-sample');
export const OTA_BUNDLE = join(SHARED_DATA, 'ota-genai-eu-2026/genai-eu-versions.bundle');
/** The tosdr.org commit the sample comes from is of this day (../shared/data/README.md). */
export const TOSDR_DATA_AS_OF = '2021-01-09';

export interface RealExports {
  /** Both samples imported and mounted. */
  available: boolean;
  /** Why not, when they are not: the reason a test file gives for skipping. */
  why?: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    realExports: RealExports;
  }
}

const CACHE = join(ROOT, 'node_modules', '.cache', 'termscope-real-exports');
const STALE_MS = 7 * 24 * 3600 * 1000;
/** What the imported exports are made from: any change to one of these imports them again. */
const INPUTS = [TOSDR_SAMPLE, OTA_BUNDLE, join(ROOT, 'scripts'), join(ROOT, 'src', 'lib'), join(ROOT, 'data'), join(ROOT, 'package-lock.json')];

async function filesUnder(path: string): Promise<string[]> {
  if (!(await stat(path)).isDirectory()) return [path];
  const out: string[] = [];
  for (const entry of (await readdir(path)).sort()) out.push(...(await filesUnder(join(path, entry))));
  return out;
}

/** SHA-256 over the path and bytes of every input file, in a fixed order. */
async function cacheKey(): Promise<string> {
  const hash = createHash('sha256');
  for (const input of INPUTS) {
    for (const file of await filesUnder(input)) {
      hash.update(`${relative(ROOT, file)}\0`);
      hash.update(await readFile(file));
      hash.update('\0');
    }
  }
  return hash.digest('hex').slice(0, 32);
}

/** Imports both samples into `out/tosdr` and `out/ota`. */
async function importBoth(out: string): Promise<void> {
  const tosdr = await importTosdr(TOSDR_SAMPLE, join(out, 'tosdr'), { dataAsOf: TOSDR_DATA_AS_OF });
  if (!tosdr.ok) throw new Error(`import:tosdr failed on ${TOSDR_SAMPLE} (${tosdr.stage}):\n  ${tosdr.errors.join('\n  ')}`);
  const work = await mkdtemp(join(tmpdir(), 'termscope-ota-clone-'));
  try {
    const clone = join(work, 'genai-eu-versions');
    await promisify(execFile)('git', ['clone', '--quiet', OTA_BUNDLE, clone]);
    const ota = await importOta(clone, join(out, 'ota'));
    if (!ota.ok) throw new Error(`import:ota failed on ${OTA_BUNDLE} (${ota.stage}):\n  ${ota.errors.join('\n  ')}`);
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

/**
 * The folder holding `tosdr/` and `ota/` imported from the current samples and code, importing them first when the
 * cache has no such folder (written under another name, then renamed: a run stopped half-way leaves nothing that
 * looks complete). Entries unused for a week are removed. Null when a sample is missing, with the reason.
 */
export async function cachedRealExports(log: (line: string) => void): Promise<{ dir: string } | { dir: null; why: string }> {
  const missing = [TOSDR_SAMPLE, OTA_BUNDLE].filter((p) => !existsSync(p));
  if (missing.length > 0) return { dir: null, why: `the real samples are not there (${missing.join(', ')}); see ../shared/data/README.md` };
  const key = await cacheKey();
  const dir = join(CACHE, key);
  if (existsSync(dir)) {
    const now = new Date();
    await utimes(dir, now, now);
    return { dir };
  }
  const started = performance.now();
  await mkdir(CACHE, { recursive: true });
  const partial = await mkdtemp(join(CACHE, `.${key}-`));
  try {
    await importBoth(partial);
    await rename(partial, dir).catch((error: NodeJS.ErrnoException) => {
      // Another run finished the same import first: its copy is as good.
      if (!existsSync(dir)) throw error;
    });
  } finally {
    await rm(partial, { recursive: true, force: true });
  }
  // Entries of other code (other checkouts share node_modules) are left alone for a week after their last use.
  for (const entry of await readdir(CACHE)) {
    const path = join(CACHE, entry);
    if (entry !== key && Date.now() - (await stat(path)).mtimeMs > STALE_MS) await rm(path, { recursive: true, force: true });
  }
  log(`imported the real samples in ${((performance.now() - started) / 1000).toFixed(1)} s (kept in ${relative(ROOT, CACHE)})`);
  return { dir };
}

/**
 * Puts both samples, imported, in `<appDir>/exports/tosdr` and `<appDir>/exports/ota`. A missing sample is a skip
 * reason; an importer that fails on a present sample is an error (the run must not silently lose these tests).
 */
export async function importRealExports(appDir: string, log: (line: string) => void): Promise<RealExports> {
  const cached = await cachedRealExports(log);
  if (cached.dir === null) return { available: false, why: cached.why };
  for (const name of ['tosdr', 'ota']) await cp(join(cached.dir, name), join(appDir, 'exports', name), { recursive: true });
  log('the real samples are served as ?export=tosdr and ?export=ota');
  return { available: true };
}
