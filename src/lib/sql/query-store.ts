/**
 * Recent and saved (named) queries, kept in the browser's localStorage so they survive reloads. Pure apart from the
 * `Storage` it is given, so tests pass an in-memory one. A damaged or foreign value under the key is ignored (and
 * replaced on the next write), never a reason for the console to fail.
 */

export interface RecentQuery {
  sql: string;
  /** Epoch ms of the last run. */
  at: number;
}

export interface SavedQuery {
  name: string;
  sql: string;
  /** Epoch ms of the last save. */
  at: number;
}

export interface StoredQueries {
  version: 1;
  recent: RecentQuery[];
  saved: SavedQuery[];
}

export const STORAGE_KEY = 'termscope.sql.queries';
export const MAX_RECENT = 50;
/** A query this long is still kept, but a bigger one would crowd out the rest of localStorage's ~5 MB. */
export const MAX_QUERY_LENGTH = 100_000;

type KeyValueStore = Pick<Storage, 'getItem' | 'setItem'>;

const empty = (): StoredQueries => ({ version: 1, recent: [], saved: [] });

function isEntry(x: unknown): x is { sql: string; at: number } {
  const e = x as { sql?: unknown; at?: unknown } | null;
  return typeof e === 'object' && e !== null && typeof e.sql === 'string' && typeof e.at === 'number';
}

export function parseStored(text: string | null): StoredQueries {
  if (!text) return empty();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return empty();
  }
  const data = json as Partial<StoredQueries> | null;
  if (typeof data !== 'object' || data === null || data.version !== 1) return empty();
  return {
    version: 1,
    recent: Array.isArray(data.recent) ? data.recent.filter(isEntry).map(({ sql, at }) => ({ sql, at })) : [],
    saved: Array.isArray(data.saved)
      ? data.saved
          .filter((s): s is SavedQuery => isEntry(s) && typeof (s as { name?: unknown }).name === 'string')
          .map(({ name, sql, at }) => ({ name, sql, at }))
      : []
  };
}

export class QueryStore {
  constructor(
    private readonly storage: KeyValueStore | null,
    private readonly now: () => number = Date.now
  ) {}

  read(): StoredQueries {
    try {
      return parseStored(this.storage?.getItem(STORAGE_KEY) ?? null);
    } catch {
      return empty(); // storage blocked (privacy settings): the console works without it
    }
  }

  private write(data: StoredQueries): StoredQueries {
    try {
      this.storage?.setItem(STORAGE_KEY, JSON.stringify(data));
    } catch {
      // Quota exceeded or storage blocked: keep the in-memory state; the analyst still has this session.
    }
    return data;
  }

  /** Puts a run query first in the recent list (once: running it again moves it up). */
  addRecent(sql: string): StoredQueries {
    const text = sql.trim();
    const data = this.read();
    if (text === '' || text.length > MAX_QUERY_LENGTH) return data;
    data.recent = [{ sql: text, at: this.now() }, ...data.recent.filter((r) => r.sql !== text)].slice(0, MAX_RECENT);
    return this.write(data);
  }

  /** Saves under a name; saving under an existing name replaces that query. */
  save(name: string, sql: string): StoredQueries {
    const label = name.trim();
    if (label === '') throw new Error('A saved query needs a name.');
    if (sql.trim() === '') throw new Error('There is no query to save: the editor is empty.');
    if (sql.length > MAX_QUERY_LENGTH) throw new Error(`A query longer than ${MAX_QUERY_LENGTH} characters cannot be saved.`);
    const data = this.read();
    data.saved = [{ name: label, sql, at: this.now() }, ...data.saved.filter((s) => s.name !== label)].sort((a, b) =>
      a.name.localeCompare(b.name)
    );
    return this.write(data);
  }

  remove(name: string): StoredQueries {
    const data = this.read();
    data.saved = data.saved.filter((s) => s.name !== name);
    return this.write(data);
  }

  clearRecent(): StoredQueries {
    const data = this.read();
    data.recent = [];
    return this.write(data);
  }
}
