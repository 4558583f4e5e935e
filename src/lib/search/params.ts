/**
 * The search page's whole state, in its URL:
 * `/search?q=%22opt+out%22+train*&category=ai_training_data&sector=Social%20media&severity=high&from=2023-01-01&page=2`.
 *
 * `q` is the search (as on every search site, and as the header's search box sends it). The platform filter's own
 * name search, `q` on the other views, is `pq` here.
 */
import { platformFilterParams, platformFilterPatch, platformFilterValue, severitiesParam } from '$lib/components/filters/params';
import type { PlatformFilterValue } from '$lib/components/filters/options';
import { dayParam, idsParam, intParam, textParam } from '$lib/filters/params';
import { defineParams, type ParamValues } from '$lib/filters/schema';
import { MAX_QUERY_LENGTH } from './parse-query';

/** Results per page. */
export const SEARCH_PAGE_SIZE = 25;

const { q: platformQ, ...platformParams } = platformFilterParams();

const specs = {
  q: textParam({ maxLength: MAX_QUERY_LENGTH }),
  category: idsParam({ max: 200 }),
  ...platformParams,
  pq: platformQ,
  severity: severitiesParam(),
  /** First tracked on or after this day (UTC). */
  from: dayParam({ min: '1990-01-01' }),
  /** First tracked on or before this day (UTC). */
  to: dayParam({ min: '1990-01-01' }),
  page: intParam({ fallback: 1, min: 1, max: 1_000_000 })
};

export const searchParams = defineParams(specs);
export type SearchParams = ParamValues<typeof specs>;

/** The platform filter's parameters as on every view, but for its name search, which is `pq` here. */
export function searchPlatformValue(v: SearchParams): PlatformFilterValue {
  return platformFilterValue({ ...v, q: v.pq });
}

export function searchPlatformPatch(patch: Partial<PlatformFilterValue>): Partial<SearchParams> {
  const { q, ...rest } = platformFilterPatch(patch);
  return q === undefined ? rest : { ...rest, pq: q };
}

/** The address of a search for `query` (the header's box), keeping the chosen export. */
export function searchHref(basePath: string, query: string, exportSuffix: string): string {
  const params = new URLSearchParams(exportSuffix.replace(/^\?/, ''));
  if (query.trim() !== '') params.set('q', query);
  const text = params.toString();
  return `${basePath}/search${text ? `?${text}` : ''}`;
}
