/**
 * Exports shaped like the real archives, built from the small fixture with the export builder, for the tests of how
 * the views read real data (issue 8, section 4). Both are fictional; they reproduce what the imported ToS;DR and
 * Open Terms Archive exports do to the views:
 *
 * - `wide` (ToS;DR-shaped): 256 categories in 12 groups with long names (most with a `short_label`), no history and
 *   no snapshots, provisions carrying the source's own fields (polarity, source rating, id and link, who classified
 *   them) and two extra columns (`source_case` VARCHAR, `source_score` BIGINT), a third of the new provisions with
 *   no document, one 8,666-character clause, a non-synthetic source with a URL and `data_as_of` 2021-01-09.
 * - `unrated` (OTA-shaped): the fixture with every severity null (provisions and versions), every provision found by
 *   a text rule (`classified_by` 'rule' with its rule id), history and snapshots kept.
 *
 * The input records are returned too, so tests compute what the views must show in plain TypeScript.
 */
import { rmSync } from 'node:fs';
import { cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildExport } from '../../scripts/build-export';
import { FIXTURE_DIR, FIXTURE_GENERATED_AT, fixtureRows } from './fixture';

type Rec = Record<string, unknown>;

/** Categories added to the fixture's six in the `wide` export. */
export const WIDE_EXTRA_CATEGORIES = 250;
export const WIDE_GROUPS = [
  'Account & access',
  'Content licence',
  'Data collection',
  'Data sharing',
  'Disputes',
  'Children',
  'Security',
  'Tracking',
  'Transparency',
  'User rights',
  'Changes to terms',
  'Payments'
] as const;
/** The record whose clause is 8,666 characters long (as the longest ToS;DR quote was). */
export const LONG_RECORD = 'RS-P-001';
export const LONG_CLAUSE_LENGTH = 8_666;
/** A record without a document, with every provenance field and both extra columns. */
export const UNNAMED_DOC_RECORD = 'RS-P-003';
/** The rule every provision of the `unrated` export was found by. */
export const UNRATED_RULE = 'ota/training-data-use';

export const WIDE_SOURCE = {
  name: 'Reading test export (fictional, shaped like ToS;DR)',
  licence: 'CC BY-SA 3.0',
  attribution: 'Fictional records for Termscope tests, laid out like ToS;DR points; no real service is described.',
  url: 'https://tosdr.example/data'
};
export const UNRATED_SOURCE = {
  name: 'Rule-found test export (fictional, shaped like Open Terms Archive)',
  licence: 'ODC-BY 1.0',
  attribution: 'Fictional versions for Termscope tests, read by text rules; no real service is described.',
  url: 'https://ota.example/versions'
};

/** A deterministic clause of exactly `length` characters, in sentences and paragraphs like a real quote. */
export function longClause(length: number): string {
  const sentence = (i: number) =>
    `Clause ${i}: we may collect, combine and keep information about your use of the service, your devices and your contacts. `;
  let text = '';
  for (let i = 1; text.length < length; i++) text += sentence(i) + (i % 6 === 0 ? '\n\n' : '');
  return text.slice(0, length - 1).trimEnd().padEnd(length - 1, '.') + '.';
}

function wideCategory(n: number): Rec {
  const id = `topic_${String(n).padStart(3, '0')}`;
  return {
    category_id: id,
    name: `The service collects many kinds of personal data about you for purpose ${n}, including device identifiers and approximate location`,
    group_name: WIDE_GROUPS[n % WIDE_GROUPS.length],
    description: `Fictional topic ${n} of a source with hundreds of topics.`,
    // Every tenth category has no short label: the views fall back to its name.
    short_label: n % 10 === 0 ? null : `Data use ${n}`,
    question: `Does the service collect personal data for purpose ${n}?`
  };
}

const SEVERITY_CYCLE = ['critical', 'high', 'medium', 'low', 'info', null] as const;
const RATING_OF: Record<string, string> = { critical: 'blocker', high: 'bad', medium: 'bad', low: 'neutral', info: 'good' };

