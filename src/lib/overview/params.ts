/**
 * The overview's URL state: `/?asOf=2024-01-01` shows the export as it stood at the end of that UTC day. The same
 * parameter, with the same meaning, as the compare view and the matrix (`$lib/compare/params`).
 */
import { dayParam } from '$lib/filters/params';
import { defineParams, type ParamValues } from '$lib/filters/schema';

const specs = {
  /** Null = the export's latest state (`$lib/time/as-of-day`). */
  asOf: dayParam({ min: '1990-01-01' })
};

export const overviewParams = defineParams(specs);
export type OverviewParams = ParamValues<typeof specs>;
