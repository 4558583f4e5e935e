/**
 * The prerendered overview's rules (when the numbers in the page may be shown) and the geometry of the chart drawn on
 * the server, held to d3-scale — what layerchart draws with in the browser (d3-scale comes with layerchart).
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { scaleBand, scaleLinear } from 'd3-scale';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bandLayout, niceTicks, truncateLabel } from '../../src/lib/components/overview/static-chart';
import type { Manifest } from '../../src/lib/contract/schema';
import { DEFAULT_EXPORT } from '../../src/lib/db/export-location';
import { checkPrerendered, usablePrerendered } from '../../src/lib/overview/prerendered';
import { OVERVIEW_VERSION, type OverviewData } from '../../src/lib/queries/overview-data';

const sha = (c: string) => c.repeat(64);
const manifest: Manifest = {
  schema_version: 1.1,
  generated_at: '2026-11-30T00:00:00Z',
  source: { name: 'Demo', licence: 'CC0-1.0', attribution: 'Tests' },
  tables: {
    platforms: { file: 'platforms.parquet', rows: 1, bytes: 10, sha256: sha('a') },
    documents: { file: 'documents.parquet', rows: 1, bytes: 10, sha256: sha('b') },
    categories: { file: 'categories.parquet', rows: 1, bytes: 10, sha256: sha('c') },
    provisions: { file: 'provisions.parquet', rows: 1, bytes: 10, sha256: sha('d') }
  }
};
const data: OverviewData = {
  overview_version: OVERVIEW_VERSION,
  tables_sha256: { platforms: sha('a'), documents: sha('b'), categories: sha('c'), provisions: sha('d') },
  row_counts: { platforms: 1, documents: 1, categories: 1, provisions: 1 },
  provisions: { active: 1, removed: 0 },
  by_severity: (['critical', 'high', 'medium', 'low', 'info', 'unrated'] as const).map((severity) => ({ severity, count: severity === 'high' ? 1 : 0 })),
  severity_by_category: [],
  coverage: [],
  platform_total: 1
};

describe('usablePrerendered', () => {
  const pre = checkPrerendered('demo', manifest, data)!;

  it('checkPrerendered keeps overview data of exactly these files, and nothing else', () => {
    expect(pre).toEqual({ exportName: 'demo', manifest, data });
    expect(checkPrerendered('demo', manifest, { ...data, overview_version: 0 })).toBeNull();
    expect(checkPrerendered('demo', manifest, { ...data, tables_sha256: { ...data.tables_sha256, provisions: sha('e') } })).toBeNull();
  });

  it.each([
    ['the default export, today, before the manifest is read', 'demo', null, null, true],
    ['the default export, today, with the same files', 'demo', null, manifest, true],
    ['another export', 'other', null, null, false],
    ['a past day', 'demo', '2024-01-01', null, false],
    ['the export rebuilt since the app was built', 'demo', null, { ...manifest, tables: { ...manifest.tables, provisions: { ...manifest.tables.provisions!, sha256: sha('f') } } }, false]
  ] as const)('%s: %s', (_, name, asOf, m, shown) => {
    expect(usablePrerendered(pre, name, asOf, m as Manifest | null)).toBe(shown ? pre : null);
  });

  it('nothing prerendered, nothing shown', () => {
    expect(usablePrerendered(null, 'demo', null, null)).toBeNull();
  });
});

describe('prerender-guard.js, run before the page is parsed', () => {
  const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
  const source = readFileSync(join(root, 'static/prerender-guard.js'), 'utf8');

  it('is the first script of every page, naming the default export', () => {
    const template = readFileSync(join(root, 'src/app.html'), 'utf8');
    const tag = /<script src="%sveltekit\.assets%\/prerender-guard\.js" data-default-export="([^"]+)"><\/script>/.exec(template);
    expect(tag?.[1]).toBe(DEFAULT_EXPORT);
    expect(template.indexOf(tag![0])).toBeLessThan(template.indexOf('%sveltekit.head%'));
  });

  /** Runs the script as the page's head would, under a URL's query; whether it marked the page. */
  function marks(search: string, defaultExport = 'demo'): boolean {
    const attributes = new Map<string, string>();
    const document = {
      currentScript: { getAttribute: (name: string) => (name === 'data-default-export' ? defaultExport : null) },
      documentElement: { setAttribute: (name: string, value: string) => attributes.set(name, value) }
    };
    new Function('document', 'location', source)(document, { search });
    return attributes.has('data-prerender-foreign');
  }

  it.each([
    ['', false],
    ['?export=demo', false],
    ['?export=', false],
    ['?tab=x', false],
    ['?export=tosdr', true],
    ['?asOf=2021-01-01', true],
    ['?export=demo&asOf=2021-01-01', true]
  ])('%s: hides the prerendered numbers = %s', (search, hidden) => {
    expect(marks(search)).toBe(hidden);
  });

  it('compares with the default export its tag names', () => {
    expect(marks('?export=demo', 'other')).toBe(true);
  });
});

describe('the server-drawn chart matches d3-scale', () => {
  it('band layout', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 60 }), fc.integer({ min: 30, max: 3000 }), (n, size) => {
        const d3 = scaleBand<number>().domain(Array.from({ length: n }, (_, i) => i)).range([0, size]).padding(0.28);
        const ours = bandLayout(n, size, 0.28);
        expect(ours.bandwidth).toBeCloseTo(d3.bandwidth(), 9);
        for (let i = 0; i < n; i++) expect(ours.start + i * ours.step).toBeCloseTo(d3(i)!, 9);
      })
    );
  });

  it('nice axis end and ticks', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 5_000_000 }), (max) => {
        const d3 = scaleLinear().domain([0, max > 0 ? max : 1]).nice();
        const ours = niceTicks(max);
        expect(ours.max).toBe(d3.domain()[1]);
        expect(ours.values).toEqual(d3.ticks());
      })
    );
    expect(niceTicks(1158)).toEqual({ max: 1200, values: [0, 100, 200, 300, 400, 500, 600, 700, 800, 900, 1000, 1100, 1200] });
  });

  it('labels cut with an ellipsis to about the width given', () => {
    expect(truncateLabel('Data retention', 248)).toBe('Data retention');
    expect(truncateLabel('Training data use of user inputs and outputs', 248)).toBe('Training data use of user inputs and ou…');
    expect(truncateLabel('x'.repeat(100), 62)).toBe(`${'x'.repeat(9)}…`);
  });
});
