/**
 * The demo generator's data files (data/demo/, data/taxonomy/categories.json) and their loader: what the shipped
 * files hold, independently of the Parquet bytes, and the loader's error for each kind of mistake.
 */
import { cpSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DOC_TYPES, SEVERITIES } from '../../src/lib/contract/schema';
import { drawSlots } from '../../scripts/lib/demo/clauses';
import { DEMO_DATA, DEMO_DATA_DIR, loadDemoData, TAXONOMY_FILE } from '../../scripts/lib/demo/data';
import type { DemoCategory } from '../../scripts/lib/demo/categories';
import { inventPlatform } from '../../scripts/lib/demo/platforms';
import { Rng } from '../../scripts/lib/demo/random';
import { render, SLOT_PATTERN } from '../../scripts/lib/demo/template';
import { tempDirs } from './temp';

const tempDir = tempDirs('demo-data');

type Json = Record<string, any>;

/** The taxonomy file as plain JSON, read without the loader. */
const taxonomy: Json[] = JSON.parse(readFileSync(TAXONOMY_FILE, 'utf8'));
/** The ids of the category template files, read without the loader. */
const templateIds = readdirSync(join(DEMO_DATA_DIR, 'categories')).map((f) => basename(f, '.json'));

/**
 * One line per category: id, oversight, number of doc types, weight, typical severity, drift, then how many titles,
 * clauses per tier (low/medium/high), aggravating, mitigating and amendment sentences, actions, and regulations per
 * region (EU/US/GB). Single spaces; the table below is aligned for reading.
 */
function summary(c: DemoCategory): string {
  const { clauses: cl, regulations: re } = c;
  return [
    c.id, c.oversight, c.docTypes.length, c.weight, SEVERITIES[SEVERITIES.length - 1 - c.base], c.drift, c.titles.length,
    `${cl.low.length}/${cl.medium.length}/${cl.high.length}`,
    c.aggravating.length, c.mitigating.length, c.amendments.length, c.actions.length,
    `${re.EU.length}/${re.US.length}/${re.GB.length}`
  ].join(' ');
}

// Counted from scripts/lib/demo/categories.ts before the templates moved to data/demo/.
const CATEGORY_TABLE = `
id                     oversight  docs  weight  severity  drift  titles  clauses  aggr  mitig  amend  actions  regulations
ai_training_data       privacy    4     0.8     medium    0.35   4       2/2/2    3     2      3      4        3/2/1
automated_decisions    privacy    4     0.7     medium    0.1    4       2/2/2    2     1      2      3        3/2/1
data_sharing           privacy    3     1.6     medium    0.05   4       2/2/2    2     1      2      4        3/2/1
data_retention         privacy    3     1.3     medium    0.05   4       2/2/2    2     1      2      3        2/1/1
biometric_data         privacy    2     0.35    high      0.1    3       1/2/2    1     1      1      2        1/2/1
location_tracking      privacy    2     0.7     medium    0.05   3       1/2/2    1     1      1      3        2/2/1
childrens_data         privacy    3     0.5     medium    -0.05  3       1/2/2    1     1      1      2        2/1/2
cookie_tracking        privacy    2     1       medium    0      3       1/2/2    1     1      1      3        2/1/1
mandatory_arbitration  consumer   2     0.9     high      0      3       1/2/2    2     1      2      2        1/1/1
class_action_waiver    consumer   1     0.7     high      0      2       1/1/2    1     1      1      1        1/1/1
liability_limitation   consumer   1     1       medium    0.05   2       1/2/2    1     1      1      2        1/1/1
governing_law          consumer   2     0.9     low       0      3       1/1/1    1     1      1      1        2/1/1
content_licence        consumer   2     1.1     medium    0.15   3       1/2/2    1     1      2      2        2/1/1
account_termination    consumer   3     1.1     medium    0.05   3       1/2/2    1     1      2      3        3/1/1
unilateral_changes     consumer   2     1.1     medium    0      3       1/1/2    1     1      1      2        2/1/1
price_changes          consumer   2     0.8     medium    0.1    3       1/2/2    1     1      1      3        1/2/1
`;

