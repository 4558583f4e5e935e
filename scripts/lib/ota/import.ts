/**
 * The whole Open Terms Archive import: load the rules, transform the repository into builder input in a temporary
 * folder, build the export with `buildExport` (the same checks as any export), validate what was written with
 * `validateExport`, and put the import report beside it as `import-report.json` (the validator and the app read only
 * the files manifest.json lists, so an extra file there is harmless).
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildExport } from '../../build-export';
import { validateExport, type ValidationReport } from '../../validate-export';
import type { ImportReport } from './report';
import { loadRules, RuleError } from './rules';
import { readTaxonomy } from './taxonomy';
import { transformOta } from './transform';

export const REPORT_FILE = 'import-report.json';
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
export const DEFAULT_RULES_DIR = join(ROOT, 'data/rules/ota');
export const DEFAULT_TAXONOMY_FILE = join(ROOT, 'data/taxonomy/categories.json');

export interface ImportOptions {
  collection?: string;
  attribution?: string;
  rulesDir?: string;
  taxonomyFile?: string;
}

export type ImportResult =
  | { ok: true; report: ImportReport; validation: ValidationReport }
  | { ok: false; stage: 'rules' | 'build' | 'validate'; errors: string[]; report?: ImportReport; validation?: ValidationReport };

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
  const builderDir = await mkdtemp(join(tmpdir(), 'termscope-ota-'));
  try {
    const t = await transformOta(repoDir, builderDir, { rules, categories, collection: options.collection, attribution: options.attribution });
    const built = await buildExport(builderDir, outDir, { dataAsOf: t.dataAsOf, generatedAt: t.generatedAt, source: t.source });
    if (!built.ok) {
      const errors = built.more > 0 ? [...built.errors, `… and ${built.more} more problems`] : built.errors;
      return { ok: false, stage: 'build', errors, report: t.report };
    }
    const validation = await validateExport(outDir);
    if (!validation.ok) return { ok: false, stage: 'validate', errors: validation.errors, report: t.report, validation };
    await writeFile(join(outDir, REPORT_FILE), `${JSON.stringify(t.report, null, 2)}\n`);
    return { ok: true, report: t.report, validation };
  } finally {
    await rm(builderDir, { recursive: true, force: true });
  }
}
