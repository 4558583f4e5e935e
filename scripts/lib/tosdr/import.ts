/**
 * The whole ToS;DR import: check the mappings, transform the source into builder input in a temporary folder, build
 * the export with `buildExport` (the same checks as any export), validate what was written with `validateExport`, and
 * put the import report beside it as `import-report.json` (the validator and the app read only the files
 * manifest.json lists, so an extra file there is harmless).
 */
import { isIsoDay } from '../../../src/lib/contract/schema';
import { buildAndReport, withBuilderInput, type ImportOutcome } from '../import-output';
import { loadMappings, DEFAULT_MAPPINGS_DIR, DEFAULT_TAXONOMY_FILE } from './mappings';
import type { ImportReport } from './report';
import { TosdrInputError } from './source-files';
import { transformTosdr } from './transform';

export { REPORT_FILE } from '../import-output';

export interface ImportOptions {
  /** The day the data describes (YYYY-MM-DD): the manifest's data_as_of; generated_at is that day at 00:00 UTC. */
  dataAsOf: string;
  mappingsDir?: string;
  taxonomyFile?: string;
}

export type ImportResult = ImportOutcome<ImportReport, 'mappings'>;

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

  return withBuilderInput('termscope-tosdr-', async (builderDir) => {
    const report = await transformTosdr(srcDir, builderDir, { dataAsOf: options.dataAsOf, mappings: loaded.mappings });
    return buildAndReport(builderDir, outDir, { dataAsOf: options.dataAsOf, generatedAt: generatedAtFor(options.dataAsOf) }, report);
  });
}
