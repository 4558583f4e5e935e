/**
 * Imports an Open Terms Archive versions repository into a Termscope export:
 * `tsx scripts/import-ota.ts <repo-dir> <out-dir> [--collection NAME] [--attribution TEXT]`.
 *
 * <repo-dir> is a clone of any Open Terms Archive versions repository (`<service>/<terms type>.md` files, one commit
 * per recorded version). The rules in data/rules/ota/ (see its README.md) normalise the text and pick the paragraphs
 * that are provisions. Ends with the validator's report and a summary of what was imported and skipped; the same
 * summary goes to <out-dir>/import-report.json. Exit code 0 when the export was written and validates, 1 otherwise.
 */
import { parseArgs } from 'node:util';
import { fail, isMain } from './lib/cli';
import { printOutcome } from './lib/import-output';
import { importOta } from './lib/ota/import';
import { formatImportReport } from './lib/ota/report';

const USAGE =
  'Usage: tsx scripts/import-ota.ts <repo-dir> <out-dir> [--collection NAME] [--attribution TEXT] [--rules DIR] [--taxonomy FILE]\n' +
  '  --collection   the collection\'s name (default: read from the commit messages\' snapshot links)\n' +
  '  --attribution  the attribution shown with the data (default: data/rules/ota/collections.json)';

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { collection: { type: 'string' }, attribution: { type: 'string' }, rules: { type: 'string' }, taxonomy: { type: 'string' } }
  });
  if (positionals.length !== 2) fail(USAGE);
  const [repoDir, outDir] = positionals as [string, string];
  const started = performance.now();
  const result = await importOta(repoDir, outDir, {
    collection: values.collection,
    attribution: values.attribution,
    rulesDir: values.rules,
    taxonomyFile: values.taxonomy
  });
  printOutcome(result, { inDir: repoDir, outDir }, started, formatImportReport, { rules: 'the rules have problems; nothing was imported' });
}

if (isMain(import.meta.url)) main().catch(fail);
