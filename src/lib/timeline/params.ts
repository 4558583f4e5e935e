/**
 * The timeline view's whole state, in its URL:
 * `/timeline?category=ai_training_data&sector=Social%20media&severity=critical&from=2022-01-01&bucket=week&measure=share
 *  &indexBy=platform&strip=ai_training_data&stripSort=first&stripPage=2`.
 */
import { platformFilterParams, severitiesParam } from '$lib/components/filters/params';
import { dayParam, enumParam, idParam, idsParam, intParam } from '$lib/filters/params';
import { defineParams, type ParamValues } from '$lib/filters/schema';
import { STRIP_SORTS } from '$lib/queries/strips';
import { GRANULARITIES } from './buckets';

export const MEASURES = ['count', 'share'] as const;
export type Measure = (typeof MEASURES)[number];

export const INDEX_GROUPS = ['sector', 'platform'] as const;

/** Platforms per page of strips. */
export const STRIP_PAGE_SIZE = 40;

const specs = {
  /** Categories counted; none = all. */
  category: idsParam({ max: 200 }),
  ...platformFilterParams(),
  severity: severitiesParam(),
  /** First day of the range; null = the first day of the history. */
  from: dayParam({ min: '1990-01-01' }),
  /** Last day of the range; null = today (UTC). */
  to: dayParam({ min: '1990-01-01' }),
  /** Null = picked from the span (`defaultGranularity`). */
  bucket: enumParam(GRANULARITIES, null),
  measure: enumParam(MEASURES, 'count'),
  indexBy: enumParam(INDEX_GROUPS, 'sector'),
  /** The category of the strips; null = the only category filtered, else the one most platforms have. */
  strip: idParam(),
  stripSort: enumParam(STRIP_SORTS, 'first'),
  /** 1-based page of strips. */
  stripPage: intParam({ fallback: 1, min: 1, max: 1_000_000 })
};

export const timelineParams = defineParams(specs);
export type TimelineParams = ParamValues<typeof specs>;
