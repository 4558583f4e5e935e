/**
 * Small pieces of the plain TypeScript references that the platform and provision page tests compute over the
 * fixture's JSON Lines records. Written out here, not imported from the code under test.
 */
export type Rec = Record<string, unknown>;

/** The severity scale, worst first, typed out again. */
export const SCALE = ['critical', 'high', 'medium', 'low', 'info'];
/** A severity's place on the scale; unrated after all of it. */
export const rank = (s: unknown) => (typeof s === 'string' ? SCALE.indexOf(s) : SCALE.length);
/** Order of two values compared as text, code unit by code unit. */
export const cmp = (a: unknown, b: unknown) => (String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0);
/** A fixture timestamp (any ISO 8601 form, offsets included) as the engine returns it. */
export const instant = (v: unknown) => (v === null || v === undefined ? null : new Date(v as string));
export const byId = (rows: Rec[], key: string, id: unknown) => rows.find((r) => r[key] === id)!;

/** A provision as the pages list it among others: its own fields with its category's name and group. */
export function listedProvision(p: Rec, category: Rec): Rec {
  return {
    record_id: p.record_id,
    title: p.title,
    category_id: p.category_id,
    category_name: category.name,
    category_group_name: category.group_name ?? null,
    severity: p.severity ?? null,
    status: p.status,
    first_tracked: instant(p.first_tracked),
    last_verified: instant(p.last_verified)
  };
}