function wideProvision(n: number, documents: readonly Rec[]): Rec {
  const platforms = ['verbalyn', 'quillora', 'chattersmith', 'pinwheel', 'murmurly', 'kestrelgram', 'bazaarly'];
  const platform = platforms[n % platforms.length]!;
  const docs = documents.filter((d) => d.platform_id === platform);
  const severity = SEVERITY_CYCLE[n % SEVERITY_CYCLE.length]!;
  const record = `RS-P-${String(n).padStart(3, '0')}`;
  return {
    record_id: record,
    // Every third provision names no document (243 ToS;DR points do not).
    document_id: n % 3 === 0 ? null : docs[n % docs.length]!.document_id,
    platform_id: platform,
    category_id: wideCategory(n).category_id,
    title: `Point ${n}: the service collects data for purpose ${n}`,
    severity,
    clause_text: n === 1 ? longClause(LONG_CLAUSE_LENGTH) : `The service may collect data for purpose ${n}.`,
    first_tracked: '2019-05-01T00:00:00Z',
    last_verified: '2020-12-31T00:00:00Z',
    status: 'active',
    polarity: severity === 'info' ? 'positive' : severity === 'low' ? 'neutral' : 'negative',
    source_rating: severity === null ? null : RATING_OF[severity],
    source_id: String(9000 + n),
    source_url: `https://tosdr.example/point/${9000 + n}`,
    classified_by: 'analyst',
    classification_rule: null,
    source_case: `Case ${n}: they collect data for purpose ${n}`,
    source_score: n * 10
  };
}

function jsonl(records: readonly Rec[]): string {
  return records.map((r) => JSON.stringify(r)).join('\n') + '\n';
}

async function writeTable(dir: string, table: string, records: readonly Rec[]): Promise<void> {
  await writeFile(join(dir, `${table}.jsonl`), jsonl(records));
}

export interface ReadingInputs {
  categories: Rec[];
  provisions: Rec[];
  documents: Rec[];
  platforms: Rec[];
  versions: Rec[];
}

/** The `wide` export's records, as written to its input folder. */
export function wideRecords(): ReadingInputs {
  const documents = fixtureRows('documents');
  const extra = Array.from({ length: WIDE_EXTRA_CATEGORIES }, (_, i) => i + 1);
  return {
    platforms: fixtureRows('platforms'),
    documents,
    categories: [...fixtureRows('categories'), ...extra.map(wideCategory)],
    // The fixture's provisions keep their columns; the extra columns read as null for them.
    provisions: [...fixtureRows('provisions'), ...extra.map((n) => wideProvision(n, documents))],
    versions: []
  };
}

/** The `unrated` export's records: the fixture, every severity removed, every provision found by a rule. */
export function unratedRecords(): ReadingInputs {
  return {
    platforms: fixtureRows('platforms'),
    documents: fixtureRows('documents'),
    categories: fixtureRows('categories'),
    provisions: fixtureRows('provisions').map((p) => ({
      ...p,
      severity: null,
      classified_by: 'rule',
      classification_rule: UNRATED_RULE
    })),
    versions: fixtureRows('provision_versions').map((v) => ({ ...v, severity: null }))
  };
}

async function buildFrom(work: string, name: string, records: ReadingInputs, source: Rec, dataAsOf: string, withHistory: boolean) {
  const input = join(work, `in-${name}`);
  await mkdir(input, { recursive: true });
  await writeTable(input, 'platforms', records.platforms);
  await writeTable(input, 'documents', records.documents);
  await writeTable(input, 'categories', records.categories);
  await writeTable(input, 'provisions', records.provisions);
  if (withHistory) {
    await writeTable(input, 'provision_versions', records.versions);
    await cp(join(FIXTURE_DIR, 'snapshots.jsonl'), join(input, 'snapshots.jsonl'));
  }
  await writeFile(join(input, 'source.json'), JSON.stringify(source));
  const out = join(work, name);
  const result = await buildExport(input, out, { generatedAt: FIXTURE_GENERATED_AT, dataAsOf });
  if (!result.ok) throw new Error(`Could not build the ${name} export:\n${result.errors.join('\n')}`);
  await rm(input, { recursive: true, force: true });
  return out;
}

/** Builds both exports under `work` (created if needed); returns their folders. */
export async function buildReadingExports(work: string): Promise<{ wide: string; unrated: string }> {
  await mkdir(work, { recursive: true });
  const wide = await buildFrom(work, 'wide', wideRecords(), WIDE_SOURCE, '2021-01-09', false);
  const unrated = await buildFrom(work, 'unrated', unratedRecords(), UNRATED_SOURCE, '2026-09-28', true);
  return { wide, unrated };
}

let once: Promise<{ wide: string; unrated: string }> | undefined;

/** Both exports, built once per test process into a temporary folder removed when the process exits. */
export function readingExports(): Promise<{ wide: string; unrated: string }> {
  once ??= (async () => {
    const work = await mkdtemp(join(tmpdir(), 'termscope-reading-'));
    process.once('exit', () => rmSync(work, { recursive: true, force: true }));
    return buildReadingExports(work);
  })();
  return once;
}
