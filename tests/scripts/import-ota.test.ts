/**
 * The Open Terms Archive importer (`npm run import:ota`): its text functions, its rules, a tiny versions repository
 * built with git in a temporary folder (first import, a rewording, a formatting-only flip, an error page, a cookie
 * banner, a paragraph removed and back, a document removed, a new service, two versions at one instant), and exact
 * numbers on the real genai-eu sample in ../shared/data (skipped, saying so, when that folder is absent).
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadExport, type LoadedExport } from '../../scripts/lib/export-io';
import { collectionFromLink, parseCommitMessage } from '../../scripts/lib/ota/commit-message';
import { comparisonKey, fingerprint } from '../../scripts/lib/ota/comparison-key';
import { classifyPath, NOT_A_DOCUMENT, slug, SlugRegistry } from '../../scripts/lib/ota/document-paths';
import { BlobReader } from '../../scripts/lib/ota/git-blobs';
import { readCommits } from '../../scripts/lib/ota/git-commits';
import { DEFAULT_RULES_DIR, DEFAULT_TAXONOMY_FILE, importOta, REPORT_FILE, type ImportResult } from '../../scripts/lib/ota/import';
import { inlineText } from '../../scripts/lib/ota/markdown-inline';
import { splitParagraphs } from '../../scripts/lib/ota/paragraphs';
import type { ImportReport } from '../../scripts/lib/ota/report';
import { classifyParagraph, loadRules, type Rules } from '../../scripts/lib/ota/rules';
import { splitSentences } from '../../scripts/lib/ota/sentences';
import { pairBySimilarity, similarity, wordBag } from '../../scripts/lib/ota/similarity';
import { readTaxonomy } from '../../scripts/lib/taxonomy';
import { validateExport } from '../../scripts/validate-export';
import { engineRows, reproducibleFiles } from '../helpers/export-files';
import { tempDirs } from './temp';

const REPO = fileURLToPath(new URL('../..', import.meta.url));
const BUNDLE = join(resolve(REPO, '../shared/data'), 'ota-genai-eu-2026/genai-eu-versions.bundle');
const tempDir = tempDirs('ota');
type Row = Record<string, unknown>;

const categories = readTaxonomy(DEFAULT_TAXONOMY_FILE);
const rules: Rules = loadRules(DEFAULT_RULES_DIR, new Set(categories.map((c) => c.id)));

function okReport(result: ImportResult): ImportReport {
  if (!result.ok) throw new Error(`import failed at ${result.stage}: ${result.errors.join('\n')}`);
  return result.report;
}

async function rows(db: LoadedExport, sql: string, params: unknown[] = []): Promise<Row[]> {
  return db.db.query(sql, params);
}

function iso(value: unknown): string | null {
  return value instanceof Date ? value.toISOString().replace('.000Z', 'Z') : (value as null);
}

/** Categories a sentence gets from the real rules, as a plain text paragraph. */
function categoriesOf(text: string): string[] {
  return classifyParagraph(rules.provisions, { kind: 'text', text, key: comparisonKey(text), part: 0 }).map((r) => r.categoryId);
}

describe('Markdown to plain text and comparison keys', () => {
  it('keeps link and image text, drops URLs, emphasis, escapes, HTML and invisible characters', () => {
    expect(inlineText('See the [Privacy Policy⁠](https://x.example/p?session=1) and ![logo](l.png).')).toBe('See the Privacy Policy and logo.');
    expect(inlineText('**Opt out.** _Yours,_ *really* __bold__')).toBe('Opt out. Yours, really bold');
    expect(inlineText('DPO\\_qwen and snake_case and 1\\. Services\\*')).toBe('DPO_qwen and snake_case and 1. Services*');
    expect(inlineText('a<br>b <span class="x">c</span>\u200b d\u00ad e  \n f')).toBe('a b c d e f');
    expect(inlineText('[Privacy [Settings](https://claude.ai/redirect/abc)](https://y.example)')).toBe('Privacy Settings');
    expect(inlineText('[](https://llama.developer.meta.com/legal)')).toBe('');
  });

  it('folds the renderings that flip in real histories, and nothing else', () => {
    const same = (a: string, b: string) => expect(comparisonKey(a)).toBe(comparisonKey(b));
    same('Effective August 28, 2025Previous Version', 'Effective 28 August 2025Previous Version');
    same('Effective 8 July 2026', 'Effective July 8, 2026');
    same('Updated Aug. 3rd 2025', 'updated 3 August 2025');
    same('Updated: 5 days ago', 'Updated: yesterday');
    same('a parent’s “consent” – now', "a parent's \"consent\" - now");
    same('Release Date: April 29, 2025These Terms', 'Release Date: April 29, 2025 These   Terms');
    expect(comparisonKey('We may use your data')).not.toBe(comparisonKey('We may not use your data'));
    expect(comparisonKey('Effective 28 August 2025')).not.toBe(comparisonKey('Effective 29 August 2025'));
  });

  it('splits paragraphs: blocks, headings, list items, table rows; breaks start a new part', () => {
    const md = [
      'Title',
      '=====',
      '',
      'First line',
      'continued.',
      '',
      '## Section',
      '*   item one',
      '    more of item one',
      '2.  item two',
      '*   •Bullet inside',
      '',
      '| a | b |',
      '| --- | --- |',
      '| c | d |',
      '',
      '- - -',
      '',
      'Second source.'
    ].join('\n');
    expect(splitParagraphs(md).map((p) => [p.kind, p.text, p.part])).toEqual([
      ['heading', 'Title', 0],
      ['text', 'First line continued.', 0],
      ['heading', 'Section', 0],
      ['item', 'item one more of item one', 0],
      ['item', 'item two', 0],
      ['item', 'Bullet inside', 0],
      ['row', 'a | b', 0],
      ['row', 'c | d', 0],
      ['text', 'Second source.', 1]
    ]);
  });

  it('reads an oversized block sentence by sentence, and fingerprints ignore where paragraphs break', () => {
    const sentence = 'Meta Platforms, Inc. or Meta Platforms Ireland Limited may update these Terms. ';
    const glued = `${sentence.repeat(40)}1. Services.Subject to the U.S. rules, e.g. these ones, 1.5 applies.`;
    const parts = splitParagraphs(glued);
    expect(parts).toHaveLength(43);
    expect(parts[0]!.text).toBe(sentence.trim());
    expect(parts.slice(40).map((p) => p.text)).toEqual(['1.', 'Services.', 'Subject to the U.S. rules, e.g. these ones, 1.5 applies.']);
    expect(splitSentences('A. B. Inc. said so. Then 2.3 is fine!Next')).toEqual(['A. B. Inc. said so.', 'Then 2.3 is fine!', 'Next']);
    const keys = (md: string) => fingerprint(splitParagraphs(md).map((p) => p.key));
    expect(keys('One sentence.\n\nTwo sentence.')).toBe(keys('One sentence. Two sentence.'));
  });
});

