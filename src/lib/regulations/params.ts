/**
 * The state of `/regulations` and `/agencies`, in their URLs:
 * `/regulations?by=category&regulation=GDPR%20Art.%206&cellRow=GDPR%20Art.%206&cellColumn=ai_training_data&asOf=2024-01-01`,
 * `/agencies?agency=FTC&asOf=2024-01-01`.
 */
import { dayParam, enumParam, idParam, intParam, sortParam, textParam } from '$lib/filters/params';
import { defineParams, type ParamValues } from '$lib/filters/schema';
import { MATRIX_SORTS } from '$lib/matrix/params';
import { PIVOT_AXES } from '$lib/queries/regulations';

/** Sortable columns of a table of citing provisions (`CitingProvisionsTable`). */
export const CITING_SORTS = ['severity', 'title', 'platform', 'category', 'cited', 'record_id'] as const;
/** Sortable columns of the agency list and of an agency's remit. */
export const NAME_SORTS = ['name', 'provisions', 'platforms', 'categories', 'worst'] as const;
export const REMIT_SORTS = ['platform', 'category', 'provisions', 'worst'] as const;

/** A regulation's or agency's name: free text (spaces, "§", dots), bounded. */
const nameParam = () => textParam({ maxLength: 300 });
/** A table's page, 1-based. */
const pageParam = () => intParam({ fallback: 1, min: 1, max: 1_000_000 });

const regulationSpecs = {
  asOf: dayParam({ min: '1990-01-01' }),
  /** The matrix's columns: platforms or categories. */
  by: enumParam(PIVOT_AXES, 'platform'),
  /** One regulation (a name such as "GDPR Art. 6", or a law such as "GDPR"): its rows and its provisions. */
  regulation: nameParam(),
  /** Row order (the matrix's: `platform` = the regulation's name, `sector` = its law, `category` = one column). */
  sort: sortParam(MATRIX_SORTS, { column: 'sector', direction: 'asc' }),
  /** The column ordering the rows when sort is `category`. */
  col: idParam(),
  /** The open cell: a regulation's name and a platform or category id. */
  cellRow: nameParam(),
  cellColumn: idParam(),
  /** Order of the provisions listed (the regulation's, and the open cell's). */
  listSort: sortParam(CITING_SORTS, { column: 'severity', direction: 'desc' }),
  /** Pages of the regulation's provisions and of the open cell's. */
  listPage: pageParam(),
  cellPage: pageParam()
};

export const regulationParams = defineParams(regulationSpecs);
export type RegulationParams = ParamValues<typeof regulationSpecs>;

const agencySpecs = {
  asOf: dayParam({ min: '1990-01-01' }),
  /** The agency whose remit is shown; empty for the list of agencies. */
  agency: nameParam(),
  sort: sortParam(NAME_SORTS, { column: 'provisions', direction: 'desc' }),
  remitSort: sortParam(REMIT_SORTS, { column: 'worst', direction: 'desc' }),
  listSort: sortParam(CITING_SORTS, { column: 'severity', direction: 'desc' }),
  /** Pages of the agency list, the remit and the provisions. */
  page: pageParam(),
  remitPage: pageParam(),
  listPage: pageParam()
};

export const agencyParams = defineParams(agencySpecs);
export type AgencyParams = ParamValues<typeof agencySpecs>;
