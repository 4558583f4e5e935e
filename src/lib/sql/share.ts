/**
 * The console's query in the URL (`/sql?q=…`), compressed with lz-string's URI-safe alphabet so a long query still
 * makes a link that survives chat apps and e-mail. The query never leaves the browser: it lives in the link only.
 */
// lz-string is CommonJS: Node's ESM loader (the build's prerender, now that every view links here) has no named
// exports for it, only the default one.
import lzString from 'lz-string';

const { compressToEncodedURIComponent, decompressFromEncodedURIComponent } = lzString;

export const SHARE_PARAM = 'q';
/** Browsers and servers start refusing URLs around 8–64 kB; a link longer than this is not offered. */
export const MAX_SHARE_LENGTH = 8000;

export function encodeQuery(sql: string): string {
  return compressToEncodedURIComponent(sql);
}

/** The query of a shared link, or an error saying the link is damaged (never a silently empty editor). */
export function decodeQuery(encoded: string): { sql: string } | { error: string } {
  // lz-string returns '' or null for input it cannot read, and occasionally garbage for a truncated link: a
  // compressed non-empty text always decodes to something non-empty, so empty means damaged.
  let sql: string | null = null;
  try {
    sql = decompressFromEncodedURIComponent(encoded);
  } catch {
    sql = null;
  }
  if (!sql) return { error: 'The query in this link could not be read: the link is incomplete or damaged.' };
  return { sql };
}

/** The query from the page's search params: null when there is none. */
export function queryFromSearch(search: URLSearchParams): { sql: string } | { error: string } | null {
  const value = search.get(SHARE_PARAM);
  if (value === null || value === '') return null;
  return decodeQuery(value);
}

/** Search params with the query set (or removed when empty); other params, such as `export`, are kept. */
export function searchWithQuery(search: URLSearchParams, sql: string): URLSearchParams {
  const next = new URLSearchParams(search);
  if (sql.trim() === '') next.delete(SHARE_PARAM);
  else next.set(SHARE_PARAM, encodeQuery(sql));
  return next;
}