describe('commit messages, paths and ids', () => {
  it('reads the snapshot links, the engine version and the kind of record', () => {
    const many = parseCommitMessage(
      'Record new changes of Llama API Terms of Service\n\nThis version was recorded after extracting from and assembling the following snapshots from 2 source documents:\n- https://github.com/OpenTermsArchive/genai-eu-snapshots/commit/54c413c595cb2e0075f9fad376f77d4345b527c0\n- https://github.com/OpenTermsArchive/genai-eu-snapshots/commit/e3fe2ce7a69810f9574ead7683910b69b95ebc6e\n\nX-engine-version: 14.0.0\n'
    );
    expect(many).toEqual({
      subject: 'Record new changes of Llama API Terms of Service',
      kind: 'changes',
      links: [
        'https://github.com/OpenTermsArchive/genai-eu-snapshots/commit/54c413c595cb2e0075f9fad376f77d4345b527c0',
        'https://github.com/OpenTermsArchive/genai-eu-snapshots/commit/e3fe2ce7a69810f9574ead7683910b69b95ebc6e'
      ],
      badLinks: [],
      engineVersion: '14.0.0'
    });
    const one = parseCommitMessage('First record of X Privacy Policy\n\nThis version was recorded after extracting from snapshot https://github.com/O/c-snapshots/commit/abc1.\n');
    expect([one.kind, one.links, one.engineVersion]).toEqual(['first_record', ['https://github.com/O/c-snapshots/commit/abc1'], null]);
    expect(parseCommitMessage('Apply technical or declaration upgrade on X Terms').kind).toBe('technical_upgrade');
    expect(parseCommitMessage('Initial commit').links).toEqual([]);
    expect(parseCommitMessage('see https://https://x and http://localhost/a').badLinks).toEqual(['https://https://x', 'http://localhost/a']);
    expect(collectionFromLink('https://github.com/OpenTermsArchive/genai-eu-snapshots/commit/54c4')).toEqual({ owner: 'OpenTermsArchive', collection: 'genai-eu' });
    expect(collectionFromLink('https://example.com/snapshots/1')).toBeNull();
  });

  it('tells documents from other files, with the reason', () => {
    expect(classifyPath('ChatGPT/Terms of Service.md', '100644')).toEqual({ document: true, service: 'ChatGPT', termsType: 'Terms of Service' });
    expect(classifyPath('README.md', '100644')).toEqual({ document: false, reason: NOT_A_DOCUMENT.topLevel });
    expect(classifyPath('.github/workflows/a.yml', '100644')).toEqual({ document: false, reason: NOT_A_DOCUMENT.hidden });
    expect(classifyPath('A/b/c.md', '100644')).toEqual({ document: false, reason: NOT_A_DOCUMENT.nested });
    expect(classifyPath('A/logo.png', '100644')).toEqual({ document: false, reason: NOT_A_DOCUMENT.notMarkdown });
    expect(classifyPath('A/Terms.md', '120000')).toEqual({ document: false, reason: NOT_A_DOCUMENT.notRegular });
    expect(classifyPath('A/Terms.md', null)).toMatchObject({ document: true });
  });

  it('makes slugs that stay unique, in the order names come', () => {
    expect([slug('Claude.ai'), slug('Le Chat'), slug('Google Generative AI Services'), slug('Café')]).toEqual(['claude-ai', 'le-chat', 'google-generative-ai-services', 'cafe']);
    expect(slug('通义')).toMatch(/^x-[0-9a-f]{8}$/);
    const registry = new SlugRegistry();
    expect([registry.get('Le Chat'), registry.get('le-chat'), registry.get('Le Chat'), registry.get('LE CHAT')]).toEqual(['le-chat', 'le-chat-2', 'le-chat', 'le-chat-3']);
  });

  it('measures rewording as the Dice coefficient of word multisets and pairs the most alike first', () => {
    expect(similarity(wordBag('a b c d'), wordBag('a b c e'))).toBe(0.75);
    expect(similarity(wordBag('a a b'), wordBag('a b b'))).toBeCloseTo(2 / 3);
    const from = [wordBag('we may use your content to train models'), wordBag('disputes go to binding arbitration')];
    const to = [wordBag('disputes go to final binding arbitration'), wordBag('we may use your content and files to train models')];
    expect(pairBySimilarity(from, to, () => true).map((p) => [p.from, p.to])).toEqual([
      [1, 0],
      [0, 1]
    ]);
    expect(pairBySimilarity(from, to, (i, j) => i === j)).toEqual([]);
  });
});

