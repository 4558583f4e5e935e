/**
 * `npm run bench:sql`: the SQL console's numbers (scripts/bench/sql-console.ts) over a private copy of a fresh build
 * and the demo export; prints them and writes the "SQL console" section of docs/BENCHMARKS.md (the rest of the file
 * is left as `npm run bench` wrote it). Not part of `npm test`.
 *
 *   tsx scripts/bench-sql.ts [--runs 5] [--no-write]
 */
import { parseArgs } from 'node:util';
import { measureSqlConsole, renderSqlConsoleSection, SECTION_END, SECTION_START } from './bench/sql-console';
import { reportSection } from './bench/sections';
import { startServer } from './serve';
import { snapshotApp } from './start';

const { values: args } = parseArgs({
  options: { runs: { type: 'string', default: '5' }, 'no-write': { type: 'boolean', default: false } }
});

const runs = Number(args.runs);
if (!Number.isInteger(runs) || runs < 1) throw new Error(`--runs must be a positive integer, got "${args.runs}".`);

const app = await snapshotApp();
const server = await startServer({ dir: app.dir, port: 0 });
try {
  console.log(`SQL console, ${runs} runs:`);
  const results = await measureSqlConsole(server.url, runs);
  await reportSection(renderSqlConsoleSection(results), { start: SECTION_START, end: SECTION_END }, 'the SQL console section', !args['no-write']);
} finally {
  await server.close();
  await app.remove();
}
