/**
 * The provision page's URL state: which page of the evidence is shown and how each table is sorted, so a link shows
 * the same rows. Sort defaults equal the order the queries return.
 */
import { ID_PARAM } from '$lib/routing/id-paths';
import { APP_PARAMS, defineParams, type ParamValues } from '$lib/filters/schema';
import { intParam, sortParam } from '$lib/filters/params';

export const SNAPSHOT_SORTS = ['captured_at', 'snapshot_id', 'sha256', 'changed', 'archive_url', 'source_url'] as const;
export const VERSION_SORTS = ['version', 'valid_from', 'valid_to', 'severity', 'change_kind', 'clause_sha256'] as const;
export const OTHER_SORTS = ['title', 'category', 'severity', 'status', 'first_tracked', 'last_verified', 'record_id'] as const;

/** Rows of evidence per page. */
export const SNAPSHOT_PAGE_SIZE = 20;

const specs = {
  /** 1-based page of the evidence table. */
  snapshotsPage: intParam({ fallback: 1, min: 1, max: 1_000_000 }),
  snapshotsSort: sortParam(SNAPSHOT_SORTS, { column: 'captured_at', direction: 'desc' }),
  versionsSort: sortParam(VERSION_SORTS, { column: 'version', direction: 'asc' }),
  othersSort: sortParam(OTHER_SORTS, { column: 'severity', direction: 'desc' })
};

export const provisionParams = defineParams(specs, { appParams: [...APP_PARAMS, ID_PARAM] });
export type ProvisionParams = ParamValues<typeof specs>;