describe('the rule files', () => {
  it('load, and every provision rule names a category of the taxonomy that the export will carry', () => {
    const ids = new Set(categories.map((c) => c.id));
    expect(rules.provisions.length).toBeGreaterThanOrEqual(17);
    for (const r of rules.provisions) {
      expect(ids.has(r.categoryId), r.id).toBe(true);
      expect(r.id.startsWith(`${r.categoryId}/`)).toBe(true);
    }
    const files = readdirSync(join(DEFAULT_RULES_DIR, 'provisions')).sort();
    expect(files).toEqual([...new Set(rules.provisions.map((r) => `${r.categoryId}.json`))].sort());
    expect(rules.termsTypes.get('Trackers Policy')).toBe('cookie_policy');
    expect(rules.attribution('genai-eu')).toBe('Open Terms Archive contributors; genai-eu collection maintained by the ZeMKI lab, University of Bremen');
    expect(rules.attribution('p2b')).toBe('Open Terms Archive contributors; p2b collection');
  });

  it('refuse a bad rule with its file, rule and field', () => {
    const bad = (edit: (dir: string) => void, message: RegExp) => {
      const dir = join(tempDir(), 'rules');
      cpSync(DEFAULT_RULES_DIR, dir, { recursive: true });
      edit(dir);
      expect(() => loadRules(dir, new Set(categories.map((c) => c.id)))).toThrow(message);
    };
    const setRule = (dir: string, change: (rule: Row) => void) => {
      const path = join(dir, 'provisions/governing_law.json');
      const json = JSON.parse(readFileSync(path, 'utf8'));
      change(json.rules[0]);
      writeFileSync(path, JSON.stringify(json));
    };
    bad((d) => setRule(d, (r) => (r.any = ['(unclosed'])), /governing_law\.json: rule 1 \("governing_law\/law-and-venue"\): "any"\[0\]: not a valid regular expression/);
    bad((d) => setRule(d, (r) => (r.severity = 'severe')), /"severity" "severe" is not one of critical, high, medium, low, info/);
    bad((d) => setRule(d, (r) => (r.id = 'law')), /ids start with the category, "governing_law\/…"/);
    bad((d) => setRule(d, (r) => (r.weight = 2)), /unknown field "weight"/);
    bad(
      (d) => writeFileSync(join(d, 'provisions/nonsense.json'), JSON.stringify({ category_id: 'nonsense', rules: [{ id: 'nonsense/x', description: 'x', any: ['x'] }] })),
      /nonsense\.json: category "nonsense" is not in data\/taxonomy\/categories\.json/
    );
    bad((d) => writeFileSync(join(d, 'terms-types.json'), JSON.stringify({ default: 'other', types: { Imprint: 'imprint' } })), /"types"."Imprint": "imprint" is not one of terms_of_service/);
  });

  // Real sentences of the sample (and near misses): what each rule must pick and must leave.
  const cases: [string, string[]][] = [
    ['When you use our services for individuals such as ChatGPT, Sora, or Operator, we may use your content to train our models.', ['ai_training_data']],
    ['We may use your Inputs and Outputs to train our models and improve our Services, unless you opt out through your account settings.', ['ai_training_data']],
    ['Meta does not train its AI models on Llama API Customer Content or Customer Data.', ['ai_training_data']],
    ['Our artificial intelligence models are trained on data that is publicly available on the Internet, which may contain personal data.', []],
    ['Models identify general patterns in text in order to help people create new content, and they do not have access to the original training data.', []],
    ['Customer may not use image Outputs to develop or train any image generation product that competes with a Mistral AI Product.', []],
    ['Annual security training for employees, and supplemental security training as appropriate for all our staff.', []],
    ['Utilization of inputs and outputs to train an AI model (e.g., "model scraping" or "model distillation") without prior authorization from Anthropic', []],
    ['Ownership of content. As between you and OpenAI, and to the extent permitted by applicable law, you (a) retain your ownership rights in Input and (b) own the Output.', ['output_ownership']],
    ['You acknowledge that the Services may generate Output containing incorrect, biased, or incomplete information.', []],
    ['Customer and OpenAI agree to resolve any Disputes through final and binding arbitration, except as provided below.', ['mandatory_arbitration']],
    ['Disputes must be brought on an individual basis only and may not be brought as a plaintiff or class member in any purported class, consolidated, or representative proceeding.', ['class_action_waiver']],
    ['This Agreement shall be governed by the laws of the State of Tennessee without regard to conflict of laws principles.', ['governing_law']],
    ['We reserve the right to suspend or terminate your Mistral AI account and/or your access to all or part of the Mistral AI Products if you breach these Terms.', ['account_termination']],
    ['We may update these Terms from time to time and will give you notice of the changes by posting an updated version online.', ['unilateral_changes']],
    ['Any deleted conversations are removed from our systems within 30 days, unless we are legally required to retain them.', ['data_retention']],
    ['You must be at least 13 years old or the minimum age required in your country to consent to use the Services.', ['childrens_data']],
    ['Engage in, promote, or facilitate the exploitation or harm to children, including the solicitation of child sexual abuse material.', []],
    ['Governing law and venue.', []]
  ];
  it.each(cases)('classify %j as %j', (text, expected) => {
    expect(categoriesOf(text).sort()).toEqual(expected);
  });
});

/** A tiny Open Terms Archive versions repository, made with git commands in a temporary folder. */
class MiniRepo {
  readonly dir: string;
  private readonly home: string;
  readonly commits: string[] = [];
  readonly texts = new Map<string, string>();

  constructor(root: string) {
    this.dir = join(root, 'mini-versions');
    this.home = join(root, 'home');
    mkdirSync(this.dir, { recursive: true });
    mkdirSync(this.home, { recursive: true });
    this.git('init', '-q', '-b', 'main');
  }

  git(...args: string[]): string {
    return execFileSync('git', ['-c', 'user.name=Open Terms Archive Bot', '-c', 'user.email=bot@example.org', '-c', 'commit.gpgsign=false', ...args], {
      cwd: this.dir,
      env: { ...process.env, HOME: this.home, GIT_CONFIG_NOSYSTEM: '1', GIT_AUTHOR_DATE: this.date, GIT_COMMITTER_DATE: this.date },
      encoding: 'utf8'
    });
  }

  private date = '';

  /** Writes (or, with null, deletes) files and commits them at `date` with `message`; returns the commit id. */
  commit(date: string, message: string, files: Record<string, string | null>): string {
    for (const [path, text] of Object.entries(files)) {
      const full = join(this.dir, path);
      if (text === null) rmSync(full);
      else {
        mkdirSync(dirname(full), { recursive: true });
        writeFileSync(full, text);
      }
    }
    this.date = date;
    this.git('add', '-A');
    this.git('commit', '-q', '--allow-empty', '--cleanup=verbatim', '-m', message);
    const sha = this.git('rev-parse', 'HEAD').trim();
    this.commits.push(sha);
    return sha;
  }
}

const snap = (n: number) => `https://github.com/Example/mini-snapshots/commit/${String(n).repeat(40).slice(0, 40)}`;
const recorded = (subject: string, ...links: string[]) =>
  `${subject}\n\n${links.length === 1 ? `This version was recorded after extracting from snapshot ${links[0]}` : `This version was recorded after extracting from and assembling the following snapshots from ${links.length} source documents:\n${links.map((l) => `- ${l}`).join('\n')}`}\n\nX-engine-version: 9.2.0\n`;

const TRAINING_1 = '**Training.** We may use your [prompts](https://alpha.example/help?session=abc123) and outputs to train our models, unless you opt out in your settings.';
const TRAINING_2 = '**Training.** We may use your [prompts](https://alpha.example/help?session=abc123), files and outputs to train and improve our models, unless you opt out in your settings.';
const ARBITRATION = 'Arbitration. You and Alpha agree that any dispute will be resolved by final and binding arbitration on an individual basis.';
const LIABILITY_1 = 'Our _liability_ is limited: in no event will Alpha be liable for any indirect or consequential damages arising from these terms.';
const LIABILITY_2 = 'Our _liability_ is limited: in no event will Alpha be liable for any indirect, incidental or consequential damages arising from these terms, and our total liability is capped at 100 euros.';
const LIABILITY_3 = 'Our _liability_ is limited: in no event will Alpha be liable for any indirect, incidental or consequential damages arising from these terms, and our total liability is capped at 50 euros.';
const CHILDREN = "*   You must be at least 13 years old to use the service, and minors need a parent's permission.";
const alphaTerms = (effective: string, ...paragraphs: string[]) => `Alpha Terms of Service\n======================\n\nEffective ${effective}\n\n${paragraphs.join('\n\n')}\n`;
/** The same words as alphaTerms('February 1, 2025', TRAINING_2, ARBITRATION, LIABILITY_1, CHILDREN), rendered otherwise. */
const ALPHA_FLIPPED =
  '# Alpha Terms of Service\n\nEffective 1 February 2025\n\n__Training.__ We may use your [prompts](https://alpha.example/help?session=zz999), files and outputs\nto train and improve our models, unless you opt out in your settings.\n\n' +
  `${ARBITRATION}\n\nOur *liability* is limited: in no event will Alpha be liable for any indirect or consequential damages arising from these terms.\n\n` +
  '- You must be at least 13 years old to use the service, and minors need a parent’s permission.\n';
/** The sharing sentence twice (a summary list repeating it): one provision. */
const ALPHA_PRIVACY =
  '# Alpha Privacy Policy\n\nWe keep your conversations for 30 days after you delete them, then erase them from our systems.\n\nWe do not sell your personal data to advertisers or data brokers.\n\n## In short\n\n*   We do not sell your personal data to advertisers or data brokers.\n';
