/**
 * The compare view's whole state, in its URL:
 * `/compare?category=ai_training_data&asOf=2024-01-01&sector=Social%20media&severity=high&sort=-worst&page=2&showEmpty=true`.
 */
import { platformFilterParams, severitiesParam } from '$lib/components/filters/params';
import { boolParam, dayParam, idParam, intParam, sortParam } from '$lib/filters/params';
import { defineParams, type ParamValues } from '$lib/filters/schema';

export const COMPARE_SORT_COLUMNS = [
  'platform',
  'worst',
  'provisions',
  'clause',
  'document',
  'last_updated',
  'first_tracked',
  'last_verified'
] as const;
export type CompareSortColumn = (typeof COMPARE_SORT_COLUMNS)[number];

const specs = {
  category: idParam(),
  /** Null = today. */
  asOf: dayParam({ min: '1990-01-01' }),
  ...platformFilterParams(),
  severity: severitiesParam(),
  sort: sortParam(COMPARE_SORT_COLUMNS, { column: 'worst', direction: 'desc' }),
  /** 1-based page of the table. */
  page: intParam({ fallback: 1, min: 1, max: 1_000_000 }),
  /** Show the platforms without a provision in the category when they are folded (`foldsAbsent`). */
  showEmpty: boolParam(false)
};

export const compareParams = defineParams(specs);
export type CompareParams = ParamValues<typeof specs>;
