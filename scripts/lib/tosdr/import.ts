/**
 * The whole ToS;DR import: check the mappings, transform the source into builder input in a temporary folder, build
 * the export with `buildExport` (the same checks as any export), validate what was written with `validateExport`, and
 * put the import report beside it as `import-report.json` (the validator and the app read only the files
 * manifest.json lists, so an extra file there is harmless).
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isIsoDay } from '../../../src/lib/contract/schema';
import { buildExport } from '../../build-export';
import { validateExport, type ValidationReport } from '../../validate-export';
import { loadMappings, DEFAULT_MAPPINGS_DIR, DEFAULT_TAXONOMY_FILE } from './mappings';
import type { ImportReport } from './report';
import { TosdrInputError } from './source-files';
import { transformTosdr } from './transform';

export const REPORT_FILE = 'import-report.json';

export interface ImportOptions {
  /** The day the data describes (YYYY-MM-DD): the manifest's data_as_of; generated_at is that day at 00:00 UTC. */
  dataAsOf: string;
  mappingsDir?: string;
  taxonomyFile?: string;
}

export type ImportResult =
  | { ok: true; report: ImportReport; validation: ValidationReport }
  | { ok: false; stage: 'mappings' | 'build' | 'validate'; errors: string[]; report?: ImportReport; validation?: ValidationReport };

/**
 * ToS;DR's files carry no dates, so the export's time comes from `dataAsOf` and never from the clock: the same
 * input and day give byte-identical files.
 */
export function generatedAtFor(dataAsOf: string): string {
  return `${dataAsOf}T00:00:00Z`;
}

export async function importTosdr(srcDir: string, outDir: string, options: ImportOptions): Promise<ImportResult> {
  if (!isIsoDay(options.dataAsOf)) {
    throw new TosdrInputError(`data as of ${JSON.stringify(options.dataAsOf)} is not a day written YYYY-MM-DD`);
  }
  const loaded = await loadMappings(options.mappingsDir ?? DEFAULT_MAPPINGS_DIR, options.taxonomyFile ?? DEFAULT_TAXONOMY_FILE);
  if (!loaded.ok) return { ok: false, stage: 'mappings', errors: loaded.problems };

  const builderDir = await mkdtemp(join(tmpdir(), 'termscope-tosdr-'));
  try {
    const report = await transformTosdr(srcDir, builderDir, { dataAsOf: options.dataAsOf, mappings: loaded.mappings });
    const built = await buildExport(builderDir, outDir, { dataAsOf: options.dataAsOf, generatedAt: generatedAtFor(options.dataAsOf) });
    if (!built.ok) {
      const errors = built.more > 0 ? [...built.errors, `… and ${built.more} more problems`] : built.errors;
      return { ok: false, stage: 'build', errors, report };
    }
    const validation = await validateExport(outDir);
    if (!validation.ok) return { ok: false, stage: 'validate', errors: validation.errors, report, validation };
    await writeFile(join(outDir, REPORT_FILE), `${JSON.stringify(report, null, 2)}\n`);
    return { ok: true, report, validation };
  } finally {
    await rm(builderDir, { recursive: true, force: true });
  }
}
