/**
 * The ToS;DR importer (`npm run import:tosdr`): its rules on the hand-made fixture (tests/fixtures/tosdr-mini, see
 * its README), its mapping files against the contract and the taxonomy, and exact numbers on the real 2021 sample in
 * ../shared/data (skipped, saying so, when that folder is absent).
 */
import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadExport, type LoadedExport } from '../../scripts/lib/export-io';
import { caseKey } from '../../scripts/lib/tosdr/cases';
import { htmlToText } from '../../scripts/lib/tosdr/html-text';
import { generatedAtFor, importTosdr, REPORT_FILE, type ImportResult } from '../../scripts/lib/tosdr/import';
import { DEFAULT_MAPPINGS_DIR, DEFAULT_TAXONOMY_FILE, loadMappings, MAPPING_FILES } from '../../scripts/lib/tosdr/mappings';
import type { ImportReport } from '../../scripts/lib/tosdr/report';
import { cleanServiceName } from '../../scripts/lib/tosdr/service-names';
import { compareFileNames, TosdrInputError } from '../../scripts/lib/tosdr/source-files';
import { cleanWebsite } from '../../scripts/lib/tosdr/websites';
import { validateExport } from '../../scripts/validate-export';
import { DOC_TYPES, POLARITIES, SEVERITIES } from '../../src/lib/contract/schema';
import { engineRows, reproducibleFiles } from '../helpers/export-files';
import { copyDir, tempDirs } from './temp';

const REPO = fileURLToPath(new URL('../..', import.meta.url));
const FIXTURE = join(REPO, 'tests/fixtures/tosdr-mini');
const SAMPLE = join(resolve(REPO, '../shared/data'), 'tosdr-2021-sample');
const DATA_AS_OF = '2021-01-09';
const tempDir = tempDirs('tosdr');

type Rec = Record<string, unknown>;

async function runImport(src: string, options: { mappingsDir?: string } = {}): Promise<{ out: string; result: ImportResult }> {
  const out = join(tempDir(), 'export');
  return { out, result: await importTosdr(src, out, { dataAsOf: DATA_AS_OF, ...options }) };
}

function okReport(result: ImportResult): ImportReport {
  if (!result.ok) throw new Error(`import failed at ${result.stage}: ${result.errors.join('\n')}`);
  return result.report;
}

interface Imported {
  readonly out: string;
  readonly report: ImportReport;
  readonly loaded: LoadedExport;
}

/** For a describe block about one import: `src` imported (it must succeed) and loaded in its beforeAll, closed after. */
function importedOnce(src: string): Imported {
  let state: Imported | undefined;
  beforeAll(async () => {
    const run = await runImport(src);
    const report = okReport(run.result);
    state = { out: run.out, report, loaded: await loadExport(run.out) };
  });
  afterAll(() => state?.loaded.db.close());
  const get = (): Imported => {
    if (!state) throw new Error('importedOnce: the import did not run (its beforeAll failed)');
    return state;
  };
  return {
    get out() { return get().out; },
    get report() { return get().report; },
    get loaded() { return get().loaded; }
  };
}

function readJson(path: string): unknown {
  return JSON.parse(readFileSync(path, 'utf8'));
}

