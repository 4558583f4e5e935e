/**
 * What the demo's platforms are made of (data/demo/README.md describes every field): sectors and the syllables of
 * their invented names (platforms.json), the jurisdictions they are based in (jurisdictions.json), and the documents
 * they publish (documents.json).
 */
import { join } from 'node:path';
import { DOC_TYPES, type DocType } from '../../../src/lib/contract/schema';
import { OVERSIGHTS, type Oversight } from './category-files';
import { fieldPath, NO_SLOTS, oneOfKeys, type DataFiles } from './json-fields';

export interface DemoSector {
  name: string;
  weight: number;
  /** Platform name patterns with a `{word}` slot for the invented word. */
  nameForms: string[];
}

export interface Syllables {
  onsets: string[];
  middles: string[];
  codas: string[];
}

export interface DemoJurisdiction {
  /** ISO 3166-1 alpha-2. */
  code: string;
  weight: number;
  eu: boolean;
  country: string;
  venues: string[];
  /** The governing law, a template that may use the text slots (e.g. `{state}`). */
  law: string;
  /** The national privacy law, for jurisdictions outside the EU, US and GB. */
  privacyLaw?: string;
  agencies: Record<Oversight, string[]>;
}

export interface DemoDocumentType {
  type: DocType;
  title: string;
  /** Titles in the local language, by jurisdiction; used for half of such platforms. */
  localTitles: Record<string, string>;
  /** URL path under /legal/. */
  path: string;
  /** Every platform publishes it (no random draw), or else with `chance`, per sector `chanceBySector`. */
  always: boolean;
  chance: number;
  chanceBySector: Record<string, number>;
}

const WORD_SLOT: ReadonlySet<string> = new Set(['word']);

export function readPlatforms(files: DataFiles): { sectors: DemoSector[]; syllables: Syllables } {
  const { r, value } = files.open(join(files.dir, 'platforms.json'));
  const o = r.object(value, '', ['sectors', 'syllables']) ?? {};
  const sectors = r.entries(
    o.sectors,
    'sectors',
    (v, path, name): DemoSector => {
      const s = r.object(v, path, ['weight', 'name_forms']) ?? {};
      const formsPath = fieldPath(path, 'name_forms');
      const nameForms = r.templates(s.name_forms, formsPath, WORD_SLOT);
      nameForms.forEach((form, i) => {
        if (!/\{word\}/i.test(form)) r.problem(fieldPath(formsPath, i), 'must contain {word}, the invented word');
      });
      return { name, weight: r.number(s.weight, fieldPath(path, 'weight'), { above: 0 }), nameForms };
    },
    { nonEmpty: true }
  );
  const y = r.object(o.syllables, 'syllables', ['onsets', 'middles', 'codas']) ?? {};
  const syllables = {
    onsets: r.texts(y.onsets, 'syllables.onsets'),
    // An empty middle makes a shorter word; repeating it makes such words likelier.
    middles: r.texts(y.middles, 'syllables.middles', { allowEmpty: true }),
    codas: r.texts(y.codas, 'syllables.codas')
  };
  return { sectors: sectors.map(([, s]) => s), syllables };
}

const JURISDICTION_FIELDS = ['weight', 'eu', 'country', 'venues', 'law', 'privacy_law', 'agencies'];

/** `textSlots`: the slots a jurisdiction's law may use (null: not known). */
export function readJurisdictions(files: DataFiles, textSlots: ReadonlySet<string> | null): DemoJurisdiction[] {
  const { r, value } = files.open(join(files.dir, 'jurisdictions.json'));
  const isCode = (code: string) =>
    /^[A-Z]{2}$/.test(code) ? null : 'must be an ISO 3166-1 alpha-2 code (two capital letters)';
  const read = (v: unknown, path: string, code: string): DemoJurisdiction => {
    const j = r.object(v, path, JURISDICTION_FIELDS) ?? {};
    const at = (field: string) => fieldPath(path, field);
    const eu = r.boolean(j.eu, at('eu'));
    const privacyLaw = j.privacy_law === undefined ? undefined : r.template(j.privacy_law, at('privacy_law'), NO_SLOTS);
    if (privacyLaw !== undefined && (eu || code === 'US' || code === 'GB')) {
      r.problem(at('privacy_law'), 'is never used: the EU, US and GB have their own regulations in each category file');
    }
    const agencies = r.object(j.agencies, at('agencies'), OVERSIGHTS) ?? {};
    return {
      code,
      weight: r.number(j.weight, at('weight'), { above: 0 }),
      eu,
      country: r.template(j.country, at('country'), NO_SLOTS),
      venues: r.templates(j.venues, at('venues'), NO_SLOTS),
      law: r.template(j.law, at('law'), textSlots),
      privacyLaw,
      agencies: Object.fromEntries(
        OVERSIGHTS.map((k) => [k, r.templates(agencies[k], fieldPath(at('agencies'), k), NO_SLOTS)])
      ) as DemoJurisdiction['agencies']
    };
  };
  return r.entries(value, '', read, { keyProblem: isCode, nonEmpty: true }).map(([, j]) => j);
}

const DOCUMENT_FIELDS = ['title', 'local_titles', 'path', 'always', 'chance', 'chance_by_sector'];

export function readDocuments(
  files: DataFiles,
  sectors: ReadonlySet<string> | null,
  jurisdictions: ReadonlySet<string> | null
): DemoDocumentType[] {
  const { r, value } = files.open(join(files.dir, 'documents.json'));
  const probability = (v: unknown, path: string) => r.number(v, path, { min: 0, max: 1 });
  const read = (v: unknown, path: string, type: string): DemoDocumentType => {
    const d = r.object(v, path, DOCUMENT_FIELDS) ?? {};
    const at = (field: string) => fieldPath(path, field);
    const always = d.always !== undefined && r.boolean(d.always, at('always'));
    if (always === (d.chance !== undefined)) r.problem(path, 'must have either "always": true or a "chance" (from 0 to 1)');
    const urlPath = r.text(d.path, at('path'));
    if (!/^[a-z0-9-]+$/.test(urlPath)) r.problem(at('path'), 'must be a URL path segment of a-z, 0-9 and -');
    return {
      type: type as DocType,
      title: r.template(d.title, at('title'), NO_SLOTS),
      localTitles: r.record(d.local_titles, at('local_titles'), (x, p) => r.template(x, p, NO_SLOTS), {
        optional: true,
        keyProblem: oneOfKeys(jurisdictions, 'a jurisdiction of jurisdictions.json')
      }),
      path: urlPath,
      always,
      chance: d.chance === undefined ? 1 : probability(d.chance, at('chance')),
      chanceBySector: r.record(d.chance_by_sector, at('chance_by_sector'), probability, {
        optional: true,
        keyProblem: oneOfKeys(sectors, 'a sector of platforms.json')
      })
    };
  };
  const docs = r
    .entries(value, '', read, { keyProblem: oneOfKeys(new Set(DOC_TYPES), 'a document type of the contract') })
    .map(([, d]) => d);
  const missing = DOC_TYPES.filter((t) => !docs.some((d) => d.type === t));
  if (missing.length > 0) r.problem('', `has no entry for the document type(s) ${missing.join(', ')}`);
  // A provision whose category names no document the platform has goes into the first document it publishes.
  if (!docs.some((d) => d.always)) r.problem('', 'must have at least one document type with "always": true');
  return docs;
}