const BETA = 'Beta Terms\n==========\n\nWe may suspend or terminate your account at any time if you breach these terms.\n\nThese terms are governed by the laws of Ireland, and the courts of Dublin have exclusive jurisdiction.\n';
const BANNER =
  "\nCookie Notice\n\nWe'd like to use cookies to remember your preferences and show relevant content. You can accept all cookies for a fully personalized experience, or select only the strictly necessary ones to keep Beta running securely.\n\nAccept all cookiesAccept all strictly necessary cookies\n";
const ERROR_PAGE = 'This page isn’t available\n-------------------------\n\nAn unexpected error has occurred. Try reloading the page or come back later.';

describe('importing a tiny versions repository', () => {
  let repo: MiniRepo;
  let out: string;
  let report: ImportReport;
  let db: LoadedExport;
  const at = (i: number) => repo.commits[i - 1]!;

  beforeAll(async () => {
    repo = new MiniRepo(tempDir());
    // C1: the first commit imports every document at once (and files that are not documents).
    repo.commit('2025-01-10T09:00:00+01:00', recorded('First record of Alpha Terms of Service', snap(1), snap(2)), {
      'README.md': '# Versions of the mini collection\n',
      '.github/workflows/ci.yml': 'on: push\n',
      'Alpha/notes/extra.md': 'not a document\n',
      'Alpha/logo.png': 'png',
      'Alpha/Terms of Service.md': alphaTerms('January 5, 2025', TRAINING_1, ARBITRATION, LIABILITY_1, CHILDREN),
      'Alpha/Privacy Policy.md': ALPHA_PRIVACY
    });
    // C2: the training clause is reworded.
    repo.commit('2025-02-01T12:00:00Z', recorded('Record new changes of Alpha Terms of Service', snap(3)), {
      'Alpha/Terms of Service.md': alphaTerms('February 1, 2025', TRAINING_2, ARBITRATION, LIABILITY_1, CHILDREN)
    });
    // C3, C4: the same text rendered otherwise, and back.
    repo.commit('2025-02-02T12:00:00Z', recorded('Record new changes of Alpha Terms of Service', snap(4)), { 'Alpha/Terms of Service.md': ALPHA_FLIPPED });
    repo.commit('2025-02-03T12:00:00Z', recorded('Record new changes of Alpha Terms of Service', snap(5)), {
      'Alpha/Terms of Service.md': alphaTerms('February 1, 2025', TRAINING_2, ARBITRATION, LIABILITY_1, CHILDREN)
    });
    // C5: the arbitration paragraph is removed.
    repo.commit('2025-03-01T00:00:00-05:00', recorded('Record new changes of Alpha Terms of Service', snap(6)), {
      'Alpha/Terms of Service.md': alphaTerms('February 1, 2025', TRAINING_2, LIABILITY_1, CHILDREN)
    });
    // C6: a new service; C7: its page fails; C8: back, with a cookie banner.
    repo.commit('2025-03-10T10:00:00Z', recorded('First record of Beta Terms of Service', snap(7)), { 'Beta/Terms of Service.md': BETA });
    repo.commit('2025-03-11T10:00:00Z', recorded('Record new changes of Beta Terms of Service', snap(8)), { 'Beta/Terms of Service.md': ERROR_PAGE });
    repo.commit('2025-03-12T10:00:00Z', recorded('Record new changes of Beta Terms of Service', snap(9)), { 'Beta/Terms of Service.md': BETA + BANNER });
    // C9: a document leaves the repository.
    repo.commit('2025-04-01T00:00:00Z', 'Remove Alpha Privacy Policy\n', { 'Alpha/Privacy Policy.md': null });
    // C10, C11: two versions recorded at the same instant.
    repo.commit('2025-04-15T08:00:00Z', recorded('Record new changes of Alpha Terms of Service', snap(1)), {
      'Alpha/Terms of Service.md': alphaTerms('February 1, 2025', TRAINING_2, LIABILITY_2, CHILDREN)
    });
    repo.commit('2025-04-15T08:00:00Z', recorded('Record new changes of Alpha Terms of Service', snap(2)), {
      'Alpha/Terms of Service.md': alphaTerms('February 1, 2025', TRAINING_2, LIABILITY_3, CHILDREN)
    });
    // C12: not a version; C13: an empty version; C14: the arbitration paragraph comes back, no snapshot link.
    repo.commit('2025-05-01T00:00:00Z', 'Update README.md\n', { 'README.md': '# Versions of the mini collection\n\nMore.\n' });
    repo.commit('2025-05-02T00:00:00Z', recorded('Record new changes of Beta Terms of Service', snap(3)), { 'Beta/Terms of Service.md': '[](https://beta.example/terms)\n\n   \n' });
    repo.commit('2025-06-01T00:00:00Z', 'Record new changes of Alpha Terms of Service\n\nX-engine-version: 9.2.1\n', {
      'Alpha/Terms of Service.md': alphaTerms('February 1, 2025', TRAINING_2, ARBITRATION, LIABILITY_3, CHILDREN)
    });
    out = join(tempDir(), 'export');
    report = okReport(await importOta(repo.dir, out));
    db = await loadExport(out);
  });
  afterAll(() => db?.db.close());

  it('reads git as a stream: commits oldest first with their changes, blobs by id', async () => {
    const commits = [];
    for await (const c of readCommits(repo.dir)) commits.push(c);
    expect(commits.map((c) => c.sha)).toEqual(repo.commits);
    expect(commits[0]!.time).toBe(Date.parse('2025-01-10T08:00:00Z') / 1000);
    expect(commits[0]!.changes.map((c) => `${c.status} ${c.path}`)).toEqual([
      'A .github/workflows/ci.yml',
      'A Alpha/Privacy Policy.md',
      'A Alpha/Terms of Service.md',
      'A Alpha/logo.png',
      'A Alpha/notes/extra.md',
      'A README.md'
    ]);
    expect(commits[8]!.changes).toEqual([{ status: 'D', path: 'Alpha/Privacy Policy.md', mode: '000000', blob: null }]);
    const blobs = new BlobReader(repo.dir);
    try {
      const beta = commits[5]!.changes[0]!;
      expect((await blobs.read(beta.blob!)).toString('utf8')).toBe(BETA);
      await expect(blobs.read('0'.repeat(40))).rejects.toThrow(/cannot be read/);
      expect((await blobs.read(commits[0]!.changes[1]!.blob!)).toString('utf8')).toBe(ALPHA_PRIVACY);
    } finally {
      blobs.close();
    }
  });

  it('makes one platform per service, tracked from the day its first document appeared', async () => {
    expect(await rows(db, 'SELECT platform_id, name, CAST(tracked_since AS VARCHAR) AS since FROM platforms ORDER BY platform_id')).toEqual([
      { platform_id: 'alpha', name: 'Alpha', since: '2025-01-10' },
      { platform_id: 'beta', name: 'Beta', since: '2025-03-10' }
    ]);
  });

  it('makes one document per path, its type from terms-types.json, its dates from the commits', async () => {
    const docs = await rows(db, 'SELECT document_id, title, doc_type, first_tracked, last_verified, repository_path, removed_from_repository_at FROM documents ORDER BY document_id');
    expect(docs.map((d) => ({ ...d, first_tracked: iso(d.first_tracked), last_verified: iso(d.last_verified) }))).toEqual([
      {
        document_id: 'alpha/privacy-policy',
        title: 'Privacy Policy',
        doc_type: 'privacy_policy',
        first_tracked: '2025-01-10T08:00:00Z',
        last_verified: '2025-01-10T08:00:00Z',
        repository_path: 'Alpha/Privacy Policy.md',
        removed_from_repository_at: '2025-04-01T00:00:00Z'
      },
      {
        document_id: 'alpha/terms-of-service',
        title: 'Terms of Service',
        doc_type: 'terms_of_service',
        first_tracked: '2025-01-10T08:00:00Z',
        last_verified: '2025-06-01T00:00:00Z',
        repository_path: 'Alpha/Terms of Service.md',
        removed_from_repository_at: null
      },
      {
        document_id: 'beta/terms-of-service',
        title: 'Terms of Service',
        doc_type: 'terms_of_service',
        first_tracked: '2025-03-10T10:00:00Z',
        last_verified: '2025-06-01T00:00:00Z',
        repository_path: 'Beta/Terms of Service.md',
        removed_from_repository_at: null
      }
    ]);
  });

  it('makes one snapshot per kept version: SHA-256 of the file, the links, changed after normalisation', async () => {
    const snaps = await rows(db, 'SELECT snapshot_id, document_id, captured_at, sha256, archive_url, changed, snapshot_links, record_kind, engine_version FROM snapshots ORDER BY captured_at, snapshot_id');
    const sha = (text: string) => createHash('sha256').update(text).digest('hex');
    const expected = [
      [1, 'alpha/privacy-policy', '2025-01-10T08:00:00Z', ALPHA_PRIVACY, [snap(1), snap(2)], null],
      [1, 'alpha/terms-of-service', '2025-01-10T08:00:00Z', alphaTerms('January 5, 2025', TRAINING_1, ARBITRATION, LIABILITY_1, CHILDREN), [snap(1), snap(2)], null],
      [2, 'alpha/terms-of-service', '2025-02-01T12:00:00Z', alphaTerms('February 1, 2025', TRAINING_2, ARBITRATION, LIABILITY_1, CHILDREN), [snap(3)], true],
      [3, 'alpha/terms-of-service', '2025-02-02T12:00:00Z', ALPHA_FLIPPED, [snap(4)], false],
      [4, 'alpha/terms-of-service', '2025-02-03T12:00:00Z', alphaTerms('February 1, 2025', TRAINING_2, ARBITRATION, LIABILITY_1, CHILDREN), [snap(5)], false],
      [5, 'alpha/terms-of-service', '2025-03-01T05:00:00Z', alphaTerms('February 1, 2025', TRAINING_2, LIABILITY_1, CHILDREN), [snap(6)], true],
      [6, 'beta/terms-of-service', '2025-03-10T10:00:00Z', BETA, [snap(7)], null],
      [8, 'beta/terms-of-service', '2025-03-12T10:00:00Z', BETA + BANNER, [snap(9)], false],
      [10, 'alpha/terms-of-service', '2025-04-15T08:00:00Z', alphaTerms('February 1, 2025', TRAINING_2, LIABILITY_2, CHILDREN), [snap(1)], true],
      [11, 'alpha/terms-of-service', '2025-04-15T08:00:00Z', alphaTerms('February 1, 2025', TRAINING_2, LIABILITY_3, CHILDREN), [snap(2)], true],
      [14, 'alpha/terms-of-service', '2025-06-01T00:00:00Z', alphaTerms('February 1, 2025', TRAINING_2, ARBITRATION, LIABILITY_3, CHILDREN), null, true]
    ] as const;
    const want = expected.map(([c, doc, time, text, links, changed]) => ({
      snapshot_id: `${at(c)}/${doc}`,
      document_id: doc,
      captured_at: time,
      sha256: sha(text),
      archive_url: links?.[0] ?? null,
      changed,
      snapshot_links: links ? [...links] : null,
      record_kind: c === 1 || c === 6 ? 'first_record' : 'changes',
      engine_version: c === 14 ? '9.2.1' : '9.2.0'
    }));
    want.sort((a, b) => (a.captured_at + a.snapshot_id < b.captured_at + b.snapshot_id ? -1 : 1));
    expect(snaps.map((s) => ({ ...s, captured_at: iso(s.captured_at) }))).toEqual(want);
  });

  it('tracks each provision paragraph: added, reworded, removed, back, removed with its document, superseded', async () => {
    const versions = await rows(
      db,
      `SELECT p.document_id, v.category_id, v.version, v.change_kind, v.valid_from, v.valid_to, v.snapshot_id, v.clause_text, v.clause_sha256, v.classification_rule
       FROM provision_versions v JOIN provisions p USING (record_id) ORDER BY p.document_id, v.category_id, v.version`
    );
    const text = (md: string) => inlineText(md.replace(/^\*\s+/, ''));
    const v = (doc: string, category: string, version: number, kind: string, from: number, to: number | null, clause: string, from_time: string, to_time: string | null) => ({
      document_id: doc,
      category_id: category,
      version,
      change_kind: kind,
      valid_from: from_time,
      valid_to: to_time,
      snapshot_id: `${at(from)}/${doc}`,
      clause_text: text(clause),
      clause_sha256: createHash('sha256').update(text(clause)).digest('hex'),
      classification_rule: rules.provisions.find((r) => r.categoryId === category)!.id,
      _to: to
    });
    const expected = [
      v('alpha/privacy-policy', 'data_retention', 1, 'added', 1, 9, 'We keep your conversations for 30 days after you delete them, then erase them from our systems.', '2025-01-10T08:00:00Z', '2025-04-01T00:00:00Z'),
      v('alpha/privacy-policy', 'data_sharing', 1, 'added', 1, 9, 'We do not sell your personal data to advertisers or data brokers.', '2025-01-10T08:00:00Z', '2025-04-01T00:00:00Z'),
      v('alpha/terms-of-service', 'ai_training_data', 1, 'added', 1, 2, TRAINING_1, '2025-01-10T08:00:00Z', '2025-02-01T12:00:00Z'),
      v('alpha/terms-of-service', 'ai_training_data', 2, 'text_changed', 2, null, TRAINING_2, '2025-02-01T12:00:00Z', null),
      v('alpha/terms-of-service', 'childrens_data', 1, 'added', 1, null, CHILDREN, '2025-01-10T08:00:00Z', null),
      v('alpha/terms-of-service', 'liability_limitation', 1, 'added', 1, 10, LIABILITY_1, '2025-01-10T08:00:00Z', '2025-04-15T08:00:00Z'),
      // C10 never took effect: C11 was recorded at the same instant.
      v('alpha/terms-of-service', 'liability_limitation', 2, 'text_changed', 11, null, LIABILITY_3, '2025-04-15T08:00:00Z', null),
      v('alpha/terms-of-service', 'mandatory_arbitration', 1, 'added', 1, 5, ARBITRATION, '2025-01-10T08:00:00Z', '2025-03-01T05:00:00Z'),
      v('alpha/terms-of-service', 'mandatory_arbitration', 2, 'added', 14, null, ARBITRATION, '2025-06-01T00:00:00Z', null),
      v('beta/terms-of-service', 'account_termination', 1, 'added', 6, null, 'We may suspend or terminate your account at any time if you breach these terms.', '2025-03-10T10:00:00Z', null),
      v('beta/terms-of-service', 'governing_law', 1, 'added', 6, null, 'These terms are governed by the laws of Ireland, and the courts of Dublin have exclusive jurisdiction.', '2025-03-10T10:00:00Z', null)
    ];
    expect(versions.map((r) => ({ ...r, valid_from: iso(r.valid_from), valid_to: iso(r.valid_to) }))).toEqual(expected.map(({ _to, ...rest }) => rest));
  });

  it('writes the provisions current state: unrated, classified by rule, removed with removed_at, with a source link', async () => {
    const provs = await rows(
      db,
      'SELECT document_id, category_id, status, first_tracked, last_verified, removed_at, severity, polarity, classified_by, classification_rule, source_url, title FROM provisions ORDER BY document_id, category_id'
    );
    const blob = (c: number, path: string) => `https://github.com/Example/mini-versions/blob/${at(c)}/${path}`;
    expect(provs.map((p) => [p.document_id, p.category_id, p.status, iso(p.first_tracked), iso(p.last_verified), iso(p.removed_at), p.source_url])).toEqual([
      ['alpha/privacy-policy', 'data_retention', 'removed', '2025-01-10T08:00:00Z', '2025-01-10T08:00:00Z', '2025-04-01T00:00:00Z', blob(1, 'Alpha/Privacy%20Policy.md')],
      ['alpha/privacy-policy', 'data_sharing', 'removed', '2025-01-10T08:00:00Z', '2025-01-10T08:00:00Z', '2025-04-01T00:00:00Z', blob(1, 'Alpha/Privacy%20Policy.md')],
      ['alpha/terms-of-service', 'ai_training_data', 'active', '2025-01-10T08:00:00Z', '2025-06-01T00:00:00Z', null, blob(14, 'Alpha/Terms%20of%20Service.md')],
      ['alpha/terms-of-service', 'childrens_data', 'active', '2025-01-10T08:00:00Z', '2025-06-01T00:00:00Z', null, blob(14, 'Alpha/Terms%20of%20Service.md')],
      ['alpha/terms-of-service', 'liability_limitation', 'active', '2025-01-10T08:00:00Z', '2025-06-01T00:00:00Z', null, blob(14, 'Alpha/Terms%20of%20Service.md')],
      ['alpha/terms-of-service', 'mandatory_arbitration', 'active', '2025-01-10T08:00:00Z', '2025-06-01T00:00:00Z', null, blob(14, 'Alpha/Terms%20of%20Service.md')],
      // Beta was last confirmed by C8 (the same text with a cookie banner); C13 was empty and skipped.
      ['beta/terms-of-service', 'account_termination', 'active', '2025-03-10T10:00:00Z', '2025-06-01T00:00:00Z', null, blob(8, 'Beta/Terms%20of%20Service.md')],
      ['beta/terms-of-service', 'governing_law', 'active', '2025-03-10T10:00:00Z', '2025-06-01T00:00:00Z', null, blob(8, 'Beta/Terms%20of%20Service.md')]
    ]);
    for (const p of provs) {
      expect([p.severity, p.polarity, p.classified_by]).toEqual([null, null, 'rule']);
      expect(p.classification_rule).toBe(rules.provisions.find((r) => r.categoryId === p.category_id)!.id);
    }
    expect(provs.find((p) => p.category_id === 'ai_training_data')!.title).toBe('Training. We may use your prompts, files and outputs to train and improve our models, unless you…');
    expect(provs.find((p) => p.category_id === 'account_termination')!.title).toBe('We may suspend or terminate your account at any time if you breach these terms.');
  });

  it('exports only the categories some rule looks for, with the taxonomy fields', async () => {
    const cats = await rows(db, 'SELECT category_id, name, group_name, short_label, question FROM categories ORDER BY category_id');
    const wanted = categories.filter((c) => rules.provisions.some((r) => r.categoryId === c.id)).sort((a, b) => (a.id < b.id ? -1 : 1));
    expect(cats).toEqual(wanted.map((c) => ({ category_id: c.id, name: c.name, group_name: c.group, short_label: c.short_label, question: c.question })));
  });

  it('reports what it read, kept and skipped, with counts and reasons', () => {
    expect(report.source).toEqual({
      collection: 'mini',
      versions_repository: 'https://github.com/Example/mini-versions',
      head_commit: at(14),
      first_commit_at: '2025-01-10T08:00:00Z',
      last_commit_at: '2025-06-01T00:00:00Z',
      data_as_of: '2025-06-01'
    });
    expect(report.commits).toEqual({
      total: 14,
      by_kind: { changes: 10, first_record: 2, other: 2 },
      without_document_version: [
        { commit: at(9), subject: 'Remove Alpha Privacy Policy', documents_deleted: 1, other_files: 0 },
        { commit: at(12), subject: 'Update README.md', documents_deleted: 0, other_files: 1 }
      ]
    });
    expect(report.files_not_documents).toEqual([
      { path: '.github/workflows/ci.yml', reason: NOT_A_DOCUMENT.hidden, commits: 1 },
      { path: 'Alpha/logo.png', reason: NOT_A_DOCUMENT.notMarkdown, commits: 1 },
      { path: 'Alpha/notes/extra.md', reason: NOT_A_DOCUMENT.nested, commits: 1 },
      { path: 'README.md', reason: NOT_A_DOCUMENT.topLevel, commits: 2 }
    ]);
    expect(report.versions).toEqual({
      read: 13,
      snapshots: 11,
      first_of_document: 3,
      changed: 5,
      formatting_only: 3,
      skipped: [
        { reason: 'empty: no text once Markdown and page furniture are removed', count: 1 },
        { reason: `unavailable page recorded instead of the terms (meta-page-unavailable): ${rules.unavailablePages[0]!.description}`, count: 1 }
      ],
      superseded_at_same_instant: 1,
      without_snapshot_link: 1,
      refused_links: []
    });
    expect(report.page_furniture).toEqual({ 'cookie-consent-buttons': 1, 'cookie-consent-prompt': 1, 'cookie-consent-title': 1 });
    expect(report.documents).toEqual({
      total: 3,
      in_repository_at_head: 2,
      by_doc_type: { privacy_policy: 1, terms_of_service: 2 },
      terms_types_not_in_rules: [],
      removed: [{ document_id: 'alpha/privacy-policy', removed_at: '2025-04-01T00:00:00Z' }]
    });
    expect(report.provisions).toMatchObject({ total: 8, active: 6, removed: 2, repeated_paragraphs: 1 });
    expect(report.provision_versions).toEqual({ total: 11, by_change_kind: { added: 9, text_changed: 2 }, reinstated: 1, removals: 3 });
    expect(report.provisions.by_rule['ai_training_data/trains-on-user-content']).toEqual({ provisions: 1, versions: 2 });
    expect(report.provisions.rules_without_match).toContain('biometric_data/biometric-identifiers');
  });

  it('writes a valid export with its source, data_as_of and generated_at from the last commit, and the report beside it', async () => {
    const validation = await validateExport(out);
    expect(validation.errors).toEqual([]);
    expect(validation.ok).toBe(true);
    expect(validation.manifest).toMatchObject({
      generated_at: '2025-06-01T00:00:00Z',
      data_as_of: '2025-06-01',
      source: { name: 'Open Terms Archive — mini', licence: 'ODC-BY-1.0', attribution: 'Open Terms Archive contributors; mini collection', url: 'https://opentermsarchive.org' }
    });
    expect(JSON.parse(readFileSync(join(out, REPORT_FILE), 'utf8'))).toEqual(report);
  });

  it('gives byte-identical files (the engine file: the same rows) for the same repository, wherever it is cloned, and takes --collection and --attribution', async () => {
    const clone = join(tempDir(), 'elsewhere');
    execFileSync('git', ['clone', '-q', repo.dir, clone]);
    const again = join(tempDir(), 'again');
    okReport(await importOta(clone, again));
    expect(reproducibleFiles(again)).toEqual(reproducibleFiles(out));
    expect(await engineRows(again)).toEqual(await engineRows(out));
    const named = join(tempDir(), 'named');
    okReport(await importOta(clone, named, { collection: 'mini', attribution: 'Someone' }));
    expect(JSON.parse(readFileSync(join(named, 'manifest.json'), 'utf8')).source.attribution).toBe('Someone');
  });

  it('runs from the command line and prints the summary', () => {
    const cli = join(tempDir(), 'cli');
    const printed = execFileSync(process.execPath, ['--import', 'tsx', join(REPO, 'scripts/import-ota.ts'), repo.dir, cli], { cwd: REPO, encoding: 'utf8' });
    expect(printed).toContain('2 platforms, 3 documents (2 in the repository at HEAD)');
    expect(printed).toContain('11 snapshots: 3 first versions, 5 changed, 3 formatting-only (changed = false)');
    expect(printed).toContain(`${cli}: OK — "Open Terms Archive — mini" (ODC-BY-1.0), generated 2025-06-01T00:00:00Z`);
  });
});

