/**
 * Imports ToS;DR's published data into a Termscope export:
 * `tsx scripts/import-tosdr.ts <src-dir> <out-dir> --data-as-of YYYY-MM-DD`.
 *
 * <src-dir> is laid out like ToS;DR's `src/` (services/, points/, cases/, topics/). The mappings in
 * data/mappings/tosdr/ (see its README.md) turn cases into categories and ratings into severity and polarity. Ends
 * with the validator's report and a summary of what was imported and skipped; the same summary goes to
 * <out-dir>/import-report.json. Exit code 0 when the export was written and validates, 1 otherwise.
 */
import { parseArgs } from 'node:util';
import { fail, isMain } from './lib/cli';
import { printOutcome } from './lib/import-output';
import { importTosdr } from './lib/tosdr/import';
import { formatImportReport } from './lib/tosdr/report';

const USAGE =
  'Usage: tsx scripts/import-tosdr.ts <src-dir> <out-dir> --data-as-of YYYY-MM-DD [--mappings DIR] [--taxonomy FILE]\n' +
  '  --data-as-of  the day the data describes (ToS;DR files carry no dates), e.g. 2021-01-09 for tosdr.org commit 6cb7f74e';

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { 'data-as-of': { type: 'string' }, mappings: { type: 'string' }, taxonomy: { type: 'string' } }
  });
  if (positionals.length !== 2) fail(USAGE);
  if (values['data-as-of'] === undefined) fail(`--data-as-of is required: ToS;DR's files carry no dates.\n${USAGE}`);
  const [srcDir, outDir] = positionals as [string, string];
  const started = performance.now();
  const result = await importTosdr(srcDir, outDir, {
    dataAsOf: values['data-as-of'],
    mappingsDir: values.mappings,
    taxonomyFile: values.taxonomy
  });
  printOutcome(result, { inDir: srcDir, outDir }, started, formatImportReport, { mappings: 'the mappings have problems; nothing was imported' });
}

if (isMain(import.meta.url)) main().catch(fail);