describe('the demo data files', () => {
  it('hold the sixteen categories the TypeScript templates held, in the taxonomy order', () => {
    const [, ...expected] = CATEGORY_TABLE.trim().split('\n').map((line) => line.trim().split(/ +/).join(' '));
    expect(DEMO_DATA.categories.map(summary)).toEqual(expected);
    const clauses = DEMO_DATA.categories.flatMap((c) => [...c.clauses.low, ...c.clauses.medium, ...c.clauses.high]);
    expect(new Set(clauses).size).toBe(80);
  });

  it('take name, group and description from the taxonomy file, for the taxonomy ids that have templates', () => {
    const withTemplates = new Set(templateIds);
    const expected = taxonomy.filter((t) => withTemplates.has(t.id)).map(({ id, name, group, description }) => ({ id, name, group, description }));
    expect(DEMO_DATA.categories.map(({ id, name, group, description }) => ({ id, name, group, description }))).toEqual(expected);
    expect(expected).toHaveLength(16);
  });

  it('hold the sectors, jurisdictions, document types and slots the generator draws from, in draw order', () => {
    expect(DEMO_DATA.sectors.map((s) => [s.name, s.weight, s.nameForms.length])).toEqual([
      ['Generative AI', 14, 5], ['Social media', 12, 5], ['Marketplace', 10, 5], ['Streaming', 8, 5], ['Fintech', 10, 5],
      ['Cloud/SaaS', 14, 5], ['Gaming', 8, 5], ['Health', 8, 5], ['Travel', 8, 5], ['News', 8, 5]
    ]);
    const { onsets, middles, codas } = DEMO_DATA.syllables;
    expect([onsets.length, middles.length, codas.length]).toEqual([48, 14, 16]);
    expect(DEMO_DATA.jurisdictions.map((j) => `${j.code}:${j.weight}${j.eu ? ' EU' : ''}${j.privacyLaw ? ' +law' : ''}`)).toEqual([
      'US:38', 'GB:7', 'DE:6 EU', 'FR:5 EU', 'IE:5 EU', 'NL:4 EU', 'SE:3 EU', 'CN:5 +law', 'JP:4 +law', 'KR:3 +law',
      'IN:4 +law', 'BR:3 +law', 'CA:4 +law', 'AU:3 +law', 'SG:3 +law', 'IL:2 +law', 'CH:2 +law', 'ES:2 EU', 'IT:2 EU', 'PL:1 EU'
    ]);
    expect(DEMO_DATA.documents.map((d) => [d.type, d.always ? 'always' : d.chance, d.chanceBySector])).toEqual([
      ['terms_of_service', 'always', {}],
      ['privacy_policy', 'always', {}],
      ['cookie_policy', 0.25, {}],
      ['acceptable_use_policy', 0.1, { 'Generative AI': 0.6 }],
      ['community_guidelines', 0.05, { 'Social media': 0.6, Gaming: 0.6 }],
      ['data_processing_agreement', 0.03, { 'Cloud/SaaS': 0.5, 'Generative AI': 0.2 }],
      ['other', 0.05, {}]
    ]);
    expect([...DEMO_DATA.documents.map((d) => d.type)].sort()).toEqual([...DOC_TYPES].sort());
    expect(Object.entries(DEMO_DATA.slots.text).map(([k, v]) => [k, v.length])).toEqual([
      ['state', 5], ['partners', 7], ['optout', 5], ['arbitrator', 5], ['cap', 6], ['biometric', 5]
    ]);
    expect(DEMO_DATA.slots.numbers).toEqual({
      days: [7, 14, 30, 45, 60, 90, 180], months: [3, 6, 12, 18, 24, 36], years: [2, 3, 5, 7, 10], notice: [7, 14, 15, 30, 60], age: [13, 16, 18]
    });
  });

  it('use only slots a provision fills, and every clause renders with a platform’s slots', () => {
    const rng = new Rng(5);
    const platform = inventPlatform(rng, new Set());
    const slots = drawSlots(rng, platform);
    expect(Object.keys(slots).sort()).toEqual(
      ['name', 'domain', 'country', 'venue', 'law', 'state', 'partners', 'optout', 'arbitrator', 'cap', 'biometric', 'days', 'months', 'years', 'notice', 'age'].sort()
    );
    const used = new Set<string>();
    for (const c of DEMO_DATA.categories) {
      for (const text of [...c.clauses.low, ...c.clauses.medium, ...c.clauses.high, ...c.aggravating, ...c.mitigating, ...c.amendments]) {
        for (const m of text.matchAll(SLOT_PATTERN)) used.add(m[1]!.toLowerCase());
        expect(render(text, slots)).not.toMatch(/[{}]/);
      }
    }
    // Every slot but {state} (only in the US law) and {law}'s own parts is used by some clause.
    expect([...used].sort()).toEqual(['age', 'arbitrator', 'biometric', 'cap', 'country', 'days', 'domain', 'law', 'months', 'name', 'notice', 'optout', 'partners', 'venue', 'years']);
    expect(render('{NAME} and {name}', { name: 'Lumora' })).toBe('LUMORA and Lumora');
    expect(() => render('{nope}', {})).toThrow('Template slot {nope} has no value');
  });
});

