import { describe, expect, it, vi } from 'vitest';
import { fakePage } from './fake-app.svelte';

vi.mock('$app/environment', () => ({ browser: true }));
vi.mock('$app/state', async () => ({ page: (await import('./fake-app.svelte')).fakePage }));
vi.mock('$app/navigation', async () => ({ goto: (await import('./fake-app.svelte')).fakePage.goto }));

const { UrlState } = await import('../../src/lib/filters/UrlState.svelte');
const { defineParams } = await import('../../src/lib/filters/schema');
const { dayParam, enumParam, textParam } = await import('../../src/lib/filters/params');

const schema = defineParams({ severity: enumParam(['high', 'low'], null), asOf: dayParam(), q: textParam() });

describe('UrlState', () => {
  it('follows the URL, and navigates to change it', async () => {
    fakePage.url = new URL('http://localhost/compare?export=demo&asOf=2023-02-29&severity=high#top');
    const state = new UrlState(schema);
    expect(state.value).toEqual({ severity: 'high', asOf: null, q: '' });
    expect(state.notes).toEqual(['Ignored asOf=2023-02-29: not a calendar day']);

    expect(state.href({ severity: 'low' })).toBe('/compare?severity=low&export=demo#top');
    await state.set({ asOf: '2024-02-29' });
    expect(fakePage.visits.at(-1)).toEqual({
      url: 'http://localhost/compare?severity=high&asOf=2024-02-29&export=demo#top',
      options: { keepFocus: true, noScroll: true, replaceState: false }
    });
    expect(state.value).toEqual({ severity: 'high', asOf: '2024-02-29', q: '' });
    expect(state.notes).toEqual([]);

    await state.set({ q: 'arbitration' }, { replace: true });
    expect(fakePage.visits.at(-1)!.options).toEqual({ keepFocus: true, noScroll: true, replaceState: true });
    expect(state.value.q).toBe('arbitration');

    const count = fakePage.visits.length;
    await state.set({ q: 'arbitration' });
    expect(fakePage.visits.length).toBe(count);

    await state.reset();
    expect(fakePage.url.search).toBe('?export=demo');
    expect(state.value).toEqual(schema.defaults);
  });
});
