/** docs/BENCHMARKS.md, written from one `npm run bench` run. */
import type { Machine } from './machine';
import type { LoadMarks } from './page-timing';
import type { ExportSize, FileSize } from './sizes';
import { mebibytes, seconds, summarize } from './stats';

export interface LoadSeries {
  title: string;
  /** The URL path measured, e.g. `/?export=bench-1m`. */
  path: string;
  exportSize: ExportSize;
  runs: LoadMarks[];
  note?: string;
}

export interface BenchResults {
  machine: Machine;
  buildMs: number | null;
  app: { totalBytes: number; largest: FileSize[] };
  loads: LoadSeries[];
  bigGeneratedMs: number | null;
}

const SIGNALS: { key: keyof LoadMarks; label: string }[] = [
  { key: 'fcp', label: 'First contentful paint' },
  { key: 'chart', label: 'Overview chart drawn (`svg` in `[data-testid="severity-by-category-chart"]`)' },
  { key: 'dbReady', label: 'Export loaded and queryable (`<html data-db="ready">`)' },
  { key: 'live', label: 'Overview showing live query results (`data-overview-source="live"`)' },
  { key: 'dbError', label: 'Load error shown (`<html data-db="error">`)' }
];

function timingTable(runs: readonly LoadMarks[]): string[] {
  const lines = ['| from navigation to | median | min | max |', '|---|---:|---:|---:|'];
  for (const { key, label } of SIGNALS) {
    const values = runs.map((r) => r[key]).filter((v): v is number => v !== undefined);
    if (values.length === 0) continue;
    const s = summarize(values);
    const runsNote = values.length === runs.length ? '' : ` (${values.length} of ${runs.length} runs)`;
    lines.push(`| ${label}${runsNote} | ${seconds(s.median)} | ${seconds(s.min)} | ${seconds(s.max)} |`);
  }
  return lines;
}

function sizeTable(size: ExportSize): string[] {
  const lines = ['| file | rows | size |', '|---|---:|---:|'];
  for (const f of size.files) {
    lines.push(`| ${f.name} | ${f.rows === undefined ? '' : f.rows.toLocaleString('en')} | ${mebibytes(f.bytes)} |`);
  }
  lines.push(`| **total** | | **${mebibytes(size.totalBytes)}** |`);
  return lines;
}

export function renderReport(r: BenchResults): string {
  const m = r.machine;
  const out = [
    '# Benchmarks',
    '',
    `Written by \`npm run bench\` (scripts/bench.ts) on ${m.date.slice(0, 10)}. One machine, one run of the script:`,
    'compare numbers measured on the same machine only.',
    '',
    '## Machine',
    '',
    '| | |',
    '|---|---|',
    `| date | ${m.date} |`,
    `| CPU | ${m.cpu} |`,
    `| nproc | ${m.nproc} |`,
    `| RAM | ${m.ramGiB} GiB |`,
    `| OS | ${m.os} |`,
    `| Node.js | ${m.node} |`,
    `| Chromium | ${m.chromium} (headless, via playwright-core) |`,
    `| load average at start (1 min) | ${m.loadAverage} |`,
    '',
    '## Method',
    '',
    '- A copy of the fresh build (`build/`) is served by `scripts/serve.ts` (the server `npm start` uses) on',
    '  127.0.0.1; large exports are served beside it from the temp folder.',
    '- Each run launches Chromium with a fresh, empty profile: no HTTP cache, no storage, a cold start every time.',
    '- Times are taken inside the page: a MutationObserver installed before any app script stamps',
    '  `performance.now()` (milliseconds since navigation start) when each signal first appears.',
    '- Every run also checks that the page requested nothing outside the app\u2019s own origin.',
    '- The overview can paint from numbers precomputed with the export (`overview.json`, listed in its manifest and',
    '  used only when its table hashes match), before the engine is ready; without them the chart waits for the',
    '  live queries.',
    '- Other work on the machine slows every number down: see the load average above.',
    ''
  ];
  if (r.buildMs !== null) {
    out.push('## Build', '', `\`vite build\` (fresh): ${seconds(r.buildMs)}.`, '');
  }
  out.push(
    '## App size',
    '',
    `The built app without exports: ${mebibytes(r.app.totalBytes)} (uncompressed). Largest files:`,
    '',
    '| file | size |',
    '|---|---:|',
    ...r.app.largest.map((f) => `| ${f.name} | ${mebibytes(f.bytes)} |`),
    ''
  );
  for (const load of r.loads) {
    out.push(`## ${load.title}`, '', `Page \`${load.path}\`, ${load.runs.length} runs.`, '');
    if (load.note) out.push(load.note, '');
    out.push('### Export size', '', ...sizeTable(load.exportSize), '', '### Load time', '', ...timingTable(load.runs), '');
    const errors = [...new Set(load.runs.flatMap((r) => (r.error ? [r.error] : [])))];
    if (errors.length > 0) {
      const failed = load.runs.filter((r) => r.error).length;
      out.push(`**The load failed in ${failed} of ${load.runs.length} runs.** The app showed:`, '');
      for (const error of errors) out.push(`> ${error}`, '');
    }
  }
  if (r.bigGeneratedMs !== null) {
    out.push(`Generating the large export took ${seconds(r.bigGeneratedMs)} (scripts/generate-demo.ts).`, '');
  }
  return out.join('\n');
}

const SECTION = /<!-- ([\w-]+):start -->[\s\S]*?<!-- \1:end -->/g;

/**
 * The new report followed by the sections other benchmarks keep in the same file between `<!-- name:start -->` and
 * `<!-- name:end -->` markers (`npm run bench:sql`, `npm run bench:compare`), carried over unchanged.
 */
export function keepMarkedSections(report: string, previous: string): string {
  const kept = previous.match(SECTION) ?? [];
  return kept.length === 0 ? report : `${report.trimEnd()}\n\n${kept.join('\n\n')}\n`;
}
