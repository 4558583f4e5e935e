import { describe, expect, it } from 'vitest';
import { MAX_RECENT, parseStored, QueryStore, STORAGE_KEY } from '../../src/lib/sql/query-store';

class MemoryStorage {
  data = new Map<string, string>();
  getItem(key: string) {
    return this.data.get(key) ?? null;
  }
  setItem(key: string, value: string) {
    this.data.set(key, value);
  }
}

function clock() {
  let t = 1_000;
  return () => (t += 1_000);
}

describe('QueryStore', () => {
  it('keeps recent queries newest first, once each, up to the cap, across instances', () => {
    const storage = new MemoryStorage();
    const store = new QueryStore(storage, clock());
    store.addRecent('SELECT 1');
    store.addRecent('SELECT 2');
    store.addRecent('  SELECT 1  ');
    store.addRecent('   ');
    const again = new QueryStore(storage);
    expect(again.read().recent.map((r) => r.sql)).toEqual(['SELECT 1', 'SELECT 2']);
    for (let i = 0; i < MAX_RECENT + 10; i++) store.addRecent(`SELECT ${i + 100}`);
    const recent = again.read().recent;
    expect(recent).toHaveLength(MAX_RECENT);
    expect(recent[0]!.sql).toBe(`SELECT ${MAX_RECENT + 109}`);
  });

  it('saves by name (replacing a query of the same name), sorted, and deletes', () => {
    const storage = new MemoryStorage();
    const store = new QueryStore(storage, clock());
    store.save('b query', 'SELECT 2');
    store.save('a query', 'SELECT 1');
    store.save(' b query ', 'SELECT 22');
    expect(store.read().saved.map((s) => [s.name, s.sql])).toEqual([
      ['a query', 'SELECT 1'],
      ['b query', 'SELECT 22']
    ]);
    store.remove('a query');
    expect(new QueryStore(storage).read().saved.map((s) => s.name)).toEqual(['b query']);
  });

  it('refuses to save without a name or a query, saying which', () => {
    const store = new QueryStore(new MemoryStorage());
    expect(() => store.save(' ', 'SELECT 1')).toThrow(/needs a name/);
    expect(() => store.save('x', '  ')).toThrow(/editor is empty/);
  });

  it('ignores damaged or foreign data and storage that throws', () => {
    for (const text of ['{', 'null', '[]', '{"version":2,"recent":[]}', '{"version":1,"recent":[{"sql":1}],"saved":"x"}']) {
      expect(parseStored(text)).toEqual({ version: 1, recent: [], saved: [] });
    }
    const storage = new MemoryStorage();
    storage.setItem(STORAGE_KEY, '{"version":1,"recent":[{"sql":"SELECT 1","at":5},{"bad":true}],"saved":[]}');
    expect(new QueryStore(storage).read().recent).toEqual([{ sql: 'SELECT 1', at: 5 }]);
    const blocked = {
      getItem: () => {
        throw new Error('SecurityError');
      },
      setItem: () => {
        throw new Error('QuotaExceededError');
      }
    };
    const store = new QueryStore(blocked);
    expect(store.read().recent).toEqual([]);
    expect(store.addRecent('SELECT 1').recent.map((r) => r.sql)).toEqual(['SELECT 1']);
  });
});
