/**
 * Service names as ToS;DR volunteers typed them: leading spaces, a leading "!", markers such as
 * "[SPAM TO BE DELETED]". The rules (markers, junk leading characters) are data: data/mappings/tosdr/cleaning.json.
 */
import { inlineText } from './html-text';

export type NameResult = { ok: true; name: string } | { ok: false; reason: string };

export interface NameRules {
  spamMarkers: readonly string[];
  leadingJunk: string;
}

export function cleanServiceName(raw: string | null, rules: NameRules): NameResult {
  if (raw === null) return { ok: false, reason: 'no name' };
  const text = inlineText(raw) ?? '';
  const lower = text.toLowerCase();
  const marker = rules.spamMarkers.find((m) => lower.includes(m.toLowerCase()));
  if (marker !== undefined) return { ok: false, reason: `spam: the name contains "${marker}"` };
  let start = 0;
  // Strip junk characters and the spaces after them ("! Foo" → "Foo"), so junk names do not sort first.
  while (start < text.length && (rules.leadingJunk.includes(text[start]!) || text[start] === ' ')) start++;
  const name = text.slice(start).trim();
  if (!/[\p{L}\p{N}]/u.test(name)) return { ok: false, reason: `the name ${JSON.stringify(raw)} has no letter or digit` };
  return { ok: true, name };
}
