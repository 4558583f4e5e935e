/**
 * The follows of the loaded export as reactive state, and the day of the analyst's previous visit. One instance per
 * export and page load (`watchlistFor`): the visit is recorded once when the app opens, not on every client-side
 * navigation.
 */
import { readFollows, recordVisit, toggled, writeFollows, type Follows, type KeyValueStore } from './storage';

function browserStorage(): KeyValueStore | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null; // storage denied (e.g. a sandboxed frame): follows last until the page closes
  }
}

/** The user's own today, as a UTC day (the export's days are UTC). */
function utcToday(): string {
  return new Date().toISOString().slice(0, 10);
}

export class Watchlist {
  readonly exportKey: string;
  follows = $state.raw<Follows>({ platforms: [], categories: [] });
  /** The day of the visit before this one, or null on a first visit. */
  readonly previousVisit: string | null;
  /** False when the browser refused to store the last change: the list will not survive a reload. */
  saved = $state(true);
  readonly #store: KeyValueStore | null;

  constructor(exportKey: string, store: KeyValueStore | null = browserStorage(), today = utcToday()) {
    this.exportKey = exportKey;
    this.#store = store;
    this.follows = readFollows(store, exportKey);
    this.previousVisit = recordVisit(store, exportKey, today);
  }

  isFollowed(kind: keyof Follows, id: string): boolean {
    return this.follows[kind].includes(id);
  }

  toggle(kind: keyof Follows, id: string): void {
    // Another tab may have changed the list since: start from what is stored.
    const current = this.#store ? readFollows(this.#store, this.exportKey) : this.follows;
    this.follows = toggled(current, kind, id);
    this.saved = writeFollows(this.#store, this.exportKey, this.follows);
  }
}

const lists = new Map<string, Watchlist>();

/** The watchlist of the export whose source is `exportKey` (its manifest's source name). */
export function watchlistFor(exportKey: string): Watchlist {
  let list = lists.get(exportKey);
  if (!list) {
    list = new Watchlist(exportKey);
    lists.set(exportKey, list);
  }
  return list;
}
