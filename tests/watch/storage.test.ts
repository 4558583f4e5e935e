/** Follows and visits kept in the browser's storage (src/lib/watch/storage.ts), with an in-memory Storage. */
import { describe, expect, it } from 'vitest';
import { followsKey, readFollows, recordVisit, toggled, visitsKey, writeFollows, type KeyValueStore } from '../../src/lib/watch/storage';

function memoryStore(): KeyValueStore & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return { data, getItem: (k) => data.get(k) ?? null, setItem: (k, v) => void data.set(k, String(v)) };
}

const refusing: KeyValueStore = {
  getItem: () => null,
  setItem: () => {
    throw new DOMException('quota', 'QuotaExceededError');
  }
};

describe('follows', () => {
  it('are kept per export, toggled on and off', () => {
    const store = memoryStore();
    let f = readFollows(store, 'Demo');
    expect(f).toEqual({ platforms: [], categories: [] });
    f = toggled(toggled(f, 'platforms', 'acme'), 'categories', 'data_sharing');
    expect(writeFollows(store, 'Demo', f)).toBe(true);
    expect(readFollows(store, 'Demo')).toEqual({ platforms: ['acme'], categories: ['data_sharing'] });
    expect(readFollows(store, 'ToS;DR')).toEqual({ platforms: [], categories: [] });
    expect(toggled(readFollows(store, 'Demo'), 'platforms', 'acme')).toEqual({ platforms: [], categories: ['data_sharing'] });
  });

  it('read whatever is stored defensively: not JSON, wrong shapes, duplicates, huge lists', () => {
    const store = memoryStore();
    store.data.set(followsKey('x'), '{not json');
    expect(readFollows(store, 'x')).toEqual({ platforms: [], categories: [] });
    store.data.set(followsKey('x'), JSON.stringify({ platforms: ['a', 'a', 3, '', null, 'b'], categories: 'data_sharing' }));
    expect(readFollows(store, 'x')).toEqual({ platforms: ['a', 'b'], categories: [] });
    store.data.set(followsKey('x'), JSON.stringify({ platforms: Array.from({ length: 500 }, (_, i) => `p${i}`) }));
    expect(readFollows(store, 'x').platforms).toHaveLength(200);
  });

  it('say when the browser refuses to store them', () => {
    expect(writeFollows(refusing, 'x', { platforms: ['a'], categories: [] })).toBe(false);
    expect(writeFollows(null, 'x', { platforms: ['a'], categories: [] })).toBe(false);
    expect(readFollows(null, 'x')).toEqual({ platforms: [], categories: [] });
  });
});

describe('recordVisit', () => {
  it('returns the day of the previous visit, the same all day long however often the app is opened', () => {
    const store = memoryStore();
    expect(recordVisit(store, 'Demo', '2026-11-20')).toBeNull();
    expect(recordVisit(store, 'Demo', '2026-11-20')).toBeNull();
    expect(recordVisit(store, 'Demo', '2026-11-25')).toBe('2026-11-20');
    expect(recordVisit(store, 'Demo', '2026-11-25')).toBe('2026-11-20');
    expect(recordVisit(store, 'Demo', '2026-11-30')).toBe('2026-11-25');
    expect(recordVisit(store, 'Other', '2026-11-30')).toBeNull();
  });

  it('ignores a stored day in the future (a clock set back) and junk', () => {
    const store = memoryStore();
    store.data.set(visitsKey('Demo'), JSON.stringify({ day: '2030-01-01', previous: '2029-12-31' }));
    expect(recordVisit(store, 'Demo', '2026-11-30')).toBeNull();
    store.data.set(visitsKey('Demo'), '"2026-11-01"');
    expect(recordVisit(store, 'Demo', '2026-11-30')).toBeNull();
    expect(() => recordVisit(store, 'Demo', '30/11/2026')).toThrow('Not a day');
  });

  it('works without storage (every visit is a first one)', () => {
    expect(recordVisit(null, 'Demo', '2026-11-30')).toBeNull();
    expect(recordVisit(refusing, 'Demo', '2026-11-30')).toBeNull();
  });
});
