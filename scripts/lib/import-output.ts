/**
 * The end every importer shares: the builder input it wrote becomes an export through `buildExport` (the same checks
 * as any export), what was written is checked again with `validateExport`, and the import's own report goes beside
 * it as `import-report.json` (the validator and the app read only the files manifest.json lists, so it is harmless).
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildExport, type BuildOptions } from '../build-export';
import { formatReport, validateExport, type ValidationReport } from '../validate-export';
import { seconds } from './cli';

export const REPORT_FILE = 'import-report.json';

/** How an import ended; `Stage` names the importer's own early failure (its mappings or rules). */
export type ImportOutcome<Report, Stage extends string> =
  | { ok: true; report: Report; validation: ValidationReport }
  | { ok: false; stage: Stage | 'build' | 'validate'; errors: string[]; report?: Report; validation?: ValidationReport };

/** Runs `work` with a fresh temporary folder for builder input, removed afterwards whatever happens. */
export async function withBuilderInput<T>(prefix: string, work: (dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  try {
    return await work(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Builds `outDir` from the builder input in `inputDir`, validates it and writes the report beside it. */
export async function buildAndReport<Report>(
  inputDir: string,
  outDir: string,
  options: BuildOptions,
  report: Report
): Promise<ImportOutcome<Report, never>> {
  const built = await buildExport(inputDir, outDir, options);
  if (!built.ok) {
    const errors = built.more > 0 ? [...built.errors, `… and ${built.more} more problems`] : built.errors;
    return { ok: false, stage: 'build', errors, report };
  }
  const validation = await validateExport(outDir);
  if (!validation.ok) return { ok: false, stage: 'validate', errors: validation.errors, report, validation };
  await writeFile(join(outDir, REPORT_FILE), `${JSON.stringify(report, null, 2)}\n`);
  return { ok: true, report, validation };
}

/**
 * The end of an importer's command: its summary of what was imported and skipped, then either what failed (on stderr,
 * exit code 1) or the validator's report and where the export went. `early` says what the importer's own early
 * failure (`Stage`) means for the export.
 */
export function printOutcome<Report, Stage extends string>(
  result: ImportOutcome<Report, Stage>,
  paths: { inDir: string; outDir: string },
  startedMs: number,
  summary: (report: Report) => string,
  early: Record<Stage, string>
): void {
  if (result.report) console.log(summary(result.report));
  if (!result.ok) {
    const what: Record<string, string> = { ...early, build: 'the export was not written', validate: 'the written export does not validate' };
    console.error(`${paths.inDir}: ${what[result.stage]}:`);
    for (const line of result.errors) console.error(`  ${line}`);
    process.exit(1);
  }
  console.log(formatReport(result.validation));
  console.log(`Wrote ${paths.outDir} (and ${REPORT_FILE}) in ${seconds(startedMs)}.`);
}
