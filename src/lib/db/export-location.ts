/**
 * Which export the app opens: `?export=<name>` selects `static/exports/<name>/`; the default is the demo. The name is
 * checked against a strict pattern, so a URL cannot point the app at another path or origin.
 */
export const DEFAULT_EXPORT = 'demo';
const NAME = /^[a-z0-9][a-z0-9_-]{0,63}$/;

export function exportName(search: URLSearchParams): { name: string; rejected?: string } {
  const requested = search.get('export');
  if (requested === null || requested === '') return { name: DEFAULT_EXPORT };
  if (!NAME.test(requested)) return { name: DEFAULT_EXPORT, rejected: requested };
  return { name: requested };
}

/** URL of an export folder under the app's base path. */
export function exportBase(appBase: string, name: string): string {
  return `${appBase}/exports/${name}`;
}