/** A writable copy of data/demo and the taxonomy, changed by `edit`; returns the loader's problems, one a line. */
function problemsAfter(edit: (dir: string, taxonomyFile: string) => void): string[] {
  const root = tempDir();
  const dir = join(root, 'demo');
  const taxonomyFile = join(root, 'categories.json');
  cpSync(DEMO_DATA_DIR, dir, { recursive: true });
  cpSync(TAXONOMY_FILE, taxonomyFile);
  edit(dir, taxonomyFile);
  try {
    loadDemoData({ dir, taxonomyFile });
  } catch (error) {
    const [head, ...lines] = (error as Error).message.replaceAll(`${root}/`, '').split('\n');
    expect(head).toBe(`The demo generator's data has ${lines.length} problem${lines.length === 1 ? '' : 's'}:`);
    return lines.map((l) => l.trim());
  }
  return [];
}

function editJson(file: string, change: (value: any) => unknown): void {
  const value = JSON.parse(readFileSync(file, 'utf8'));
  const next = change(value);
  writeFileSync(file, JSON.stringify(next === undefined ? value : next));
}

const RETENTION = 'demo/categories/data_retention.json (category data_retention)';

describe('loadDemoData', () => {
  it('loads an unchanged copy to the same data', () => {
    const root = tempDir();
    cpSync(DEMO_DATA_DIR, join(root, 'demo'), { recursive: true });
    expect(loadDemoData({ dir: join(root, 'demo'), taxonomyFile: TAXONOMY_FILE })).toEqual(DEMO_DATA);
  });

  it('names the file, the category and the field of a missing field, a wrong type and an unknown field', () => {
    const problems = problemsAfter((dir) =>
      editJson(join(dir, 'categories/data_retention.json'), (c) => {
        delete c.summaries.low;
        c.weight = '1.3';
        c.mitigatng = c.mitigating;
        c.clauses.high[1] = 3;
      })
    );
    expect(problems).toEqual([
      `${RETENTION}, field mitigatng is not a known field (known: oversight, doc_types, weight, sector_weight, typical_severity, sector_shift, mostly_since, drift, titles, clauses, aggravating, mitigating, amendments, summaries, impacts, actions, regulations)`,
      `${RETENTION}, field weight must be a number, got "1.3"`,
      `${RETENTION}, field clauses.high[1] must be text, got 3`,
      `${RETENTION}, field summaries.low is missing`
    ]);
  });

  it('refuses unknown slots, slots in wording shown as written, mixed-case slots and stray braces', () => {
    const problems = problemsAfter((dir) =>
      editJson(join(dir, 'categories/data_retention.json'), (c) => {
        c.clauses.low[0] = 'Kept for {dayz} days by {Name}.';
        c.amendments[0] = 'Logs are kept for {years years.';
        c.titles[0] = 'How long {name} keeps your data';
      })
    );
    expect(problems).toEqual([
      `${RETENTION}, field titles[0] uses the slot {name}, which is not a known slot (no slots are filled in this field)`,
      `${RETENTION}, field clauses.low[0] uses the slot {dayz}, which is not a known slot (known here: {name}, {domain}, {country}, {venue}, {law}, {state}, {partners}, {optout}, {arbitrator}, {cap}, {biometric}, {days}, {months}, {years}, {notice}, {age})`,
      `${RETENTION}, field clauses.low[0] writes the slot {Name} in mixed case: write {name}, or {NAME} for its value in capitals`,
      `${RETENTION}, field amendments[0] has a brace that is not part of a slot (a slot is {name}: letters only)`
    ]);
  });

  it('refuses document types the contract does not have, in a category and in documents.json', () => {
    const problems = problemsAfter((dir) => {
      editJson(join(dir, 'categories/data_retention.json'), (c) => void c.doc_types.push('faq'));
      editJson(join(dir, 'documents.json'), (d) => {
        d.faq = d.other;
        delete d.other;
      });
    });
    expect(problems).toEqual([
      'demo/documents.json, field faq is not a document type of the contract (terms_of_service, privacy_policy, acceptable_use_policy, cookie_policy, data_processing_agreement, community_guidelines, other)',
      'demo/documents.json: has no entry for the document type(s) other',
      `${RETENTION}, field doc_types[3] is "faq": must be one of ${DOC_TYPES.join(', ')}`
    ]);
  });

  it('refuses a template file for a category the taxonomy does not have', () => {
    const problems = problemsAfter((dir, taxonomyFile) =>
      editJson(taxonomyFile, (t: Json[]) => t.filter((c) => c.id !== 'governing_law'))
    );
    expect(problems).toEqual([
      'demo/categories/governing_law.json: the category "governing_law" is not in categories.json (the file name is the category id)'
    ]);
  });

  it('follows the taxonomy: its order, and only the categories that have templates', () => {
    const root = tempDir();
    const taxonomyFile = join(root, 'categories.json');
    const reordered = [...taxonomy].reverse();
    reordered.splice(3, 0, { id: 'new_question', name: 'A category without demo templates', group: 'Other', description: 'x' });
    reordered.push({ id: 'another', name: 'Another', group: 'Other', description: 'y', short_label: 'Another', question: '?' });
    writeFileSync(taxonomyFile, JSON.stringify(reordered));
    const data = loadDemoData({ taxonomyFile });
    expect(data.categories.map((c) => c.id)).toEqual(reordered.map((t) => t.id).filter((id) => templateIds.includes(id)));
    expect(data.categories.map((c) => c.id)).toEqual([...DEMO_DATA.categories.map((c) => c.id)].reverse());
  });

  it('reports sectors, jurisdictions and slot names that do not exist or clash', () => {
    const problems = problemsAfter((dir) => {
      editJson(join(dir, 'categories/data_retention.json'), (c) => void (c.sector_weight = { Sports: 2 }));
      editJson(join(dir, 'documents.json'), (d) => void (d.terms_of_service.local_titles.XX = 'Terms'));
      editJson(join(dir, 'slots.json'), (s) => {
        s.text.name = ['clash'];
        s.numbers.cap = [1];
      });
    });
    expect(problems).toEqual([
      'demo/slots.json, field text.name is a slot the platform fills ({name}, {domain}, {country}, {venue}, {law})',
      'demo/slots.json, field numbers.cap is also a text slot',
      'demo/documents.json, field terms_of_service.local_titles.XX is not a jurisdiction of jurisdictions.json (US, GB, DE, FR, IE, NL, SE, CN, JP, KR, IN, BR, CA, AU, SG, IL, CH, ES, IT, PL)',
      `${RETENTION}, field sector_weight.Sports is not a sector of platforms.json (Generative AI, Social media, Marketplace, Streaming, Fintech, Cloud/SaaS, Gaming, Health, Travel, News)`
    ]);
  });

  it('requires the partners slot, which revisions redraw by name, and then refuses every clause that uses it', () => {
    const problems = problemsAfter((dir) => editJson(join(dir, 'slots.json'), (s) => void delete s.text.partners));
    // Counted in the files themselves: every piece of clause wording that says {partners}.
    const users: string[] = [];
    for (const id of templateIds) {
      const c = JSON.parse(readFileSync(join(DEMO_DATA_DIR, `categories/${id}.json`), 'utf8'));
      const wording = [...c.clauses.low, ...c.clauses.medium, ...c.clauses.high, ...c.aggravating, ...c.mitigating, ...c.amendments];
      users.push(...wording.filter((text: string) => text.includes('{partners}')).map(() => id));
    }
    expect(users.length).toBeGreaterThan(10);
    expect(problems[0]).toBe('demo/slots.json, field text.partners is missing (the generator draws it by name)');
    const refused = problems.slice(1).map((p) => /^demo\/categories\/(\w+)\.json .* uses the slot \{partners\}, which is not a known slot/.exec(p)?.[1]);
    expect(refused.sort()).toEqual(users.sort());
  });

  it('reports an unreadable file or field once, not everything inside it', () => {
    const problems = problemsAfter((dir) => {
      writeFileSync(join(dir, 'history.json'), '{ "notes": ');
      rmSync(join(dir, 'jurisdictions.json'));
      editJson(join(dir, 'categories/biometric_data.json'), (c) => void (c.clauses = ['x']));
    });
    expect(problems).toEqual([
      'demo/jurisdictions.json: is missing',
      // The parser's own wording follows the colon.
      expect.stringMatching(/^demo\/history\.json: is not valid JSON \(.+\)$/),
      'demo/categories/biometric_data.json (category biometric_data), field clauses must be an object, got a list'
    ]);
  });
});
