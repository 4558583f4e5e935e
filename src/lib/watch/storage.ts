/**
 * What an analyst follows, and when they last opened the app, kept in the browser's storage (no account): per
 * export, keyed by the export's source name, so the platforms followed in one archive do not leak into another.
 *
 * Free of Svelte and the DOM (a `Storage`-like object is passed in), so it is tested in Node. Storage may be absent
 * or refuse writes (private windows, a full quota, a sandbox): reads then give the defaults and writes say they
 * failed, and the page says the list will not survive a reload.
 */

export interface Follows {
  platforms: string[];
  categories: string[];
}

/** The part of the Web Storage API used here. */
export type KeyValueStore = Pick<Storage, 'getItem' | 'setItem'>;

const VERSION = 1;
/** Ids are the contract's ids; a list is capped so a tampered entry cannot make the page run an enormous query. */
const MAX_FOLLOWS = 200;

export function followsKey(exportKey: string): string {
  return `termscope:v${VERSION}:follows:${exportKey}`;
}

export function visitsKey(exportKey: string): string {
  return `termscope:v${VERSION}:visits:${exportKey}`;
}

function ids(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  const out: string[] = [];
  for (const v of value) if (typeof v === 'string' && v.length > 0 && v.length <= 200 && !out.includes(v)) out.push(v);
  return out.slice(0, MAX_FOLLOWS);
}

function readJson(store: KeyValueStore | null, key: string): unknown {
  try {
    const text = store?.getItem(key);
    return text ? JSON.parse(text) : null;
  } catch {
    return null; // unreadable or not JSON: as if nothing were stored
  }
}

/** True when the value was stored. */
function writeJson(store: KeyValueStore | null, key: string, value: unknown): boolean {
  if (!store) return false;
  try {
    store.setItem(key, JSON.stringify(value));
    return true;
  } catch {
    return false;
  }
}

export function readFollows(store: KeyValueStore | null, exportKey: string): Follows {
  const value = readJson(store, followsKey(exportKey));
  const record = value !== null && typeof value === 'object' ? (value as Record<string, unknown>) : {};
  return { platforms: ids(record.platforms), categories: ids(record.categories) };
}

export function writeFollows(store: KeyValueStore | null, exportKey: string, follows: Follows): boolean {
  return writeJson(store, followsKey(exportKey), { platforms: ids(follows.platforms), categories: ids(follows.categories) });
}

/** `follows` with `id` added to (or, when present, removed from) the list of `kind`. */
export function toggled(follows: Follows, kind: keyof Follows, id: string): Follows {
  const list = follows[kind];
  const next = list.includes(id) ? list.filter((x) => x !== id) : [...list, id];
  return { ...follows, [kind]: next };
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Records that the app was opened on `today` (UTC day) and returns the day of the visit before — the day of the last
 * visit on an earlier day, so reloading the page during the day does not move it — or null on a first visit.
 */
export function recordVisit(store: KeyValueStore | null, exportKey: string, today: string): string | null {
  if (!DAY.test(today)) throw new Error(`Not a day (YYYY-MM-DD): ${today}`);
  const value = readJson(store, visitsKey(exportKey));
  const record = value !== null && typeof value === 'object' ? (value as Record<string, unknown>) : {};
  const day = typeof record.day === 'string' && DAY.test(record.day) && record.day <= today ? record.day : null;
  const before = typeof record.previous === 'string' && DAY.test(record.previous) && record.previous < today ? record.previous : null;
  const previous = day === today ? before : day;
  writeJson(store, visitsKey(exportKey), { day: today, previous });
  return previous;
}
