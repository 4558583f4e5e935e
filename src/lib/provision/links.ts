/**
 * Links of the provision and platform pages beyond the shared ones (`$lib/compare/links`: provision, platform and
 * compare pages, keeping `?export=`): the platform list, and URLs from the data as link targets.
 */
import { appHref } from '$lib/compare/links';

export function platformsHref(base: string, current: URL | null): string {
  return appHref(base, '/platforms', {}, current);
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