describe('text, website and name rules', () => {
  it.each([
    ['<p>One</p>\n<ul><li>two</li><li>three &amp; four</li></ul>', 'One\n• two\n• three & four'],
    ['We&nbsp;may <b>share</b> it with&#39;partners&#x27; &quot;affiliates&quot;', 'We may share it with\'partners\' "affiliates"'],
    ['a < b and c > d', 'a < b and c > d'],
    ['escaped &lt;p&gt; stays text', 'escaped <p> stays text'],
    ['unknown &bogus; entity and &#0; stay', 'unknown &bogus; entity and &#0; stay'],
    ['Line one<br>Line two<br/>  <br>', 'Line one\nLine two'],
    ['<p> </p>', null]
  ])('htmlToText(%j)', (html, text) => {
    expect(htmlToText(html)).toBe(text);
  });

  it.each([
    ['facebook.com', { ok: true, url: 'https://facebook.com' }],
    ['  www.tiktok.com ', { ok: true, url: 'https://www.tiktok.com' }],
    ['http://echo.example.com/home', { ok: true, url: 'http://echo.example.com/home' }],
    ['None', { ok: false, reason: 'neither a URL nor a host name' }],
    ['oof', { ok: false, reason: 'neither a URL nor a host name' }],
    ['amazon', { ok: false, reason: 'neither a URL nor a host name' }],
    ['https://https://example.com', { ok: false, reason: 'not an http(s) URL with a host name' }],
    ['http://localhost', { ok: false, reason: 'not an http(s) URL with a host name' }],
    ['ftp://files.example.com', { ok: false, reason: 'not an http(s) URL' }],
    ['https://en.wikipedia.org/wiki/List of Google domains', { ok: false, reason: 'not an http(s) URL with a host name' }]
  ])('cleanWebsite(%j)', (value, expected) => {
    expect(cleanWebsite(value)).toEqual(expected);
  });

  const rules = { spamMarkers: ['[SPAM TO BE DELETED]'], leadingJunk: '!*-' };
  it.each([
    ['  Acme Social ', { ok: true, name: 'Acme Social' }],
    ['! Drift', { ok: true, name: 'Drift' }],
    ['Yahoo!', { ok: true, name: 'Yahoo!' }],
    ['Tab\tand  spaces', { ok: true, name: 'Tab and spaces' }],
    ['[spam to be deleted] pills', { ok: false, reason: 'spam: the name contains "[SPAM TO BE DELETED]"' }],
    ['!!!', { ok: false, reason: 'the name "!!!" has no letter or digit' }],
    [null, { ok: false, reason: 'no name' }]
  ])('cleanServiceName(%j)', (raw, expected) => {
    expect(cleanServiceName(raw, rules)).toEqual(expected);
  });

  it('joins cases as ToS;DR did and reads files in a fixed order', () => {
    expect(caseKey(' Terms may be changed any time, without notice ')).toBe('_terms_may_be_changed_any_time__without_notice_');
    expect(caseKey('tracks you on other websites')).toBe(caseKey('Tracks you on other-websites'));
    expect(['b.json', '10.json', 'A.json', '9.json', 'a b.json'].sort(compareFileNames)).toEqual(['9.json', '10.json', 'A.json', 'a b.json', 'b.json']);
  });
});

