/**
 * The overview's URL state: `/?asOf=2024-01-01` shows the export as it stood at the end of that UTC day. The same
 * parameter, with the same meaning, as the compare view and the matrix (`$lib/compare/params`).
 */
import { dayParam } from '$lib/filters/params';
import { defineParams, type ParamValues } from '$lib/filters/schema';

const specs = {
  /** Null = today, the current state. */
  asOf: dayParam({ min: '1990-01-01' })
};

export const overviewParams = defineParams(specs);
export type OverviewParams = ParamValues<typeof specs>;

/**
 * The day the overview actually shows: null (today) unless a past day is asked for and the export has a history.
 * `hasHistory` null = not known yet (the manifest is still loading): the asked day is kept until it is.
 */
export function effectiveAsOf(asked: string | null, today: string, hasHistory: boolean | null): string | null {
  if (asked === null || asked >= today || hasHistory === false) return null;
  return asked;
}

/** Why the asked day is not the one shown, for the page's notes; null when it is. */
export function asOfNote(asked: string | null, today: string, hasHistory: boolean | null): string | null {
  if (asked === null) return null;
  if (hasHistory === false) return `Ignored asOf=${asked}: this export has no version history (provision_versions), so only today can be shown.`;
  if (asked > today) return `Ignored asOf=${asked}: that day has not come yet; showing today.`;
  return null;
}
