/**
 * The demo export's categories and the authorities that oversee them. Identity (id, name, group, description) comes
 * from data/taxonomy/categories.json; what a clause of each says, at three levels of severity, and how often and
 * how severe such clauses are, from data/demo/categories/<id>.json (read and checked by data.ts).
 */
import { DEMO_DATA } from './data';
import type { DemoCategory, Oversight } from './category-files';

export type { DemoCategory, Oversight, Tier } from './category-files';

/** Taxonomy categories that have demo templates, in the taxonomy's order. */
export const CATEGORIES: readonly DemoCategory[] = DEMO_DATA.categories;

/** Data-protection and consumer authorities by jurisdiction. */
export const AGENCIES: Record<string, Record<Oversight, string[]>> = Object.fromEntries(
  DEMO_DATA.jurisdictions.map((j) => [j.code, j.agencies])
);

/** The national privacy law for jurisdictions outside the EU, US and UK. */
export const PRIVACY_LAWS: Record<string, string> = Object.fromEntries(
  DEMO_DATA.jurisdictions.flatMap((j) => (j.privacyLaw === undefined ? [] : [[j.code, j.privacyLaw]]))
);