describe('refusing bad input', () => {
  it('names a folder that is not a git repository, and one without commits', async () => {
    const plain = tempDir();
    await expect(importOta(plain, join(tempDir(), 'x'))).rejects.toThrow(`${plain}: not a git repository`);
    const empty = tempDir();
    execFileSync('git', ['init', '-q', empty]);
    await expect(importOta(empty, join(tempDir(), 'x'))).rejects.toThrow(/the repository has no commits/);
    await expect(importOta(join(plain, 'missing'), join(tempDir(), 'x'))).rejects.toThrow(/no such folder/);
  });

  it('stops at the rules, naming the file and rule, and writes nothing', async () => {
    const dir = join(tempDir(), 'rules');
    cpSync(DEFAULT_RULES_DIR, dir, { recursive: true });
    const path = join(dir, 'provisions/class_action_waiver.json');
    const json = JSON.parse(readFileSync(path, 'utf8'));
    json.rules[0].all[0] = '[';
    writeFileSync(path, JSON.stringify(json));
    const out = join(tempDir(), 'x');
    const result = await importOta(tempDir(), out, { rulesDir: dir });
    expect(result).toMatchObject({ ok: false, stage: 'rules' });
    expect(result.ok ? [] : result.errors[0]).toMatch(/class_action_waiver\.json: rule 1 \("class_action_waiver\/no-class-actions"\): "all"\[0\]: not a valid regular expression/);
    expect(existsSync(out)).toBe(false);
  });
});