describe('the ToS;DR mapping files', () => {
  const taxonomy = readJson(DEFAULT_TAXONOMY_FILE) as Rec[];
  const ids = new Set(taxonomy.map((c) => c.id));
  const file = (name: string) => readJson(join(DEFAULT_MAPPINGS_DIR, name)) as Rec;

  it('load without problems', async () => {
    const loaded = await loadMappings();
    expect(loaded.ok ? [] : loaded.problems).toEqual([]);
  });

  it('keep the sixteen first categories and give every category every field', () => {
    expect(taxonomy.slice(0, 16).map((c) => c.id)).toEqual([
      'ai_training_data', 'automated_decisions', 'data_sharing', 'data_retention', 'biometric_data', 'location_tracking',
      'childrens_data', 'cookie_tracking', 'mandatory_arbitration', 'class_action_waiver', 'liability_limitation',
      'governing_law', 'content_licence', 'account_termination', 'unilateral_changes', 'price_changes'
    ]);
    expect(ids.size).toBe(taxonomy.length);
    for (const c of taxonomy) {
      expect(Object.keys(c).sort(), String(c.id)).toEqual(['description', 'group', 'id', 'name', 'question', 'short_label']);
      for (const v of Object.values(c)) expect(typeof v === 'string' && v.trim() !== '', `${String(c.id)}: ${JSON.stringify(v)}`).toBe(true);
    }
  });

  it('name only categories of the taxonomy, and give a reason for every case mapped to none', () => {
    const cases = file('cases.json').cases as Rec[];
    const topics = file('topics.json').topics as Rec[];
    for (const entry of [...cases, ...topics]) {
      expect(entry.category === null || ids.has(entry.category), JSON.stringify(entry)).toBe(true);
    }
    for (const entry of cases.filter((c) => c.category === null)) expect(typeof entry.note, JSON.stringify(entry)).toBe('string');
    expect(new Set(cases.map((c) => caseKey(c.case as string))).size).toBe(cases.length);
    expect(cases.length).toBe(576);
  });

  it('give contract severities, polarities and doc types, with patterns that compile', () => {
    for (const rule of file('ratings.json').rules as Rec[]) {
      expect(SEVERITIES as readonly unknown[], JSON.stringify(rule)).toContain(rule.severity);
      expect(POLARITIES as readonly unknown[], JSON.stringify(rule)).toContain(rule.polarity);
    }
    for (const rule of file('doc-types.json').rules as Rec[]) {
      expect(DOC_TYPES as readonly unknown[], JSON.stringify(rule)).toContain(rule.doc_type);
      expect(() => new RegExp(rule.pattern as string, 'i')).not.toThrow();
    }
    const cleaning = file('cleaning.json');
    expect(Array.isArray(cleaning.spam_name_markers) && Array.isArray(cleaning.boilerplate_summaries)).toBe(true);
  });

  it('rate ToS;DR ratings by the documented rule', async () => {
    const loaded = await loadMappings();
    if (!loaded.ok) throw new Error(loaded.problems.join('\n'));
    const { rateCase } = await import('../../scripts/lib/tosdr/mappings');
    const rate = (rating: string | null, score: number | null) => {
      const rule = rateCase(loaded.mappings.ratings, rating, score);
      return rule && [rule.severity, rule.polarity];
    };
    expect(rate('blocker', 15)).toEqual(['critical', 'negative']);
    expect(rate('bad', 50)).toEqual(['high', 'negative']);
    expect(rate('bad', 49)).toEqual(['medium', 'negative']);
    expect(rate('bad', null)).toEqual(['medium', 'negative']);
    expect(rate('neutral', 50)).toEqual(['low', 'neutral']);
    expect(rate('good', 90)).toEqual(['info', 'positive']);
    expect(rate('info', 40)).toEqual(['info', 'neutral']);
    expect(rate('mixed', 40)).toBeNull();
    expect(rate(null, null)).toBeNull();
  });

  it('with a mistake are refused, each problem naming its file and entry, and nothing is imported', async () => {
    const dir = copyDir(DEFAULT_MAPPINGS_DIR, join(tempDir(), 'mappings'));
    const edit = (name: string, change: (f: Rec) => void) => {
      const f = readJson(join(dir, name)) as Rec;
      change(f);
      writeFileSync(join(dir, name), JSON.stringify(f));
    };
    edit('cases.json', (f) => {
      const cases = f.cases as Rec[];
      cases[0] = { case: cases[0]!.case, category: 'no_such_category' };
      cases[1] = { case: cases[1]!.case, category: null };
      cases.push({ case: 'TRACKS you on other websites', category: 'cookie_tracking' });
    });
    edit('ratings.json', (f) => {
      (f.rules as Rec[])[0]!.severity = 'severe';
      (f.rules as Rec[])[4]!.polarity = 'good';
    });
    edit('doc-types.json', (f) => {
      (f.rules as Rec[])[0]!.doc_type = 'cookies';
      (f.rules as Rec[])[1]!.pattern = '(unclosed';
    });
    const { out, result } = await runImport(FIXTURE, { mappingsDir: dir });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.stage).toBe('mappings');
    const cases = join(dir, 'cases.json');
    const firstTwo = (readJson(cases) as { cases: Rec[] }).cases.slice(0, 2).map((c) => JSON.stringify(c.case));
    expect(result.errors).toEqual([
      `${cases}: cases[0] (${firstTwo[0]}): category "no_such_category" is not an id of data/taxonomy/categories.json (or null)`,
      `${cases}: cases[1] (${firstTwo[1]}): a case mapped to no category needs a "note" saying why`,
      `${cases}: cases[576] ("TRACKS you on other websites"): same join key as "tracks you on other websites" (ToS;DR treats them as one case)`,
      `${join(dir, 'ratings.json')}: rules[0]: severity "severe" is not one of critical, high, medium, low, info`,
      `${join(dir, 'ratings.json')}: rules[4]: polarity "good" is not one of negative, neutral, positive`,
      `${join(dir, 'doc-types.json')}: rules[0]: doc_type "cookies" is not one of ${DOC_TYPES.join(', ')}`,
      expect.stringMatching(new RegExp(`^${join(dir, 'doc-types.json').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: rules\\[1\\]: pattern "\\(unclosed" is not a regular expression`))
    ]);
    expect(existsSync(out)).toBe(false);
    expect(MAPPING_FILES.every((f) => existsSync(join(dir, f)))).toBe(true);
  });
});

