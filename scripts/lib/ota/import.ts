/**
 * The whole Open Terms Archive import: load the rules, transform the repository into builder input in a temporary
 * folder, build the export with `buildExport` (the same checks as any export), validate what was written with
 * `validateExport`, and put the import report beside it as `import-report.json` (the validator and the app read only
 * the files manifest.json lists, so an extra file there is harmless).
 */
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildAndReport, withBuilderInput, type ImportOutcome } from '../import-output';
import type { ImportReport } from './report';
import { loadRules, RuleError } from './rules';
import { readTaxonomy, TAXONOMY_FILE } from '../taxonomy';
import { transformOta } from './transform';

export { REPORT_FILE } from '../import-output';
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
export const DEFAULT_RULES_DIR = join(ROOT, 'data/rules/ota');
export const DEFAULT_TAXONOMY_FILE = TAXONOMY_FILE;

export interface ImportOptions {
  collection?: string;
  attribution?: string;
  rulesDir?: string;
  taxonomyFile?: string;
}

export type ImportResult = ImportOutcome<ImportReport, 'rules'>;

export async function importOta(repoDir: string, outDir: string, options: ImportOptions = {}): Promise<ImportResult> {
  let rules;
  let categories;
  try {
    categories = readTaxonomy(options.taxonomyFile ?? DEFAULT_TAXONOMY_FILE);
    rules = loadRules(options.rulesDir ?? DEFAULT_RULES_DIR, new Set(categories.map((c) => c.id)));
  } catch (error) {
    if (error instanceof RuleError || error instanceof Error) return { ok: false, stage: 'rules', errors: [error.message] };
    throw error;
  }
  return withBuilderInput('termscope-ota-', async (builderDir) => {
    const t = await transformOta(repoDir, builderDir, { rules, categories, collection: options.collection, attribution: options.attribution });
    return buildAndReport(builderDir, outDir, { dataAsOf: t.dataAsOf, generatedAt: t.generatedAt, source: t.source }, t.report);
  });
}
