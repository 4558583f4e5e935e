/**
 * "Open in SQL console": the `/sql` link that opens a view's statement, its parameters written in as literals
 * (`inline-params.ts`), on the same export. The console runs a linked query when it opens (`/sql?q=…`).
 */
import type { Query } from '$lib/db/types';
import { inlineParams } from './inline-params';
import { SHARE_PARAM, encodeQuery } from './share';

/** The parameters that say which export is open (export-source.ts: hosted name, URL, stored files): kept. */
export const SOURCE_PARAMS = ['export', 'url', 'files'] as const;

/** `/sql` under `base`, opening `query` on the export `current` has open. */
export function sqlConsoleHref(base: string, query: Query, current: URL | null): string {
  const search = new URLSearchParams();
  if (current) for (const key of SOURCE_PARAMS) for (const v of current.searchParams.getAll(key)) search.append(key, v);
  search.set(SHARE_PARAM, encodeQuery(inlineParams(query)));
  return `${base}/sql?${search}`;
}
