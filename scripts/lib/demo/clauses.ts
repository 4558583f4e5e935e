/**
 * Filling clause templates: each provision draws its own slot values (durations, partners, venues, opt-out
 * mechanisms, …; data/demo/slots.json and jurisdictions.json) so that clauses of one category read alike but differ
 * from platform to platform.
 */
import { DEMO_DATA } from './data';
import type { DemoPlatform } from './platforms';
import type { Rng } from './random';
import { render, type Slots } from './template';

const { text: TEXT_SLOTS, numbers: NUMERIC_SLOTS } = DEMO_DATA.slots;
const PLACES = new Map(DEMO_DATA.jurisdictions.map((j) => [j.code, j]));

/** The platform's own slots, then one draw for every text slot and every numeric slot, in the order of slots.json. */
export function drawSlots(rng: Rng, platform: DemoPlatform): Slots {
  const place = PLACES.get(platform.jurisdiction)!;
  const own: Slots = { name: platform.name, domain: platform.domain };
  const slots: Slots = { ...own, country: place.country, venue: rng.pick(place.venues) };
  for (const [slot, phrases] of Object.entries(TEXT_SLOTS)) slots[slot] = render(rng.pick(phrases), own);
  slots.law = render(place.law, slots);
  for (const [slot, values] of Object.entries(NUMERIC_SLOTS)) slots[slot] = String(rng.pick(values));
  return slots;
}

/** A copy of `slots` with one numeric slot or the partners changed, as a policy revision would. */
export function reviseSlots(rng: Rng, slots: Slots): Slots {
  const next = { ...slots };
  if (rng.chance(0.25)) {
    next.partners = render(rng.pick(TEXT_SLOTS.partners!), slots);
  } else {
    const slot = rng.pick(Object.keys(NUMERIC_SLOTS));
    next[slot] = String(rng.pick(NUMERIC_SLOTS[slot]!));
  }
  return next;
}
