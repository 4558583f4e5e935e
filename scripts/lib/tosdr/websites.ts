/**
 * Website values of ToS;DR services: mostly bare hosts ("facebook.com"), some URLs, some junk ("None", "oof",
 * "https://https://…"). The contract takes an http(s) URL whose host has a dot (schema.ts URL_PATTERN); a bare host
 * becomes an https URL of that host; anything else is junk, dropped and reported with its reason.
 */
import { URL_PATTERN } from '../../../src/lib/contract/schema';

export type WebsiteResult = { ok: true; url: string } | { ok: false; reason: string };

const SCHEME = /^[a-z][a-z0-9+.-]*:/i;
/** A host name with at least one dot, each label letters, digits or hyphens, optionally followed by a path. */
const BARE_HOST = /^(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z][a-z0-9-]*[a-z0-9](?:[/?#]\S*)?$/i;

export function cleanWebsite(raw: string): WebsiteResult {
  const value = raw.trim();
  if (/^https?:\/\//i.test(value)) {
    // "https://https://x" has the host "https", without a dot: the contract's pattern refuses it, and so do we.
    if (!URL_PATTERN.regex.test(value)) return { ok: false, reason: 'not an http(s) URL with a host name' };
    return { ok: true, url: value };
  }
  if (SCHEME.test(value) && !BARE_HOST.test(value)) return { ok: false, reason: 'not an http(s) URL' };
  if (BARE_HOST.test(value)) {
    const url = `https://${value}`;
    if (URL_PATTERN.regex.test(url)) return { ok: true, url };
  }
  return { ok: false, reason: 'neither a URL nor a host name' };
}
