/**
 * Which day an "as of" view (overview, compare, matrix) shows, from the day asked for (the URL's `asOf`), the
 * export's "today" (`today.ts`) and whether it has a version history. One rule for the three views:
 *  - nothing asked, the export's today or a later day: the latest state (null), read from `provisions`;
 *  - an earlier day: that day, read from `provision_versions` — if the export has them;
 *  - while the manifest is unread (`today` or `hasHistory` null) the asked day is kept, so nothing is queried for
 *    the wrong day and then thrown away.
 */

/** Why only the latest state can be shown of an export without `provision_versions`. */
export const NO_HISTORY_REASON = 'This export has no version history (provision_versions), so only its latest state can be shown.';

/** The day shown: null for the export's latest state, else the past day asked for. */
export function effectiveAsOf(asked: string | null, today: string | null, hasHistory: boolean | null): string | null {
  if (asked === null || hasHistory === false || (today !== null && asked >= today)) return null;
  return asked;
}

/** Why the asked day is not the one shown, for the page's notes; null when it is (or it cannot be told yet). */
export function asOfNote(asked: string | null, today: string | null, hasHistory: boolean | null): string | null {
  if (asked === null) return null;
  if (hasHistory === false) return `Ignored asOf=${asked}: this export has no version history (provision_versions), so only its latest state can be shown.`;
  if (today !== null && asked > today) return `Ignored asOf=${asked}: this export’s data ends on ${today}; showing its latest state.`;
  return null;
}
