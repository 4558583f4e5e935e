/**
 * Fictional platforms for the demo export: invented names (syllables plus a sector word), websites on the reserved
 * `.example` domain, sectors and ISO 3166-1 jurisdictions with plausible weights, and the documents they publish
 * (data/demo/platforms.json, jurisdictions.json and documents.json).
 */
import type { DocType } from '../../../src/lib/contract/schema';
import { DEMO_DATA } from './data';
import type { Rng } from './random';
import { render } from './template';

const { sectors, syllables, jurisdictions, documents } = DEMO_DATA;
const SECTOR_NAMES = sectors.map((s) => s.name);
const SECTOR_WEIGHTS = sectors.map((s) => s.weight);
const NAME_FORMS = new Map(sectors.map((s) => [s.name, s.nameForms]));
const JURISDICTIONS = jurisdictions.map((j) => j.code);
const JURISDICTION_WEIGHTS = jurisdictions.map((j) => j.weight);
const DOCUMENTS = new Map(documents.map((d) => [d.type, d]));

export const EU = new Set(jurisdictions.filter((j) => j.eu).map((j) => j.code));

export interface DemoPlatform {
  platform_id: string;
  name: string;
  sector: string;
  jurisdiction: string;
  website: string;
  domain: string;
}

/** Invents a platform whose slug is not in `taken` (and records it there). */
export function inventPlatform(rng: Rng, taken: Set<string>): DemoPlatform {
  const sector = rng.weighted(SECTOR_NAMES, SECTOR_WEIGHTS);
  for (let attempt = 0; ; attempt++) {
    const word = rng.pick(syllables.onsets) + rng.pick(syllables.middles) + rng.pick(syllables.codas);
    const name = render(rng.pick(NAME_FORMS.get(sector)!), { word });
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

/** Which documents a platform publishes: those marked `always`, others drawn with their (sector's) chance. */
export function documentTypes(rng: Rng, sector: string): DocType[] {
  return documents.filter((d) => d.always || rng.chance(d.chanceBySector[sector] ?? d.chance)).map((d) => d.type);
}

export function documentTitle(rng: Rng, platform: DemoPlatform, type: DocType): string {
  const local = DOCUMENTS.get(type)!.localTitles[platform.jurisdiction];
  return local && rng.chance(0.5) ? local : `${platform.name} ${DOCUMENTS.get(type)!.title}`;
}

export function documentUrl(platform: DemoPlatform, type: DocType): string {
  return `${platform.website}/legal/${DOCUMENTS.get(type)!.path}`;
}
