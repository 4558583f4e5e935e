/**
 * Record ids in URLs. An id goes into the path percent-encoded (`/provisions/CA-P-000001`), with two exceptions the
 * URL itself cannot carry, and the `reroute` hook (src/hooks.ts) maps both back before SvelteKit reads the params:
 * - an id that is `.` or `..` would be a dot segment, which every URL parser resolves away (`/provisions/..` is `/`,
 *   and so is `%2E%2E`): such an id goes into `?id=` of the list path instead (`/provisions?id=..`), which is routed
 *   to the record's page (the path SvelteKit routes by is a URL too, so it cannot hold the id either: the page reads
 *   it from `?id=`, `pageId`);
 * - a path whose percent-encoding is broken (`/provisions/%E0%A4%A`, typed or pasted) would make SvelteKit's
 *   `decodeURIComponent` throw an uncaught URIError: its segment is taken literally instead, so the page says that
 *   no record has that id.
 */

/** The query parameter that carries an id the path cannot. */
export const ID_PARAM = 'id';

/** Routes whose last segment is a record id. */
const ID_ROUTES = ['provisions', 'platforms'] as const;

const isDotSegment = (id: string) => id === '.' || id === '..';

/** Segments that are pages of their own under a record route (`/platforms/compare`): a record so named goes by `?id=`. */
const RESERVED: Record<(typeof ID_ROUTES)[number], readonly string[]> = { provisions: [], platforms: ['compare'] };

const byQuery = (route: (typeof ID_ROUTES)[number], id: string) => isDotSegment(id) || RESERVED[route].includes(id);

/** Path and query of the page of `id` under `/<route>`: `/provisions/<id>`, or `/provisions?id=..` for a dot id. */
export function idLocation(route: (typeof ID_ROUTES)[number], id: string): { path: string; params: Record<string, string> } {
  return byQuery(route, id) ? { path: `/${route}`, params: { [ID_PARAM]: id } } : { path: `/${route}/${encodeURIComponent(id)}`, params: {} };
}

/**
 * Each segment that does not decode is taken literally (its `%` signs become `%25`); the others are re-encoded from
 * their decoded text, which names the same route. (The decoded value is used on purpose: a bare
 * `decodeURIComponent(x)` whose result is unused is dropped by the minifier as free of side effects, and with it the
 * check.)
 */
export function repairPercentEncoding(pathname: string): string {
  return pathname
    .split('/')
    .map((segment) => {
      try {
        return encodeURIComponent(decodeURIComponent(segment));
      } catch {
        return segment.replaceAll('%', '%25');
      }
    })
    .join('/');
}

/** The dot id of a list path's `?id=`, or null when the URL names its record in the path as usual. */
function queryId(url: URL): string | null {
  const id = url.searchParams.get(ID_PARAM);
  if (id === null) return null;
  const route = ID_ROUTES.find((r) => url.pathname.endsWith(`/${r}`));
  return route !== undefined && byQuery(route, id) ? id : null;
}

/** Segment the record route is reached by for a `?id=` URL; the page then reads the id from the query. */
const QUERY_ID_SEGMENT = 'by-id';

/**
 * The path SvelteKit should route `url` by: an `?id=` of a list path goes to the record's page, and broken
 * percent-encoding is repaired.
 */
export function reroutePath(url: URL): string {
  if (queryId(url) !== null) return `${url.pathname}/${QUERY_ID_SEGMENT}`;
  return repairPercentEncoding(url.pathname);
}

/** The id a record page shows: the `?id=` of a list path when that is how the URL carries it, else the route's. */
export function pageId(url: URL, param: string | undefined): string {
  return queryId(url) ?? param ?? '';
}
