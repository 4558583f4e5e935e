/**
 * The real public samples of ../shared/data imported with the project's own importers, for the browser tests: the
 * ToS;DR 2021 sample as `?export=tosdr` and the Open Terms Archive genai-eu bundle as `?export=ota`. global-setup
 * imports them once per run into the served copy of the app (`<appDir>/exports/…`); a test file reads
 * `inject('realExports')` and skips, saying why, when the samples are absent (they are not in the repository).
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
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

/**
 * Imports both samples into `<appDir>/exports/tosdr` and `<appDir>/exports/ota`. A missing sample is a skip reason;
 * an importer that fails on a present sample is an error (the run must not silently lose these tests).
 */
export async function importRealExports(appDir: string, log: (line: string) => void): Promise<RealExports> {
  const missing = [TOSDR_SAMPLE, OTA_BUNDLE].filter((p) => !existsSync(p));
  if (missing.length > 0) return { available: false, why: `the real samples are not there (${missing.join(', ')}); see ../shared/data/README.md` };
  const started = performance.now();
  const tosdr = await importTosdr(TOSDR_SAMPLE, join(appDir, 'exports', 'tosdr'), { dataAsOf: TOSDR_DATA_AS_OF });
  if (!tosdr.ok) throw new Error(`import:tosdr failed on ${TOSDR_SAMPLE} (${tosdr.stage}):\n  ${tosdr.errors.join('\n  ')}`);
  const work = await mkdtemp(join(tmpdir(), 'termscope-ota-clone-'));
  try {
    const clone = join(work, 'genai-eu-versions');
    await promisify(execFile)('git', ['clone', '--quiet', OTA_BUNDLE, clone]);
    const ota = await importOta(clone, join(appDir, 'exports', 'ota'));
    if (!ota.ok) throw new Error(`import:ota failed on ${OTA_BUNDLE} (${ota.stage}):\n  ${ota.errors.join('\n  ')}`);
  } finally {
    await rm(work, { recursive: true, force: true });
  }
  log(`imported the real samples as ?export=tosdr and ?export=ota in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return { available: true };
}