describe('importing the tosdr-mini fixture', () => {
  const imported = importedOnce(FIXTURE);
  const rows = (sql: string) => imported.loaded.db.query(sql);

  it('merges the files of one service (slug and id files, two ids per slug, two slugs per id) into one platform', async () => {
    expect(await rows('SELECT platform_id, name, website, sector, jurisdiction, source_ids, source_slugs, source_grade, source_url FROM platforms ORDER BY rowid')).toEqual([
      { platform_id: 'acme', name: 'Acme Social', website: 'https://acme.example.com', sector: null, jurisdiction: null, source_ids: ['101'], source_slugs: ['acme'], source_grade: 'C', source_url: 'https://edit.tosdr.org/services/101' },
      { platform_id: 'bolt', name: 'Bolt Chat', website: 'https://bolt.example.org', sector: null, jurisdiction: null, source_ids: ['201', '202'], source_slugs: ['bolt'], source_grade: null, source_url: 'https://edit.tosdr.org/services/201' },
      { platform_id: 'cirrus', name: 'Cirrus', website: null, sector: null, jurisdiction: null, source_ids: ['303'], source_slugs: ['cirrus', 'cirrus-cloud'], source_grade: null, source_url: 'https://edit.tosdr.org/services/303' },
      { platform_id: 'drift', name: 'Drift', website: null, sector: null, jurisdiction: null, source_ids: ['404'], source_slugs: ['drift'], source_grade: null, source_url: 'https://edit.tosdr.org/services/404' },
      { platform_id: 'echo', name: 'Echo', website: 'http://echo.example.com/home', sector: null, jurisdiction: null, source_ids: ['606'], source_slugs: ['echo'], source_grade: null, source_url: 'https://edit.tosdr.org/services/606' }
    ]);
    expect(imported.report.services.merged).toEqual([
      { platform_id: 'acme', files: ['services/101.json', 'services/acme.json'], ids: ['101'], slugs: ['acme'] },
      { platform_id: 'bolt', files: ['services/202.json', 'services/bolt.json'], ids: ['201', '202'], slugs: ['bolt'] },
      { platform_id: 'cirrus', files: ['services/303.json', 'services/cirrus.json'], ids: ['303'], slugs: ['cirrus', 'cirrus-cloud'] }
    ]);
    expect(imported.report.services.names_ignored).toEqual([{ platform_id: 'bolt', name: 'Bolt', file: 'services/202.json' }]);
    // Points name services by slug, by numeric id and by the second slug.
    expect(await rows("SELECT source_id, platform_id FROM provisions WHERE source_id IN ('1', '2', '4', '5') ORDER BY rowid")).toEqual([
      { source_id: '1', platform_id: 'acme' },
      { source_id: '2', platform_id: 'acme' },
      { source_id: '4', platform_id: 'bolt' },
      { source_id: '5', platform_id: 'cirrus' }
    ]);
  });

  it('cleans names, skips spam services with their points, and drops junk websites, listing each', () => {
    expect(imported.report.services.names_cleaned).toEqual([
      { platform_id: 'acme', from: '  Acme Social ', to: 'Acme Social' },
      { platform_id: 'drift', from: '! Drift', to: 'Drift' }
    ]);
    expect(imported.report.services.skipped).toEqual([
      { files: ['services/505.json'], name: '[SPAM TO BE DELETED] cheap pills', reason: 'spam: the name contains "[SPAM TO BE DELETED]"' }
    ]);
    expect(imported.report.services.junk_websites).toEqual([
      { platform_id: 'bolt', value: 'None', reason: 'neither a URL nor a host name' },
      { platform_id: 'cirrus', value: 'https://https://cirrus.example.net', reason: 'not an http(s) URL with a host name' },
      { platform_id: 'drift', value: 'oof', reason: 'neither a URL nor a host name' }
    ]);
    expect(imported.report.services.platforms_without_website).toBe(2);
    expect(imported.report.services).toMatchObject({ files: 9, unreadable: [], id_collisions: [] });
  });

  it('imports approved points only, and counts every other point by reason', () => {
    expect(imported.report.points).toMatchObject({ files: 24, approved: 16, imported: 11 });
    expect(imported.report.points.skipped).toEqual({
      unreadable: 1,
      duplicate_id: 1,
      needs_moderation: 1,
      closed_irrelevant: 3,
      no_case: 1,
      unknown_case: 1,
      no_service: 1,
      unknown_service: 1,
      skipped_service: 1,
      no_category: 2
    });
    expect(imported.report.points.unreadable).toEqual([{ file: 'points/22.json', error: expect.stringMatching(/^not valid JSON \(/) }]);
    expect(imported.report.points.duplicate_ids).toEqual([{ id: '1', files: ['points/1.json', 'points/23.json'] }]);
    expect(imported.report.points.unknown_cases).toEqual([{ name: 'A case that was never written', count: 1 }]);
    expect(imported.report.points.unknown_services).toEqual([{ name: 'nowhere', count: 1 }]);
  });

  it('maps cases to categories and ratings to severity and polarity, keeping the source case and rating', async () => {
    expect(
      await rows('SELECT record_id, platform_id, category_id, severity, polarity, source_rating, source_score, source_case, category_source, classified_by, status FROM provisions ORDER BY rowid')
    ).toEqual(
      [
        ['1', 'acme', 'targeted_advertising', 'critical', 'negative', 'blocker', 90, 'Your identity is used in ads that are shown to other users', 'case'],
        ['2', 'acme', 'cookie_tracking', 'high', 'negative', 'bad', 60, 'tracks you on other websites', 'case'],
        ['3', 'bolt', 'data_sharing', 'medium', 'negative', 'bad', 15, 'Third parties may be involved in operating the service', 'case'],
        ['4', 'bolt', 'data_sharing', 'medium', 'negative', 'bad', null, 'Shares Your Information With Affiliates-bad-undefined', 'case'],
        ['5', 'cirrus', 'governing_law', 'low', 'neutral', 'neutral', 0, 'The court of law governing the terms is in location X', 'case'],
        ['6', 'drift', 'targeted_advertising', 'info', 'positive', 'good', 25, 'You can opt out of targeted advertising', 'case'],
        ['7:acme', 'acme', 'data_rights', 'info', 'neutral', 'info', 40, 'You can request copies and changes to the personal information Cloudant stores-info-40', 'case'],
        ['7:bolt', 'bolt', 'data_rights', 'info', 'neutral', 'info', 40, 'You can request copies and changes to the personal information Cloudant stores-info-40', 'case'],
        ['9', 'bolt', 'account_deletion', 'medium', 'negative', 'bad', 30, 'Fixture case the mapping does not know', 'topic'],
        ['11', 'acme', 'account_termination', null, null, 'mixed', 30, 'your use is throttled', 'case'],
        ['12', 'acme', 'cookie_tracking', 'high', 'negative', 'bad', 50, 'Device fingerprinting', 'case'],
        ['24', 'drift', 'targeted_advertising', 'info', 'positive', 'good', 25, 'You can opt out of targeted advertising', 'case']
      ].map(([record_id, platform_id, category_id, severity, polarity, source_rating, source_score, source_case, category_source]) => ({
        record_id, platform_id, category_id, severity, polarity, source_rating, source_score, source_case, category_source, classified_by: 'analyst', status: 'active'
      }))
    );
    expect(imported.report.points.unknown_ratings).toEqual([{ name: 'mixed', count: 1 }]);
    expect(imported.report.points.category_source).toEqual({ case: 10, topic: 1 });
    expect(imported.report.points.multi_platform).toBe(1);
    expect(await rows("SELECT source_id, source_url, source_topics FROM provisions WHERE record_id IN ('2', '7:bolt') ORDER BY rowid")).toEqual([
      { source_id: '2', source_url: 'https://edit.tosdr.org/points/2', source_topics: ['track'] },
      { source_id: '7', source_url: 'https://edit.tosdr.org/points/7', source_topics: null }
    ]);
    expect(imported.report.severity).toEqual({ critical: 1, high: 2, medium: 3, low: 1, info: 4, unrated: 1 });
    expect(imported.report.polarity).toEqual({ negative: 6, neutral: 3, positive: 2, unrated: 1 });
  });

  it('merges duplicate case files, preferring the file ToS;DR read when their ratings differ', () => {
    expect(imported.report.cases).toEqual({
      files: 13,
      distinct: 11,
      unreadable: [{ file: 'cases/nameless.json', error: 'no name' }],
      duplicates: [{ name: 'tracks you on other websites', files: ['cases/Tracks_you on other websites.json', 'cases/tracks_you_on_other_websites.json'], same_rating: false }]
    });
  });

  it('stores HTML quotes, titles and summaries as plain text, and drops boilerplate summaries', async () => {
    expect(await rows("SELECT record_id, title, summary, clause_text FROM provisions WHERE record_id IN ('1', '2', '3') ORDER BY rowid")).toEqual([
      { record_id: '1', title: 'Acme uses your identity in ads', summary: null, clause_text: "We may show your name & profile photo\n• next to ads\n• in your friends' feeds" },
      { record_id: '2', title: 'Acme tracks you "everywhere"', summary: 'Acme follows its users on other sites.', clause_text: 'We follow you across the web.' },
      { record_id: '3', title: 'Bolt relies on partners', summary: 'Partners run parts of the service', clause_text: 'Partners operate parts of Bolt.' }
    ]);
    expect(imported.report.points.html_converted).toEqual({ clause_text: 1, title: 1, summary: 1 });
    expect(imported.report.points.summaries_dropped).toEqual([{ name: 'Generated through the annotate view', count: 1 }]);
    expect(imported.report.points.without_quote).toBe(1);
  });

  it('makes documents from the quoted names, leaving document_id null when a point names none', async () => {
    expect(await rows('SELECT document_id, platform_id, title, doc_type, source_url FROM documents ORDER BY rowid')).toEqual([
      { document_id: 'acme:cookie-policy', platform_id: 'acme', title: 'Cookie Policy', doc_type: 'cookie_policy', source_url: null },
      { document_id: 'acme:privacy-policy', platform_id: 'acme', title: 'Privacy Policy', doc_type: 'privacy_policy', source_url: 'https://acme.example.com/privacy' },
      { document_id: 'acme:terms-of-service', platform_id: 'acme', title: 'Terms of Service', doc_type: 'terms_of_service', source_url: null },
      { document_id: 'bolt:community-guidelines', platform_id: 'bolt', title: 'Community Guidelines', doc_type: 'community_guidelines', source_url: null },
      { document_id: 'bolt:terms-of-service', platform_id: 'bolt', title: 'Terms of Service', doc_type: 'terms_of_service', source_url: null },
      { document_id: 'drift:terms-of-service', platform_id: 'drift', title: 'Terms of Service', doc_type: 'terms_of_service', source_url: null }
    ]);
    expect(await rows('SELECT record_id FROM provisions WHERE document_id IS NULL ORDER BY rowid')).toEqual([{ record_id: '4' }, { record_id: '5' }]);
    expect(await rows("SELECT record_id, document_id FROM provisions WHERE record_id IN ('2', '12') ORDER BY rowid")).toEqual([
      { record_id: '2', document_id: 'acme:privacy-policy' },
      { record_id: '12', document_id: 'acme:privacy-policy' }
    ]);
    expect(imported.report.documents).toEqual({
      by_doc_type: { terms_of_service: 3, privacy_policy: 1, cookie_policy: 1, community_guidelines: 1 },
      merged_names: [{ document_id: 'acme:privacy-policy', names: ['Privacy Policy', 'privacy policy.txt'] }],
      with_source_url: 1,
      junk_urls: [{ document_id: 'acme:terms-of-service', value: 'None' }]
    });
  });

  it('reports the cases that fell into no category, and topics the mapping lacks', () => {
    expect(imported.report.points.unmapped_cases).toEqual([
      { case: 'Failure to enforce any provision of the Terms of Service does not constitute a waiver of such provision', rating: 'neutral', points: 1, in_mapping: true },
      { case: 'Fixture case the mapping does not know', rating: 'bad', points: 1, in_mapping: false }
    ]);
    expect(imported.report.points.unknown_topics).toEqual([{ name: 'not-a-topic', count: 1 }]);
    expect(imported.report.topics).toEqual({ files: 3, not_in_mapping: ['new-topic'], unreadable: [] });
  });

  it('writes the categories its provisions use, with short label and question, in taxonomy order', async () => {
    const taxonomy = readJson(DEFAULT_TAXONOMY_FILE) as Rec[];
    const used = ['data_sharing', 'cookie_tracking', 'governing_law', 'account_termination', 'targeted_advertising', 'data_rights', 'account_deletion'];
    expect(await rows('SELECT category_id, name, group_name, description, short_label, question FROM categories ORDER BY rowid')).toEqual(
      used.map((id) => {
        const c = taxonomy.find((t) => t.id === id)!;
        return { category_id: id, name: c.name, group_name: c.group, description: c.description, short_label: c.short_label, question: c.question };
      })
    );
    expect(imported.report.categories_used.map((c) => [c.category_id, c.provisions])).toEqual([
      ['data_sharing', 2], ['cookie_tracking', 2], ['governing_law', 1], ['account_termination', 1], ['targeted_advertising', 3], ['data_rights', 2], ['account_deletion', 1]
    ]);
  });

  it('writes a valid v1.1 export dated by --data-as-of, without versions, and import-report.json beside it', async () => {
    const validation = await validateExport(imported.out);
    expect(validation.errors).toEqual([]);
    expect(validation.ok).toBe(true);
    expect(imported.loaded.manifest).toMatchObject({ schema_version: 1.1, generated_at: '2021-01-09T00:00:00Z', data_as_of: DATA_AS_OF });
    expect(imported.loaded.manifest.source).toEqual({ name: 'ToS;DR', licence: 'CC-BY-SA-3.0', attribution: 'ToS;DR contributors, tosdr.org', url: 'https://tosdr.org' });
    expect(imported.loaded.tables).toEqual(['platforms', 'documents', 'categories', 'provisions', 'clause_terms']);
    expect(imported.report.imported).toEqual({
      platforms: 5,
      platforms_without_provisions: 1,
      documents: 6,
      categories: 7,
      provisions: 12,
      provisions_without_document: 2,
      provisions_unrated: 1,
      provision_versions: 0
    });
    expect(readJson(join(imported.out, REPORT_FILE))).toEqual(JSON.parse(JSON.stringify(imported.report)));
    expect(generatedAtFor('2024-02-29')).toBe('2024-02-29T00:00:00Z');
  });

  it('gives byte-identical files on a second run (the engine file: the same rows)', async () => {
    const again = await runImport(FIXTURE);
    okReport(again.result);
    expect(reproducibleFiles(again.out)).toEqual(reproducibleFiles(imported.out));
    expect(await engineRows(again.out)).toEqual(await engineRows(imported.out));
  });
});

describe('refusing bad input', () => {
  it('a day that is not YYYY-MM-DD', async () => {
    await expect(importTosdr(FIXTURE, join(tempDir(), 'x'), { dataAsOf: '2021-02-30' })).rejects.toThrow(
      new TosdrInputError('data as of "2021-02-30" is not a day written YYYY-MM-DD')
    );
  });

  it('a folder without points/', async () => {
    const src = tempDir();
    copyDir(join(FIXTURE, 'services'), join(src, 'services'));
    copyDir(join(FIXTURE, 'cases'), join(src, 'cases'));
    await expect(importTosdr(src, join(tempDir(), 'x'), { dataAsOf: DATA_AS_OF })).rejects.toThrow(
      `${join(src, 'points')}: missing (a ToS;DR source folder holds services/, points/ and cases/, as in tosdr.org's src/)`
    );
  });

  it('the command without --data-as-of, and with it', async () => {
    const run = promisify(execFile);
    const tsx = join(REPO, 'node_modules/.bin/tsx');
    const script = join(REPO, 'scripts/import-tosdr.ts');
    const failed = await run(tsx, [script, FIXTURE, join(tempDir(), 'x')]).catch((e: { code: number; stderr: string }) => e);
    expect(failed).toMatchObject({ code: 1, stderr: expect.stringContaining("--data-as-of is required: ToS;DR's files carry no dates.") });
    const out = join(tempDir(), 'cli');
    const ok = await run(tsx, [script, FIXTURE, out, '--data-as-of', DATA_AS_OF]);
    expect(ok.stdout).toContain('5 platforms (1 without provisions), 6 documents, 7 categories, 12 provisions');
    expect(ok.stdout).toContain(`${out}: OK — "ToS;DR" (CC-BY-SA-3.0), generated 2021-01-09T00:00:00Z`);
    expect(existsSync(join(out, REPORT_FILE))).toBe(true);
  });
});

const sampleMissing = !existsSync(join(SAMPLE, 'points'));
if (sampleMissing) console.warn(`Skipping the ToS;DR sample tests: ${SAMPLE} not found (it lives in ../shared/data beside the repository).`);

describe.skipIf(sampleMissing)('importing the ToS;DR 2021 sample (../shared/data/tosdr-2021-sample)', () => {
  const imported = importedOnce(SAMPLE);
  const rows = (sql: string) => imported.loaded.db.query(sql);

  it('imports 33 platforms, 91 documents, 32 categories and 689 provisions', () => {
    expect(imported.report.imported).toEqual({
      platforms: 33,
      platforms_without_provisions: 0,
      documents: 91,
      categories: 32,
      provisions: 689,
      provisions_without_document: 20,
      provisions_unrated: 0,
      provision_versions: 0
    });
    expect(imported.report.severity).toEqual({ critical: 27, high: 186, medium: 117, low: 188, info: 171 });
    expect(imported.report.polarity).toEqual({ negative: 330, neutral: 188, positive: 171 });
  });

  it('skips exactly these points, for these reasons', () => {
    expect(imported.report.points).toMatchObject({ files: 1768, approved: 712, imported: 689, multi_platform: 0, without_quote: 20 });
    expect(imported.report.points.skipped).toEqual({ needs_moderation: 771, closed_irrelevant: 256, no_case: 29, no_category: 23 });
    expect(imported.report.points.unmapped_cases).toEqual([
      { case: 'Failure to enforce any provision of the Terms of Service does not constitute a waiver of such provision', rating: 'neutral', points: 10, in_mapping: true },
      { case: 'Invalidity of any portion of the Terms of Service does not entail invalidity of its remainder', rating: 'neutral', points: 10, in_mapping: true },
      { case: 'The service provides a free help desk', rating: 'good', points: 2, in_mapping: true },
      { case: 'Features of the website are made available under a free software license', rating: 'good', points: 1, in_mapping: true }
    ]);
    expect(imported.report.services.junk_websites).toEqual([{ platform_id: 'amazon', value: 'amazon', reason: 'neither a URL nor a host name' }]);
    expect(imported.report.services).toMatchObject({ files: 33, merged: [], skipped: [], names_cleaned: [], platforms_without_website: 0 });
    expect(imported.report.cases).toMatchObject({ files: 586, distinct: 576, unreadable: [] });
    expect(imported.report.cases.duplicates.length).toBe(10);
    expect(imported.report.cases.duplicates.every((d) => d.same_rating)).toBe(true);
    expect(imported.report.topics).toEqual({ files: 24, not_in_mapping: [], unreadable: [] });
    expect(imported.report.points.summaries_dropped).toEqual([
      { name: 'Generated through the annotate view', count: 545 },
      { name: '.', count: 1 },
      { name: 'See excerpt.', count: 1 }
    ]);
  });

  it('agrees with a plain count of the raw files', () => {
    // An independent reading of the rule: approved = not needModeration, not closed as irrelevant, a case that exists.
    const closed = (v: unknown) => v === true || (typeof v === 'string' && v.trim() !== '' && v.trim().toLowerCase() !== 'false');
    const caseFiles = readdirSync(join(SAMPLE, 'cases')).filter((f) => f.endsWith('.json'));
    const caseNames = new Set(caseFiles.map((f) => (readJson(join(SAMPLE, 'cases', f)) as { name: string }).name));
    const mapping = new Map((readJson(join(DEFAULT_MAPPINGS_DIR, 'cases.json')) as { cases: { case: string; category: string | null }[] }).cases.map((c) => [caseKey(c.case), c.category]));
    const counts = { needModeration: 0, closed: 0, noCase: 0, approved: 0, mapped: 0 };
    const approvedCaseKeys = new Set<string>();
    for (const f of readdirSync(join(SAMPLE, 'points'))) {
      const p = readJson(join(SAMPLE, 'points', f)) as Rec & { tosdr: Rec };
      if (p.needModeration === true) counts.needModeration++;
      else if (closed(p.tosdr.irrelevant) || closed(p.irrelevant)) counts.closed++;
      else if (typeof p.tosdr.case !== 'string' || !caseNames.has(p.tosdr.case)) counts.noCase++;
      else {
        counts.approved++;
        approvedCaseKeys.add(caseKey(p.tosdr.case));
        if (mapping.get(caseKey(p.tosdr.case))) counts.mapped++;
      }
    }
    expect(counts).toEqual({ needModeration: 771, closed: 256, noCase: 29, approved: 712, mapped: 689 });
    // Every case of the sample has an entry in the mapping (reviewed, even when it maps to no category).
    expect([...caseNames].filter((n) => !mapping.has(caseKey(n)))).toEqual([]);
  });

  it('gives named real points their case, category, severity and polarity', async () => {
    expect(
      await rows(
        "SELECT record_id, platform_id, document_id, category_id, severity, polarity, source_rating, source_score, source_case FROM provisions WHERE record_id IN ('4598', '10717', '12819', '10869', '10866') ORDER BY record_id"
      )
    ).toEqual([
      { record_id: '10717', platform_id: 'facebook', document_id: 'facebook:terms-of-service', category_id: 'data_sharing', severity: 'info', polarity: 'positive', source_rating: 'good', source_score: 25, source_case: 'This service does not sell your personal data' },
      { record_id: '10866', platform_id: 'discord', document_id: 'discord:terms-of-service', category_id: 'childrens_data', severity: 'low', polarity: 'neutral', source_rating: 'neutral', source_score: 15, source_case: 'This service is only available to users over a certain age' },
      { record_id: '10869', platform_id: 'discord', document_id: 'discord:terms-of-service', category_id: 'service_changes', severity: 'medium', polarity: 'negative', source_rating: 'bad', source_score: 40, source_case: 'They may stop providing the service at any time' },
      { record_id: '12819', platform_id: 'google', document_id: 'google:privacy-policy', category_id: 'cookie_tracking', severity: 'critical', polarity: 'negative', source_rating: 'blocker', source_score: 50, source_case: 'This service can view your browser history' },
      { record_id: '4598', platform_id: 'facebook', document_id: 'facebook:terms-of-service', category_id: 'targeted_advertising', severity: 'critical', polarity: 'negative', source_rating: 'blocker', source_score: 90, source_case: 'Your identity is used in ads that are shown to other users' }
    ]);
    const [facebook] = await rows("SELECT platform_id, name, website, source_ids, source_grade FROM platforms WHERE platform_id = 'facebook'");
    expect(facebook).toEqual({ platform_id: 'facebook', name: 'Facebook', website: 'https://facebook.com', source_ids: ['182'], source_grade: 'E' });
    const [doc] = await rows("SELECT title, doc_type, source_url FROM documents WHERE document_id = 'facebook:data-policy'");
    expect(doc).toEqual({ title: 'Data Policy', doc_type: 'privacy_policy', source_url: 'https://www.facebook.com/policy.php' });
  });

  it('writes a valid export, twice byte for byte (the engine file: the same rows)', async () => {
    const validation = await validateExport(imported.out);
    expect(validation.errors).toEqual([]);
    expect(validation.ok).toBe(true);
    const again = await runImport(SAMPLE);
    okReport(again.result);
    expect(reproducibleFiles(again.out)).toEqual(reproducibleFiles(imported.out));
    expect(await engineRows(again.out)).toEqual(await engineRows(imported.out));
  });
});
