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
import { fail, isMain, seconds } from './lib/cli';
import { formatReport } from './validate-export';
import { importTosdr, REPORT_FILE } from './lib/tosdr/import';
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
  if (result.report) console.log(formatImportReport(result.report));
  if (!result.ok) {
    const what = {
      mappings: 'the mappings have problems; nothing was imported',
      build: 'the export was not written',
      validate: 'the written export does not validate'
    };
    console.error(`${srcDir}: ${what[result.stage]}:`);
    for (const line of result.errors) console.error(`  ${line}`);
    process.exit(1);
  }
  console.log(formatReport(result.validation));
  console.log(`Wrote ${outDir} (and ${REPORT_FILE}) in ${seconds(started)}.`);
}

if (isMain(import.meta.url)) main().catch(fail);
