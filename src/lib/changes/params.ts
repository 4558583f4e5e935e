/**
 * The change feed's whole state, in its URL:
 * `/changes?from=2025-01-01&to=2025-12-31&category=ai_training_data&kind=raised&kind=lowered&sector=Social%20media&page=2`.
 */
import { orderedSetParam, platformFilterParams, severitiesParam } from '$lib/components/filters/params';
import { dayParam, idsParam, intParam, type Param } from '$lib/filters/params';
import { defineParams, type ParamValues } from '$lib/filters/schema';
import { CHANGE_KINDS, type ChangeKind } from '$lib/queries/changes';

/** Changes per page of the feed. */
export const CHANGES_PAGE_SIZE = 100;

/** A set of change kinds, kept in `CHANGE_KINDS` order so one choice has one URL. Empty = every kind. */
export function kindsParam(): Param<ChangeKind[]> {
  return orderedSetParam(CHANGE_KINDS, 'a kind of change');
}

const specs = {
  /** First day; null = a year before the last day. */
  from: dayParam({ min: '1990-01-01' }),
  /** Last day; null = today (UTC). */
  to: dayParam({ min: '1990-01-01' }),
  category: idsParam({ max: 200 }),
  kind: kindsParam(),
  ...platformFilterParams(),
  /** Changes whose old or new severity is one of these. */
  severity: severitiesParam(),
  /** 1-based page of the feed. */
  page: intParam({ fallback: 1, min: 1, max: 1_000_000 })
};

export const changesParams = defineParams(specs);
export type ChangesParams = ParamValues<typeof specs>;
