/**
 * Where the open export comes from, and how the page's URL says so (so a reload opens it again):
 * - `?export=<name>`: an export hosted with the app, `static/exports/<name>/` (export-location.ts);
 * - `?url=<address>`: an export published elsewhere, read from its folder's `manifest.json` (only origins the site's
 *   policy allows, see `connectAllowed`);
 * - `?files=<id>`: files the analyst picked or dropped, kept in the browser's private storage (opfs-store.ts).
 * Pure: no duckdb-wasm, so pages and Node tests can read it.
 */
import { DEFAULT_EXPORT, exportName } from './export-location';

/** One file the analyst picked, dropped or unzipped: its path inside what was opened, and its bytes. */
export interface PickedFile {
  path: string;
  file: Blob;
}

export type ExportSource =
  | { kind: 'hosted'; name: string }
  | { kind: 'url'; base: string }
  | { kind: 'files'; label: string; files: readonly PickedFile[]; stored: string | null };

/** What the page's URL asks for; `files` names stored files not read yet. */
export type SourceChoice =
  | { kind: 'hosted'; name: string; rejected?: string }
  | { kind: 'url'; base: string }
  | { kind: 'files'; stored: string }
  | { kind: 'invalid-url'; url: string; problem: string };

/** A stored set's id: what `opfs-store.ts` makes (letters, digits, '-'). */
const STORED_ID = /^[a-z0-9-]{1,64}$/;

/**
 * An export's address as the analyst typed it — its folder or its `manifest.json` — as the folder URL without a
 * trailing slash; or why it cannot be one.
 */
export function exportUrl(text: string): { base: string } | { problem: string } {
  const trimmed = text.trim();
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    return { problem: `"${trimmed}" is not a web address: write it in full, starting with https://` };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return { problem: `"${trimmed}" is a ${url.protocol} address: an export is read over https:// (or http://)` };
  }
  if (url.username || url.password) return { problem: 'an address with a user name or password in it is not opened' };
  url.hash = '';
  url.search = '';
  const path = url.pathname.replace(/\/manifest\.json$/, '').replace(/\/+$/, '');
  return { base: `${url.origin}${path}` };
}

export function sourceChoice(search: URLSearchParams): SourceChoice {
  const url = search.get('url');
  if (url !== null && url !== '') {
    const parsed = exportUrl(url);
    return 'base' in parsed ? { kind: 'url', base: parsed.base } : { kind: 'invalid-url', url, problem: parsed.problem };
  }
  const files = search.get('files');
  if (files !== null && STORED_ID.test(files)) return { kind: 'files', stored: files };
  return { kind: 'hosted', ...exportName(search) };
}

/** A key that is equal for two URLs that open the same export (a change of it loads the page anew). */
export function choiceKey(choice: SourceChoice): string {
  switch (choice.kind) {
    case 'hosted':
      return `export:${choice.name}`;
    case 'url':
      return `url:${choice.base}`;
    case 'files':
      return `files:${choice.stored}`;
    case 'invalid-url':
      return `invalid:${choice.url}`;
  }
}

/** The query string that opens `choice` ('' for the demo), with a leading '?'. */
export function choiceSearch(choice: SourceChoice): string {
  const params = new URLSearchParams();
  if (choice.kind === 'hosted' && choice.name !== DEFAULT_EXPORT) params.set('export', choice.name);
  if (choice.kind === 'url') params.set('url', choice.base);
  if (choice.kind === 'files') params.set('files', choice.stored);
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** Origins the page's Content Security Policy lets it connect to besides its own (`connect-src`), from its `<meta>`. */
export function connectOrigins(policy: string): string[] {
  const directive = policy
    .split(';')
    .map((d) => d.trim().split(/\s+/))
    .find((words) => words[0] === 'connect-src');
  return (directive ?? []).slice(1).filter((s) => /^https?:\/\//.test(s));
}

/**
 * Whether the policy lets the page read `base` (a folder URL). Checked before fetching, so an origin the site does
 * not allow is explained in words instead of ending in a blocked request.
 */
export function connectAllowed(base: string, pageOrigin: string, allowed: readonly string[]): boolean {
  const origin = new URL(base).origin;
  return origin === pageOrigin || allowed.some((a) => a.replace(/\/+$/, '') === origin);
}
