/**
 * Links between views that keep the app-wide `?export=` of the current page, so following a link never silently
 * switches the analyst back to the demo export.
 */
import { APP_PARAMS } from '$lib/filters/schema';
import { idLocation } from '$lib/routing/id-paths';

/** `path` (under the app's base) with `params` (repeated keys for arrays; empty values left out) and the app params. */
export function appHref(base: string, path: string, params: Record<string, string | readonly string[] | null | undefined>, current: URL | null): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === null || value === undefined || value === '') continue;
    for (const v of Array.isArray(value) ? value : [value as string]) search.append(key, v);
  }
  if (current) for (const key of APP_PARAMS) for (const v of current.searchParams.getAll(key)) search.append(key, v);
  const query = search.toString();
  return `${base}${path}${query ? `?${query}` : ''}`;
}

export function provisionHref(base: string, recordId: string, current: URL | null): string {
  const { path, params } = idLocation('provisions', recordId);
  return appHref(base, path, params, current);
}

export function platformHref(base: string, platformId: string, current: URL | null): string {
  const { path, params } = idLocation('platforms', platformId);
  return appHref(base, path, params, current);
}

/** The compare view for a category, optionally narrowed to some platforms and as of a day. */
export function compareHref(
  base: string,
  category: string,
  current: URL | null,
  options: { platforms?: readonly string[]; asOf?: string | null } = {}
): string {
  return appHref(base, '/compare', { category, asOf: options.asOf ?? null, platform: options.platforms ?? [] }, current);
}
