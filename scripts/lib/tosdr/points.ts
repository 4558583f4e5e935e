/**
 * ToS;DR points → Termscope provisions, one point at a time. Points have no status and no dates: a point is
 * approved when it is not `needModeration`, not closed as irrelevant, and names a case that exists. Its rating is its
 * case's; its category comes from the case (data/mappings/tosdr/cases.json), else from its topics (topics.json).
 */
import { caseKey, type CaseRecord } from './cases';
import { hasMarkup, htmlToText, inlineText } from './html-text';
import { rateCase, type Mappings } from './mappings';
import type { PointSkipReason } from './report';
import type { Platform, ServiceIndex } from './services';
import { textField, textList, type JsonRecord } from './source-files';

/** Where a point's page is at ToS;DR (the link its own build gave each point). */
export const POINT_URL = 'https://edit.tosdr.org/points/';

/** A provision row for provisions.jsonl: contract columns, then the source's fields as extra columns. */
export interface ProvisionRow {
  record_id: string;
  document_id: string | null;
  platform_id: string;
  category_id: string;
  title: string;
  severity: string | null;
  summary: string | null;
  clause_text: string | null;
  status: 'active';
  polarity: string | null;
  source_rating: string | null;
  source_id: string;
  source_url: string;
  classified_by: 'analyst';
  source_case: string;
  source_score: number | null;
  source_topics: string[] | null;
  category_source: 'case' | 'topic';
}

/** True for ToS;DR's ways of saying "closed as irrelevant": true, or a reason such as "dismissed+by+the+curator". */
function isClosed(value: unknown): boolean {
  if (value === true) return true;
  return typeof value === 'string' && value.trim() !== '' && value.trim().toLowerCase() !== 'false';
}

export type PointVerdict =
  | { approved: true; caseRecord: CaseRecord }
  | { approved: false; reason: PointSkipReason; caseName?: string };

/** Whether a point is approved (the rule of this importer; ToS;DR's files have no status field). */
export function judgePoint(point: JsonRecord, cases: ReadonlyMap<string, CaseRecord>): PointVerdict {
  const tosdr = (typeof point.tosdr === 'object' && point.tosdr !== null ? point.tosdr : {}) as JsonRecord;
  if (point.needModeration === true) return { approved: false, reason: 'needs_moderation' };
  if (isClosed(tosdr.irrelevant) || isClosed(point.irrelevant)) return { approved: false, reason: 'closed_irrelevant' };
  const caseName = typeof tosdr.case === 'string' && tosdr.case.trim() !== '' ? tosdr.case : null;
  if (caseName === null) return { approved: false, reason: 'no_case' };
  const caseRecord = cases.get(caseKey(caseName));
  if (!caseRecord) return { approved: false, reason: 'unknown_case', caseName };
  return { approved: true, caseRecord };
}

export type CategoryChoice = { category: string; from: 'case' | 'topic' } | { category: null };

/** The category of an approved point: its case's, else that of the first of its topics that maps to one. */
export function chooseCategory(mappings: Mappings, caseRecord: CaseRecord, topics: readonly string[]): CategoryChoice {
  const fromCase = mappings.caseCategory.get(caseKey(caseRecord.name));
  if (fromCase) return { category: fromCase, from: 'case' };
  for (const topic of topics) {
    const fromTopic = mappings.topicCategory.get(topic.toLowerCase());
    if (fromTopic) return { category: fromTopic, from: 'topic' };
  }
  return { category: null };
}

/** The platforms a point names, each once, in the order named; names that resolve to nothing are returned apart. */
export function pointPlatforms(point: JsonRecord, services: ServiceIndex): { platforms: Platform[]; unknown: string[]; skipped: number } {
  const platforms: Platform[] = [];
  const unknown: string[] = [];
  let skipped = 0;
  for (const ref of textList(point.services)) {
    const hit = services.resolve(ref);
    if (hit.ok) {
      if (!platforms.includes(hit.platform)) platforms.push(hit.platform);
    } else if (hit.skipped) skipped++;
    else unknown.push(ref);
  }
  return { platforms, unknown, skipped };
}

export interface PointTexts {
  title: string;
  summary: string | null;
  clause: string | null;
  /** Which fields held HTML that was converted. */
  html: { title: boolean; summary: boolean; clause_text: boolean };
  /** The summary as written when it was dropped as boilerplate. */
  droppedSummary: string | null;
}

/** Title, summary and clause of a point as plain text. A title-less point is titled by its case. */
export function pointTexts(point: JsonRecord, caseRecord: CaseRecord, boilerplate: ReadonlySet<string>): PointTexts {
  const tosdr = (typeof point.tosdr === 'object' && point.tosdr !== null ? point.tosdr : {}) as JsonRecord;
  const rawTitle = typeof point.title === 'string' ? point.title : '';
  const rawSummary = typeof tosdr.tldr === 'string' ? tosdr.tldr : null;
  const rawClause = typeof point.quoteText === 'string' ? point.quoteText : null;
  let summary = rawSummary === null ? null : htmlToText(rawSummary);
  let droppedSummary: string | null = null;
  if (rawSummary !== null && boilerplate.has(rawSummary.trim().toLowerCase())) {
    droppedSummary = rawSummary.trim();
    summary = null;
  }
  return {
    title: inlineText(rawTitle) ?? inlineText(caseRecord.name) ?? caseRecord.name,
    summary,
    clause: rawClause === null ? null : htmlToText(rawClause),
    html: {
      title: hasMarkup(rawTitle),
      summary: summary !== null && rawSummary !== null && hasMarkup(rawSummary),
      clause_text: rawClause !== null && hasMarkup(rawClause)
    },
    droppedSummary
  };
}

/** The point's topics as listed, each once (some points list a topic twice); null when none. */
export function pointTopics(point: JsonRecord): string[] {
  return [...new Set(textList(point.topics))];
}

export function pointId(point: JsonRecord, fileStem: string): string {
  return textField(point.id) ?? fileStem;
}

/** The provision of an approved, categorised point for one of its platforms. */
export function provisionRow(args: {
  id: string;
  multi: boolean;
  platform: Platform;
  documentId: string | null;
  category: { category: string; from: 'case' | 'topic' };
  caseRecord: CaseRecord;
  topics: string[];
  texts: PointTexts;
  mappings: Mappings;
}): ProvisionRow {
  const { id, platform, caseRecord } = args;
  const rule = rateCase(args.mappings.ratings, caseRecord.rating, caseRecord.score);
  return {
    record_id: args.multi ? `${id}:${platform.platform_id}` : id,
    document_id: args.documentId,
    platform_id: platform.platform_id,
    category_id: args.category.category,
    title: args.texts.title,
    severity: rule?.severity ?? null,
    summary: args.texts.summary,
    clause_text: args.texts.clause,
    status: 'active',
    polarity: rule?.polarity ?? null,
    source_rating: caseRecord.rating,
    source_id: id,
    source_url: `${POINT_URL}${encodeURIComponent(id)}`,
    classified_by: 'analyst',
    source_case: caseRecord.name,
    source_score: caseRecord.score,
    source_topics: args.topics.length > 0 ? args.topics : null,
    category_source: args.category.from
  };
}
