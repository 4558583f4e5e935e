/**
 * Fictional platforms for the demo export: invented names (syllables plus a sector word), websites on the reserved
 * `.example` domain, sectors and ISO 3166-1 jurisdictions with plausible weights.
 */
import type { DocType } from '../../../src/lib/contract/schema';
import type { Rng } from './random';

export const SECTORS = [
  'Generative AI',
  'Social media',
  'Marketplace',
  'Streaming',
  'Fintech',
  'Cloud/SaaS',
  'Gaming',
  'Health',
  'Travel',
  'News'
] as const;
export type Sector = (typeof SECTORS)[number];

const SECTOR_WEIGHTS = [14, 12, 10, 8, 10, 14, 8, 8, 8, 8];

const NAME_FORMS: Record<Sector, readonly string[]> = {
  'Generative AI': ['{w} AI', '{w}mind', '{w} Labs', '{w} Assist', '{w} Chat'],
  'Social media': ['{w}', '{w} Social', '{w}gram', '{w} Circles', '{w}ly'],
  Marketplace: ['{w} Market', '{w} Bazaar', '{w}Shop', '{w} Trade', '{w} Goods'],
  Streaming: ['{w} TV', '{w} Stream', '{w} Play', '{w} Music', '{w}Flix'],
  Fintech: ['{w} Pay', '{w} Bank', '{w} Wallet', '{w} Invest', '{w} Credit'],
  'Cloud/SaaS': ['{w} Cloud', '{w} Docs', '{w}Desk', '{w} Suite', '{w} Base'],
  Gaming: ['{w} Games', '{w} Arena', '{w} Quest', '{w} Realms', '{w} Arcade'],
  Health: ['{w} Health', '{w} Care', '{w} Fit', '{w} Clinic', '{w} Cycle'],
  Travel: ['{w} Trips', '{w} Stay', '{w} Fly', '{w} Rides', '{w} Rooms'],
  News: ['{w} News', '{w} Daily', 'The {w} Herald', '{w} Wire', '{w} Times']
};

const ONSETS = [
  'Lum', 'Quil', 'Vex', 'Bri', 'Cor', 'Dal', 'Eph', 'Fen', 'Gal', 'Hal', 'Ist', 'Jun', 'Kav', 'Lor', 'Mav', 'Nim',
  'Oru', 'Pax', 'Quor', 'Rav', 'Sel', 'Tav', 'Ulm', 'Ver', 'Wyn', 'Xan', 'Yar', 'Zel', 'Ast', 'Bel', 'Cal', 'Dro',
  'Ely', 'Fyr', 'Gly', 'Hes', 'Ior', 'Kel', 'Mir', 'Nov', 'Ori', 'Pel', 'Ryn', 'Sol', 'Tor', 'Vel', 'Zan', 'Aur'
];
const MIDDLES = ['', '', '', 'ri', 'va', 'lo', 'ne', 'ta', 'mi', 'so', 'ka', 'de', 'bri', 'quo'];
const CODAS = ['ora', 'ly', 'ix', 'io', 'ent', 'ara', 'ium', 'ex', 'oo', 'ana', 'eon', 'ar', 'ity', 'ova', 'une', 'ia'];

const JURISDICTIONS = ['US', 'GB', 'DE', 'FR', 'IE', 'NL', 'SE', 'CN', 'JP', 'KR', 'IN', 'BR', 'CA', 'AU', 'SG', 'IL', 'CH', 'ES', 'IT', 'PL'];
const JURISDICTION_WEIGHTS = [38, 7, 6, 5, 5, 4, 3, 5, 4, 3, 4, 3, 4, 3, 3, 2, 2, 2, 2, 1];

export const EU = new Set(['DE', 'FR', 'IE', 'NL', 'SE', 'ES', 'IT', 'PL']);

export interface DemoPlatform {
  platform_id: string;
  name: string;
  sector: Sector;
  jurisdiction: string;
  website: string;
  domain: string;
}

/** Invents a platform whose slug is not in `taken` (and records it there). */
export function inventPlatform(rng: Rng, taken: Set<string>): DemoPlatform {
  const sector = rng.weighted(SECTORS, SECTOR_WEIGHTS);
  for (let attempt = 0; ; attempt++) {
    const word = rng.pick(ONSETS) + rng.pick(MIDDLES) + rng.pick(CODAS);
    const name = rng.pick(NAME_FORMS[sector]).replace('{w}', word);
    let slug = name.toLowerCase().replace(/^the /, '').replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
    // Past ~25,000 platforms the syllable space gets crowded; a number keeps slugs unique and names still fictional.
    if (attempt > 50) slug = `${slug}-${attempt}`;
    if (taken.has(slug)) continue;
    taken.add(slug);
    const jurisdiction = rng.weighted(JURISDICTIONS, JURISDICTION_WEIGHTS);
    const domain = `${slug}.example`;
    return { platform_id: slug, name: attempt > 50 ? `${name} ${attempt}` : name, sector, jurisdiction, website: `https://${domain}`, domain };
  }
}

const DOC_TITLES: Record<DocType, string> = {
  terms_of_service: 'Terms of Service',
  privacy_policy: 'Privacy Policy',
  acceptable_use_policy: 'Acceptable Use Policy',
  cookie_policy: 'Cookie Policy',
  data_processing_agreement: 'Data Processing Addendum',
  community_guidelines: 'Community Guidelines',
  other: 'Supplemental Terms'
};
const LOCAL_TITLES: Partial<Record<string, Partial<Record<DocType, string>>>> = {
  DE: { terms_of_service: 'Nutzungsbedingungen', privacy_policy: 'Datenschutzerklärung' },
  FR: { terms_of_service: "Conditions générales d'utilisation", privacy_policy: 'Politique de confidentialité' },
  ES: { terms_of_service: 'Términos y condiciones', privacy_policy: 'Política de privacidad' }
};
const DOC_PATHS: Record<DocType, string> = {
  terms_of_service: 'terms',
  privacy_policy: 'privacy',
  acceptable_use_policy: 'acceptable-use',
  cookie_policy: 'cookies',
  data_processing_agreement: 'dpa',
  community_guidelines: 'community-guidelines',
  other: 'supplemental-terms'
};

/** Which documents a platform publishes: always terms and privacy policy, others by sector. */
export function documentTypes(rng: Rng, sector: Sector): DocType[] {
  const types: DocType[] = ['terms_of_service', 'privacy_policy'];
  if (rng.chance(0.25)) types.push('cookie_policy');
  if (rng.chance(sector === 'Generative AI' ? 0.6 : 0.1)) types.push('acceptable_use_policy');
  if (rng.chance(sector === 'Social media' || sector === 'Gaming' ? 0.6 : 0.05)) types.push('community_guidelines');
  if (rng.chance(sector === 'Cloud/SaaS' ? 0.5 : sector === 'Generative AI' ? 0.2 : 0.03)) types.push('data_processing_agreement');
  if (rng.chance(0.05)) types.push('other');
  return types;
}

export function documentTitle(rng: Rng, platform: DemoPlatform, type: DocType): string {
  const local = LOCAL_TITLES[platform.jurisdiction]?.[type];
  return local && rng.chance(0.5) ? local : `${platform.name} ${DOC_TITLES[type]}`;
}

export function documentUrl(platform: DemoPlatform, type: DocType): string {
  return `${platform.website}/legal/${DOC_PATHS[type]}`;
}
