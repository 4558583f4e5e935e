/**
 * Links between views that keep the export being looked at: `?export=<name>` is read once per page load, so a link
 * that dropped it would open the demo when followed in a new tab or shared. Ids are percent-encoded as path segments
 * (an id may hold "/", "?" or "#"); `base` is the app's base path (`$app/paths`).
 */
import { APP_PARAMS } from '$lib/filters/schema';

function withAppParams(path: string, current: URL, search = new URLSearchParams()): string {
  for (const key of APP_PARAMS) for (const value of current.searchParams.getAll(key)) search.append(key, value);
  const query = search.toString();
  return query ? `${path}?${query}` : path;
}

export function provisionHref(base: string, recordId: string, current: URL): string {
  return withAppParams(`${base}/provisions/${encodeURIComponent(recordId)}`, current);
}

export function platformHref(base: string, platformId: string, current: URL): string {
  return withAppParams(`${base}/platforms/${encodeURIComponent(platformId)}`, current);
}

export function platformsHref(base: string, current: URL): string {
  return withAppParams(`${base}/platforms`, current);
}

/** The compare view for one category (its URL parameter is `category`, src/routes/compare). */
export function compareHref(base: string, categoryId: string, current: URL): string {
  return withAppParams(`${base}/compare`, current, new URLSearchParams({ category: categoryId }));
}

/**
 * A URL from the data as a link target, or null: only absolute http(s) URLs. The contract checks the pattern when an
 * export loads; this keeps a `javascript:` or `data:` value out of an href should a check ever be skipped.
 */
export function externalHref(url: string | null | undefined): string | null {
  if (!url || !/^https?:\/\/\S+$/i.test(url)) return null;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : null;
  } catch {
    return null;
  }
}
