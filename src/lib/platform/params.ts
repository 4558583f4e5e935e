/**
 * URL state of the platform pages: the search and sort of the list, and each table's sort (and page) on a platform's
 * page, so a link shows the same rows in the same order. Sort defaults equal the order the queries return.
 */
import { ID_PARAM } from '$lib/routing/id-paths';
import { APP_PARAMS, defineParams, type ParamValues } from '$lib/filters/schema';
import { intParam, sortParam, textParam } from '$lib/filters/params';

export const PLATFORM_LIST_SORTS = [
  'name',
  'sector',
  'jurisdiction',
  'documents',
  'active_provisions',
  'removed_provisions',
  'worst_severity'
] as const;

const listSpecs = {
  q: textParam({ maxLength: 100 }),
  sort: sortParam(PLATFORM_LIST_SORTS, { column: 'name', direction: 'asc' })
};
export const platformListParams = defineParams(listSpecs);
export type PlatformListParams = ParamValues<typeof listSpecs>;

export const DOCUMENT_SORTS = ['title', 'doc_type', 'last_updated', 'first_tracked', 'last_verified', 'active_provisions', 'removed_provisions', 'source_url'] as const;
export const PROVISION_SORTS = ['category', 'title', 'severity', 'status', 'document', 'first_tracked', 'last_verified', 'record_id'] as const;
export const CATEGORY_SORTS = ['group', 'name', 'provisions', 'worst_severity'] as const;

/** Rows of the provisions table per page. */
export const PROVISION_PAGE_SIZE = 50;

const pageSpecs = {
  documentsSort: sortParam(DOCUMENT_SORTS, { column: 'title', direction: 'asc' }),
  /** The query's order: active first, then worst first; `status` ascending keeps it ("active" < "removed"). */
  provisionsSort: sortParam(PROVISION_SORTS, { column: 'status', direction: 'asc' }),
  /** 1-based page of the provisions table. */
  provisionsPage: intParam({ fallback: 1, min: 1, max: 1_000_000 }),
  categoriesSort: sortParam(CATEGORY_SORTS, { column: 'group', direction: 'asc' })
};
export const platformPageParams = defineParams(pageSpecs, { appParams: [...APP_PARAMS, ID_PARAM] });
export type PlatformPageParams = ParamValues<typeof pageSpecs>;
