/**
 * Filling clause templates: each provision draws its own slot values (durations, partners, venues, opt-out
 * mechanisms, …) so that clauses of one category read alike but differ from platform to platform.
 */
import type { Rng } from './random';
import type { DemoPlatform } from './platforms';

export type Slots = Record<string, string>;

const COUNTRY: Record<string, { country: string; venues: string[]; law: string }> = {
  US: { country: 'the United States', venues: ['San Francisco, California', 'Wilmington, Delaware', 'New York, New York', 'Austin, Texas', 'Seattle, Washington'], law: 'the laws of the State of {state}' },
  GB: { country: 'the United Kingdom', venues: ['London, England'], law: 'the laws of England and Wales' },
  DE: { country: 'Germany', venues: ['Berlin', 'Munich', 'Hamburg'], law: 'German law' },
  FR: { country: 'France', venues: ['Paris'], law: 'French law' },
  IE: { country: 'Ireland', venues: ['Dublin, Ireland'], law: 'the laws of Ireland' },
  NL: { country: 'the Netherlands', venues: ['Amsterdam'], law: 'Dutch law' },
  SE: { country: 'Sweden', venues: ['Stockholm'], law: 'Swedish law' },
  ES: { country: 'Spain', venues: ['Madrid', 'Barcelona'], law: 'Spanish law' },
  IT: { country: 'Italy', venues: ['Milan', 'Rome'], law: 'Italian law' },
  PL: { country: 'Poland', venues: ['Warsaw'], law: 'Polish law' },
  CN: { country: 'China', venues: ['Beijing', 'Shenzhen'], law: 'the laws of the People’s Republic of China' },
  JP: { country: 'Japan', venues: ['Tokyo'], law: 'the laws of Japan' },
  KR: { country: 'South Korea', venues: ['Seoul'], law: 'the laws of the Republic of Korea' },
  IN: { country: 'India', venues: ['Bengaluru', 'Mumbai'], law: 'the laws of India' },
  BR: { country: 'Brazil', venues: ['São Paulo'], law: 'Brazilian law' },
  CA: { country: 'Canada', venues: ['Toronto, Ontario', 'Vancouver, British Columbia'], law: 'the laws of the Province of Ontario' },
  AU: { country: 'Australia', venues: ['Sydney, New South Wales'], law: 'the laws of New South Wales' },
  SG: { country: 'Singapore', venues: ['Singapore'], law: 'the laws of Singapore' },
  IL: { country: 'Israel', venues: ['Tel Aviv'], law: 'the laws of the State of Israel' },
  CH: { country: 'Switzerland', venues: ['Zurich', 'Geneva'], law: 'Swiss law' }
};
const STATES = ['California', 'Delaware', 'New York', 'Texas', 'Washington'];

const PARTNERS = ['advertising partners', 'analytics providers', 'affiliates and subsidiaries', 'measurement partners', 'business partners and sponsors', 'trusted third parties', 'research partners'];
const OPT_OUTS = [
  'the “Improve the model” toggle in Settings › Data controls',
  'the privacy request form at privacy.{domain}',
  'an e-mail to privacy@{domain}',
  'the “Do Not Sell or Share” link in the footer',
  'Settings › Privacy › Personalisation'
];
const ARBITRATORS = ['the American Arbitration Association (AAA)', 'JAMS', 'the ICC International Court of Arbitration', 'the London Court of International Arbitration', 'the Singapore International Arbitration Centre'];
const CAPS = ['USD 100', 'USD 50', 'EUR 100', 'the amount you paid us in the 12 months before the claim', 'the fees paid in the preceding three months', 'USD 500'];
const BIOMETRICS = ['face geometry', 'voiceprints', 'facial templates derived from photos', 'fingerprint data from your device', 'iris scans'];

/** Numeric slots a later version may change. */
export const NUMERIC_SLOTS: Record<string, readonly number[]> = {
  days: [7, 14, 30, 45, 60, 90, 180],
  months: [3, 6, 12, 18, 24, 36],
  years: [2, 3, 5, 7, 10],
  notice: [7, 14, 15, 30, 60],
  age: [13, 16, 18]
};

export function drawSlots(rng: Rng, platform: DemoPlatform): Slots {
  const place = COUNTRY[platform.jurisdiction] ?? COUNTRY.US!;
  const slots: Slots = {
    name: platform.name,
    domain: platform.domain,
    country: place.country,
    venue: rng.pick(place.venues),
    law: place.law.replace('{state}', rng.pick(STATES)),
    partners: rng.pick(PARTNERS),
    optout: rng.pick(OPT_OUTS).replace('{domain}', platform.domain),
    arbitrator: rng.pick(ARBITRATORS),
    cap: rng.pick(CAPS),
    biometric: rng.pick(BIOMETRICS)
  };
  for (const [slot, values] of Object.entries(NUMERIC_SLOTS)) slots[slot] = String(rng.pick(values));
  return slots;
}

/** A copy of `slots` with one numeric slot or the partners changed, as a policy revision would. */
export function reviseSlots(rng: Rng, slots: Slots): Slots {
  const next = { ...slots };
  if (rng.chance(0.25)) {
    next.partners = rng.pick(PARTNERS);
  } else {
    const slot = rng.pick(Object.keys(NUMERIC_SLOTS));
    next[slot] = String(rng.pick(NUMERIC_SLOTS[slot]!));
  }
  return next;
}

/** Replaces `{slot}` with its value; `{SLOT}` (upper case) with the value in capitals, as legal shouting does. */
export function render(template: string, slots: Slots): string {
  return template.replace(/\{([a-zA-Z]+)\}/g, (whole, key: string) => {
    const lower = key.toLowerCase();
    const value = slots[lower];
    if (value === undefined) throw new Error(`Template slot ${whole} has no value`);
    return key === lower ? value : value.toUpperCase();
  });
}