const sampleMissing = !existsSync(BUNDLE);
if (sampleMissing) console.warn(`Skipping the Open Terms Archive sample tests: ${BUNDLE} not found (it lives in ../shared/data beside the repository).`);

describe.skipIf(sampleMissing)('importing the genai-eu sample (../shared/data/ota-genai-eu-2026)', () => {
  let clone: string;
  let out: string;
  let report: ImportReport;
  let db: LoadedExport;
  const git = (...args: string[]) => execFileSync('git', ['-C', clone, ...args], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const isDocument = (path: string) => /^[^./][^/]*\/[^/]+\.md$/.test(path);

  beforeAll(async () => {
    clone = join(tempDir(), 'genai-eu-versions');
    execFileSync('git', ['clone', '-q', BUNDLE, clone]);
    out = join(tempDir(), 'export');
    report = okReport(await importOta(clone, out));
    db = await loadExport(out);
  }, 600_000);
  afterAll(() => db?.db.close());

  it('reads every commit and every version the repository records (counted again with git)', () => {
    expect(report.commits.total).toBe(Number(git('rev-list', '--count', 'HEAD').trim()));
    expect(report.commits.total).toBe(1020);
    const raw = git('log', '--raw', '--no-renames', '--no-abbrev', '--format=').split('\n').filter((l) => l.startsWith(':'));
    const versions = raw.filter((l) => /\s[AM]\t/.test(l) && isDocument(l.split('\t')[1]!));
    expect(report.versions.read).toBe(versions.length);
    expect(report.versions.read).toBe(1036);
    const paths = new Set(raw.map((l) => l.split('\t')[1]!).filter(isDocument));
    expect(report.documents.total).toBe(paths.size);
    expect(paths.size).toBe(82);
    const head = git('ls-tree', '-r', '--name-only', 'HEAD').split('\n').filter(isDocument);
    expect(report.documents.in_repository_at_head).toBe(head.length);
    expect(head.length).toBe(63);
    expect(report.platforms).toBe(new Set([...paths].map((p) => p.split('/')[0])).size);
    expect(new Set(head.map((p) => p.split('/')[0])).size).toBe(12);
  });

  it('imports exactly these numbers', async () => {
    const count = async (table: string) => (await rows(db, `SELECT count(*) AS n FROM ${table}`))[0]!.n;
    expect([await count('platforms'), await count('documents'), await count('categories'), await count('snapshots'), await count('provisions'), await count('provision_versions')]).toEqual([
      19, 82, 17, 910, 815, 1041
    ]);
    expect(report.versions).toMatchObject({ snapshots: 910, first_of_document: 82, changed: 202, formatting_only: 626, superseded_at_same_instant: 4, without_snapshot_link: 19 });
    expect(report.provisions).toMatchObject({ total: 815, active: 561, removed: 254, repeated_paragraphs: 1302 });
    expect(report.provision_versions).toEqual({ total: 1041, by_change_kind: { added: 826, text_changed: 215 }, reinstated: 11, removals: 265 });
    expect(report.documents.by_doc_type).toEqual({ acceptable_use_policy: 9, cookie_policy: 8, data_processing_agreement: 6, other: 13, privacy_policy: 19, terms_of_service: 27 });
    expect(report.provisions.by_category).toEqual({
      account_termination: 55,
      ai_training_data: 68,
      automated_decisions: 17,
      biometric_data: 11,
      childrens_data: 73,
      class_action_waiver: 27,
      content_licence: 24,
      cookie_tracking: 35,
      data_retention: 45,
      data_sharing: 86,
      governing_law: 40,
      liability_limitation: 58,
      location_tracking: 112,
      mandatory_arbitration: 48,
      output_ownership: 21,
      price_changes: 30,
      unilateral_changes: 65
    });
    expect(report.provisions.rules_without_match).toEqual([]);
  });

  it('skips exactly these versions and files, for these reasons', () => {
    expect(report.versions.skipped.map((s) => [s.reason.replace(/\):.*/, ')'), s.count])).toEqual([
      ['unavailable page recorded instead of the terms (meta-page-unavailable)', 121],
      ['unavailable page recorded instead of the terms (meta-page-unavailable-de)', 1],
      ['unavailable page recorded instead of the terms (redirect-stub)', 4]
    ]);
    expect(report.versions.read - report.versions.snapshots).toBe(126);
    expect(report.page_furniture).toEqual({ 'cookie-consent-buttons': 13, 'cookie-consent-prompt': 13, 'cookie-consent-title': 13 });
    expect(report.files_not_documents.map((f) => [f.path, f.commits])).toEqual([
      ['.github/workflows/first-time-setup.yml', 2],
      ['LICENSE', 1],
      ['README.md', 3]
    ]);
    expect(report.commits.without_document_version.map((c) => c.subject)).toEqual(['Adapt template automatically', 'Update README.md (#1)']);
    // The template's documents: imported by the first commit without snapshot links, removed by the second.
    expect(report.documents.removed).toHaveLength(19);
    expect(new Set(report.documents.removed.map((d) => d.removed_at))).toEqual(new Set(['2025-11-11T10:46:08Z']));
  });

  it('keeps named real provisions with their history', async () => {
    const find = async (document: string, start: string) =>
      rows(
        db,
        `SELECT p.record_id, p.category_id, p.status, CAST(p.first_tracked AS DATE)::VARCHAR AS first_day, p.classification_rule, p.severity,
                (SELECT count(*) FROM provision_versions v WHERE v.record_id = p.record_id) AS versions
         FROM provisions p WHERE p.document_id = ? AND starts_with(p.clause_text, ?)`,
        [document, start]
      );
    expect(await find('chatgpt/privacy-policy', 'When you use our services for individuals such as ChatGPT, Sora, or Operator, we may use your content to train')).toEqual([
      expect.objectContaining({ category_id: 'ai_training_data', status: 'active', first_day: '2025-11-11', classification_rule: 'ai_training_data/trains-on-user-content', severity: null, versions: 1 })
    ]);
    const claude = await find('claude-ai/privacy-policy', 'We may use your Inputs and Outputs to train and improve Anthropic AI models');
    expect(claude).toEqual([expect.objectContaining({ category_id: 'ai_training_data', status: 'active', first_day: '2025-11-11', versions: 2 })]);
    const history = await rows(db, 'SELECT version, change_kind, CAST(valid_from AS VARCHAR) AS valid_from, clause_text FROM provision_versions WHERE record_id = ? ORDER BY version', [claude[0]!.record_id]);
    expect(history.map((h) => [h.version, h.change_kind, h.valid_from])).toEqual([
      [1, 'added', '2025-11-11 15:22:48'],
      [2, 'text_changed', '2026-06-09 10:30:33']
    ]);
    expect(String(history[0]!.clause_text)).toMatch(/^We may use your Inputs and Outputs to train our models and improve our Services, unless you opt out/);
  });

  it('makes no version of a formatting-only flip: Claude.ai privacy policy, "January 12, 2026" → "12 January 2026"', async () => {
    const flip = 'a9e0e56';
    const sha = git('rev-parse', flip).trim();
    const diff = git('show', '--format=', sha);
    expect(diff).toMatch(/^-Effective January 12, 2026\[Previous Version\]/m);
    expect(diff).toMatch(/^\+Effective 12 January 2026\[Previous Version\]/m);
    const snapshot = await rows(db, 'SELECT changed, CAST(captured_at AS VARCHAR) AS at FROM snapshots WHERE snapshot_id = ?', [`${sha}/claude-ai/privacy-policy`]);
    expect(snapshot).toEqual([{ changed: false, at: '2026-01-17 23:31:38' }]);
    const made = await rows(db, "SELECT count(*) AS n FROM provision_versions v JOIN provisions p USING (record_id) WHERE p.document_id = 'claude-ai/privacy-policy' AND (v.valid_from = ?::TIMESTAMP OR v.valid_to = ?::TIMESTAMP)", [
      '2026-01-17 23:31:38',
      '2026-01-17 23:31:38'
    ]);
    expect(made).toEqual([{ n: 0 }]);
    // The same for every formatting-only snapshot: none starts or ends a provision version.
    const anyFlip = await rows(
      db,
      `SELECT count(*) AS n FROM snapshots s JOIN provisions p ON p.document_id = s.document_id JOIN provision_versions v ON v.record_id = p.record_id
       WHERE s.changed = false AND (v.valid_from = s.captured_at OR v.valid_to = s.captured_at)`
    );
    expect(anyFlip).toEqual([{ n: 0 }]);
  });

  it('lets the later of the Claude.ai DPA versions recorded at 2026-05-22 22:32:00 supersede the others', async () => {
    const at = await rows(db, "SELECT count(*) AS n FROM snapshots WHERE document_id = 'claude-ai/data-processor-agreement' AND captured_at = '2026-05-22 22:32:00'");
    expect(at).toEqual([{ n: 4 }]);
  });

  it('validates, and a second run gives byte-identical files (the engine file: the same rows)', async () => {
    const validation = await validateExport(out);
    expect(validation.errors).toEqual([]);
    expect(validation.manifest).toMatchObject({ generated_at: '2026-08-22T10:32:23Z', data_as_of: '2026-08-22' });
    expect(validation.manifest!.source).toEqual({
      name: 'Open Terms Archive — genai-eu',
      licence: 'ODC-BY-1.0',
      attribution: 'Open Terms Archive contributors; genai-eu collection maintained by the ZeMKI lab, University of Bremen',
      url: 'https://opentermsarchive.org'
    });
    const again = join(tempDir(), 'again');
    okReport(await importOta(clone, again));
    expect(reproducibleFiles(again)).toEqual(reproducibleFiles(out));
    expect(await engineRows(again)).toEqual(await engineRows(out));
  }, 600_000);
});
