import { beforeAll, describe, expect, it } from 'vitest';
import { chooseOverview, overviewCacheUrl, readOverviewCache } from '../../src/lib/overview/overview-cache';
import type { OverviewData } from '../../src/lib/queries/overview-data';
import { CASE_MANIFEST, caseRows } from './overview-cases';
import { expectedOverview } from './overview-expected';

let cached: OverviewData;
beforeAll(() => {
  cached = expectedOverview(caseRows, CASE_MANIFEST);
});

const respond =
  (body: string, status = 200): typeof fetch =>
  async () =>
    new Response(body, { status });

describe('readOverviewCache', () => {
  it('reads a valid overview.json', async () => {
    const got = await readOverviewCache(respond(JSON.stringify(cached)), overviewCacheUrl('/exports/demo'));
    expect(got).toEqual({ state: 'loaded', data: cached });
  });

  it('asks for overview.json beside the export, revalidated', async () => {
    const calls: [string, RequestInit | undefined][] = [];
    const spy: typeof fetch = async (url, init) => {
      calls.push([String(url), init]);
      return new Response('', { status: 404 });
    };
    await readOverviewCache(spy, overviewCacheUrl('/base/exports/demo'));
    expect(calls).toEqual([['/base/exports/demo/overview.json', { cache: 'no-cache' }]]);
  });

  it.each([
    ['a missing file', respond('not found', 404), 'absent'],
    ['a network failure', (async () => { throw new TypeError('Failed to fetch'); }) as typeof fetch, 'absent'],
    ['broken JSON', respond('{"overview_version": 1,'), 'invalid'],
    ['JSON of another shape', respond('{"overview_version": 1}'), 'invalid']
  ] as const)('treats %s as no cache', async (_, fetchFn, state) => {
    expect(await readOverviewCache(fetchFn, '/exports/demo/overview.json')).toEqual({ state, data: null });
  });
});

describe('chooseOverview', () => {
  it('prefers live numbers', () => {
    const live = structuredClone(cached);
    expect(chooseOverview(live, cached, CASE_MANIFEST)).toEqual({ data: live, source: 'live' });
    expect(chooseOverview(live, null, null)?.source).toBe('live');
  });

  it('uses cached numbers only once the manifest is known and matches', () => {
    expect(chooseOverview(null, cached, CASE_MANIFEST)).toEqual({ data: cached, source: 'cache' });
    expect(chooseOverview(null, cached, null)).toBeNull();
    const rebuilt = structuredClone(CASE_MANIFEST);
    rebuilt.tables.categories!.sha256 = 'f'.repeat(64);
    expect(chooseOverview(null, cached, rebuilt)).toBeNull();
  });

  it('has nothing to show before either arrives', () => {
    expect(chooseOverview(null, null, CASE_MANIFEST)).toBeNull();
  });
});
