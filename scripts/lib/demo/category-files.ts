/**
 * The demo's categories: identity (id, name, group, description) from data/taxonomy/categories.json, templates from
 * `data/demo/categories/<id>.json` — how often such clauses occur and how severe they are, and what a clause says
 * at three levels of severity (data/demo/README.md describes every field).
 */
import { readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { DOC_TYPES, SEVERITIES, type DocType } from '../../../src/lib/contract/schema';
import { parseDate } from '../contract-values';
import { fieldPath, NO_SLOTS, oneOfKeys, type DataFiles, type FieldReader, type NumberRule } from './json-fields';

/** Low covers info and low, high covers high and critical. */
export const TIERS = ['low', 'medium', 'high'] as const;
export type Tier = (typeof TIERS)[number];
/** Privacy categories are overseen by data-protection authorities, the others by consumer authorities. */
export const OVERSIGHTS = ['privacy', 'consumer'] as const;
export type Oversight = (typeof OVERSIGHTS)[number];
/** Regulations are listed for these regions; the generator picks by the platform's jurisdiction. */
export const REGIONS = ['EU', 'US', 'GB'] as const;

export interface TaxonomyCategory {
  id: string;
  name: string;
  group: string;
  description: string;
}

export interface DemoCategory extends TaxonomyCategory {
  oversight: Oversight;
  /** Documents such clauses appear in, most likely first. */
  docTypes: DocType[];
  /** Relative frequency; sectors listed get this multiplier. */
  weight: number;
  sectorWeight: Record<string, number>;
  /** Typical severity, 0 = info … 4 = critical; sectors listed shift it. */
  base: number;
  sectorShift: Record<string, number>;
  /** Most such clauses first appear on or after this day (YYYY-MM-DD). */
  mostlySince?: string;
  /** Severity tends to rise (+) or fall (−) at each change. */
  drift: number;
  titles: string[];
  clauses: Record<Tier, string[]>;
  /** Appended at critical. */
  aggravating: string[];
  /** Appended at info. */
  mitigating: string[];
  /** Sentences a later version may add. */
  amendments: string[];
  summaries: Record<Tier, string>;
  impacts: Record<Tier, string>;
  actions: string[];
  regulations: Record<(typeof REGIONS)[number], string[]>;
}

const FIELDS = [
  'oversight',
  'doc_types',
  'weight',
  'sector_weight',
  'typical_severity',
  'sector_shift',
  'mostly_since',
  'drift',
  'titles',
  'clauses',
  'aggravating',
  'mitigating',
  'amendments',
  'summaries',
  'impacts',
  'actions',
  'regulations'
];

export interface CategoryContext {
  /** Sector names (data/demo/platforms.json); null when not known. */
  sectors: ReadonlySet<string> | null;
  /** Slots a clause may use (the platform's own and those of data/demo/slots.json); null when not known. */
  clauseSlots: ReadonlySet<string> | null;
}

/** The taxonomy's categories; only the fields the demo writes are checked (the taxonomy has more). */
export function readTaxonomy(files: DataFiles, file: string): TaxonomyCategory[] {
  const { r, value } = files.open(file);
  const seen = new Set<string>();
  return r.list(value, '').map((item, i) => {
    const o = r.object(item, `[${i}]`) ?? {};
    const [id, name, group, description] = (['id', 'name', 'group', 'description'] as const).map((key) =>
      r.text(o[key], fieldPath(`[${i}]`, key))
    );
    if (seen.has(id!)) r.problem(fieldPath(`[${i}]`, 'id'), `repeats the category id ${JSON.stringify(id)}`);
    seen.add(id!);
    return { id: id!, name: name!, group: group!, description: description! };
  });
}

/**
 * The categories of `taxonomy` that have a template file in `<dir>/categories/`, in the taxonomy's order: the
 * taxonomy may hold more categories than the demo has templates for, and those are left out. A template file for a
 * category the taxonomy does not have is a problem.
 */
export function readCategories(
  files: DataFiles,
  taxonomy: TaxonomyCategory[],
  taxonomyFile: string,
  context: CategoryContext
): DemoCategory[] {
  const dir = join(files.dir, 'categories');
  let names: string[];
  try {
    names = readdirSync(dir).filter((f) => f.endsWith('.json')).sort();
  } catch {
    files.problems.add(`${files.display(dir)}: is missing (it holds one <category id>.json per category)`);
    return [];
  }
  if (names.length === 0) files.problems.add(`${files.display(dir)}: has no category files`);
  const byId = new Map(taxonomy.map((t) => [t.id, t]));
  const read = new Map<string, DemoCategory>();
  for (const name of names) {
    const id = basename(name, '.json');
    const file = join(dir, name);
    const identity = byId.get(id);
    if (!identity) {
      const where = `${files.display(file)}: the category ${JSON.stringify(id)}`;
      files.problems.add(`${where} is not in ${files.display(taxonomyFile)} (the file name is the category id)`);
      continue;
    }
    const { r, value } = files.open(file, `category ${id}`);
    read.set(id, readCategory(r, value, identity, context));
  }
  return taxonomy.flatMap((t) => read.get(t.id) ?? []);
}

/** Reads one category file; problems go to `r`. */
function readCategory(
  r: FieldReader,
  value: unknown,
  identity: TaxonomyCategory,
  context: CategoryContext
): DemoCategory {
  const o = r.object(value, '', FIELDS) ?? {};
  const bySector = (field: string, rule: NumberRule) =>
    r.record(o[field], field, (v, path) => r.number(v, path, rule), {
      optional: true,
      keyProblem: oneOfKeys(context.sectors, 'a sector of platforms.json')
    });
  const byTier = <T>(field: string, read: (v: unknown, path: string) => T) => {
    const t = r.object(o[field], field, TIERS) ?? {};
    return Object.fromEntries(TIERS.map((tier) => [tier, read(t[tier], `${field}.${tier}`)])) as Record<Tier, T>;
  };
  const clauses = (field: string, min = 1) => r.templates(o[field], field, context.clauseSlots, min);
  const plain = (field: string) => r.templates(o[field], field, NO_SLOTS);

  const listed = r.list(o.doc_types, 'doc_types');
  if (new Set(listed).size !== listed.length) r.problem('doc_types', 'lists a document type twice');
  const docTypes = listed.map((v, i) => r.oneOf(v, `doc_types[${i}]`, DOC_TYPES));
  const severity = r.oneOf(o.typical_severity, 'typical_severity', SEVERITIES);
  const mostlySince = o.mostly_since === undefined ? undefined : r.text(o.mostly_since, 'mostly_since');
  if (mostlySince && parseDate(mostlySince) === null) {
    r.problem('mostly_since', `must be a day YYYY-MM-DD, got ${JSON.stringify(mostlySince)}`);
  }
  const regulations = r.object(o.regulations, 'regulations', REGIONS) ?? {};

  return {
    ...identity,
    oversight: r.oneOf(o.oversight, 'oversight', OVERSIGHTS),
    docTypes,
    weight: r.number(o.weight, 'weight', { above: 0 }),
    sectorWeight: bySector('sector_weight', { min: 0 }),
    base: SEVERITIES.length - 1 - SEVERITIES.indexOf(severity),
    sectorShift: bySector('sector_shift', { integer: true, min: -4, max: 4 }),
    mostlySince,
    // A change raises the severity with probability 0.5 + drift.
    drift: r.number(o.drift, 'drift', { min: -0.5, max: 0.5 }),
    titles: plain('titles'),
    clauses: byTier('clauses', (v, path) => r.templates(v, path, context.clauseSlots)),
    aggravating: clauses('aggravating'),
    mitigating: clauses('mitigating'),
    amendments: clauses('amendments', 0),
    summaries: byTier('summaries', (v, path) => r.template(v, path, NO_SLOTS)),
    impacts: byTier('impacts', (v, path) => r.template(v, path, NO_SLOTS)),
    actions: plain('actions'),
    regulations: Object.fromEntries(
      REGIONS.map((region) => [region, r.templates(regulations[region], `regulations.${region}`, NO_SLOTS)])
    ) as DemoCategory['regulations']
  };
}
