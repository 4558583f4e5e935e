/**
 * The data files that steer the ToS;DR importer — Termscope's taxonomy (data/taxonomy/categories.json) and the
 * mappings in data/mappings/tosdr/ (see its README.md) — read and checked against the contract before anything is
 * imported. Every problem names the file and the entry; the import does not start while there is one.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DOC_TYPES, POLARITIES, SEVERITIES, type DocType, type Polarity, type Severity } from '../../../src/lib/contract/schema';
import { checkTaxonomy, TAXONOMY_FILE, type Category } from '../taxonomy';
import { caseKey } from './cases';

export type { Category };

export const DEFAULT_TAXONOMY_FILE = TAXONOMY_FILE;
export const DEFAULT_MAPPINGS_DIR = fileURLToPath(new URL('../../../data/mappings/tosdr/', import.meta.url));
export const MAPPING_FILES = ['cases.json', 'topics.json', 'ratings.json', 'doc-types.json', 'cleaning.json'] as const;

export interface RatingRule {
  rating: string;
  minScore: number | null;
  severity: Severity;
  polarity: Polarity;
}

export interface DocTypeRule {
  pattern: RegExp;
  docType: DocType;
}

export interface Mappings {
  /** The taxonomy, in file order. */
  categories: Category[];
  /** Case join key → category id (null: reviewed, no category). */
  caseCategory: Map<string, string | null>;
  /** Topic (trimmed, lower case) → category id (null: too broad). */
  topicCategory: Map<string, string | null>;
  ratings: RatingRule[];
  docTypes: DocTypeRule[];
  spamMarkers: string[];
  leadingJunk: string;
  /** Lower-cased, trimmed. */
  boilerplateSummaries: Set<string>;
}

export type MappingsResult = { ok: true; mappings: Mappings } | { ok: false; problems: string[] };


type Obj = Record<string, unknown>;

function isObject(value: unknown): value is Obj {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function nonEmpty(value: unknown): value is string {
  return typeof value === 'string' && value.trim() !== '';
}

async function readJson(path: string, problems: string[]): Promise<unknown> {
  try {
    return JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    problems.push(`${path}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'missing' : (error as Error).message}`);
    return undefined;
  }
}

/** The entries of `key` in a mapping file: an array of objects, or a problem. */
function entries(path: string, file: unknown, key: string, problems: string[]): Obj[] {
  if (!isObject(file) || !Array.isArray(file[key])) {
    problems.push(`${path}: expected an object with a "${key}" array`);
    return [];
  }
  const list = file[key] as unknown[];
  return list.flatMap((entry, i) => {
    if (isObject(entry)) return [entry];
    problems.push(`${path}: ${key}[${i}] is not an object`);
    return [];
  });
}

/** A category reference of a mapping entry: null, or an id of the taxonomy. */
function categoryRef(value: unknown, ids: Set<string>, where: string, problems: string[]): string | null {
  if (value === null) return null;
  if (typeof value !== 'string' || !ids.has(value)) {
    problems.push(`${where}: category ${JSON.stringify(value)} is not an id of data/taxonomy/categories.json (or null)`);
    return null;
  }
  return value;
}

function checkCases(path: string, file: unknown, ids: Set<string>, problems: string[]): Map<string, string | null> {
  const map = new Map<string, string | null>();
  const names = new Map<string, string>();
  entries(path, file, 'cases', problems).forEach((entry, i) => {
    const where = `${path}: cases[${i}]${nonEmpty(entry.case) ? ` (${JSON.stringify(entry.case)})` : ''}`;
    if (!nonEmpty(entry.case)) return problems.push(`${where}: "case" must be the case's name`);
    const category = categoryRef(entry.category, ids, where, problems);
    if (entry.category === null && !nonEmpty(entry.note)) {
      problems.push(`${where}: a case mapped to no category needs a "note" saying why`);
    }
    const key = caseKey(entry.case);
    const other = names.get(key);
    if (other !== undefined) return problems.push(`${where}: same join key as ${JSON.stringify(other)} (ToS;DR treats them as one case)`);
    names.set(key, entry.case);
    map.set(key, category);
  });
  return map;
}

function checkTopics(path: string, file: unknown, ids: Set<string>, problems: string[]): Map<string, string | null> {
  const map = new Map<string, string | null>();
  entries(path, file, 'topics', problems).forEach((entry, i) => {
    const where = `${path}: topics[${i}]`;
    if (!nonEmpty(entry.topic)) return problems.push(`${where}: "topic" must be a topic id`);
    const key = entry.topic.trim().toLowerCase();
    if (map.has(key)) return problems.push(`${where}: topic "${entry.topic}" appears twice`);
    map.set(key, categoryRef(entry.category, ids, `${where} ("${entry.topic}")`, problems));
  });
  return map;
}

function checkRatings(path: string, file: unknown, problems: string[]): RatingRule[] {
  return entries(path, file, 'rules', problems).flatMap((entry, i) => {
    const where = `${path}: rules[${i}]`;
    const before = problems.length;
    if (!nonEmpty(entry.rating)) problems.push(`${where}: "rating" must be a ToS;DR rating such as "bad"`);
    if (!(SEVERITIES as readonly unknown[]).includes(entry.severity)) {
      problems.push(`${where}: severity ${JSON.stringify(entry.severity)} is not one of ${SEVERITIES.join(', ')}`);
    }
    if (!(POLARITIES as readonly unknown[]).includes(entry.polarity)) {
      problems.push(`${where}: polarity ${JSON.stringify(entry.polarity)} is not one of ${POLARITIES.join(', ')}`);
    }
    if (entry.min_score !== undefined && (typeof entry.min_score !== 'number' || !Number.isFinite(entry.min_score))) {
      problems.push(`${where}: min_score must be a number`);
    }
    if (problems.length > before) return [];
    return [
      {
        rating: entry.rating as string,
        minScore: typeof entry.min_score === 'number' ? entry.min_score : null,
        severity: entry.severity as Severity,
        polarity: entry.polarity as Polarity
      }
    ];
  });
}

function checkDocTypes(path: string, file: unknown, problems: string[]): DocTypeRule[] {
  return entries(path, file, 'rules', problems).flatMap((entry, i) => {
    const where = `${path}: rules[${i}]`;
    if (!(DOC_TYPES as readonly unknown[]).includes(entry.doc_type)) {
      problems.push(`${where}: doc_type ${JSON.stringify(entry.doc_type)} is not one of ${DOC_TYPES.join(', ')}`);
      return [];
    }
    if (!nonEmpty(entry.pattern)) {
      problems.push(`${where}: "pattern" must be a regular expression`);
      return [];
    }
    try {
      return [{ pattern: new RegExp(entry.pattern, 'i'), docType: entry.doc_type as DocType }];
    } catch (error) {
      problems.push(`${where}: pattern ${JSON.stringify(entry.pattern)} is not a regular expression (${(error as Error).message})`);
      return [];
    }
  });
}

function stringList(path: string, file: Obj, key: string, problems: string[], allowEmpty: boolean): string[] {
  const value = file[key];
  if (!Array.isArray(value) || !value.every((v) => typeof v === 'string' && (allowEmpty || v.trim() !== ''))) {
    problems.push(`${path}: "${key}" must be a list of${allowEmpty ? '' : ' non-empty'} strings`);
    return [];
  }
  return value as string[];
}

/** Reads and checks the taxonomy and every ToS;DR mapping file. */
export async function loadMappings(
  mappingsDir = DEFAULT_MAPPINGS_DIR,
  taxonomyFile = DEFAULT_TAXONOMY_FILE
): Promise<MappingsResult> {
  const problems: string[] = [];
  const categories = checkTaxonomy(taxonomyFile, await readJson(taxonomyFile, problems), problems);
  const ids = new Set(categories.map((c) => c.id));
  const files = Object.fromEntries(
    await Promise.all(MAPPING_FILES.map(async (name) => [name, await readJson(join(mappingsDir, name), problems)] as const))
  ) as Record<(typeof MAPPING_FILES)[number], unknown>;
  const path = (name: string) => join(mappingsDir, name);

  const caseCategory = checkCases(path('cases.json'), files['cases.json'], ids, problems);
  const topicCategory = checkTopics(path('topics.json'), files['topics.json'], ids, problems);
  const ratings = checkRatings(path('ratings.json'), files['ratings.json'], problems);
  const docTypes = checkDocTypes(path('doc-types.json'), files['doc-types.json'], problems);
  const cleaning = files['cleaning.json'];
  let spamMarkers: string[] = [];
  let leadingJunk = '';
  let boilerplate: string[] = [];
  if (!isObject(cleaning)) {
    if (cleaning !== undefined) problems.push(`${path('cleaning.json')}: expected an object`);
  } else {
    spamMarkers = stringList(path('cleaning.json'), cleaning, 'spam_name_markers', problems, false);
    boilerplate = stringList(path('cleaning.json'), cleaning, 'boilerplate_summaries', problems, true);
    if (typeof cleaning.name_leading_junk !== 'string' || /[\p{L}\p{N}]/u.test(cleaning.name_leading_junk)) {
      problems.push(`${path('cleaning.json')}: "name_leading_junk" must be a string of characters that are neither letters nor digits`);
    } else {
      leadingJunk = cleaning.name_leading_junk;
    }
  }
  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    mappings: {
      categories,
      caseCategory,
      topicCategory,
      ratings,
      docTypes,
      spamMarkers,
      leadingJunk,
      boilerplateSummaries: new Set(boilerplate.map((s) => s.trim().toLowerCase()))
    }
  };
}

/** The first rating rule that fits a case, or null (the provision is then unrated). */
export function rateCase(rules: readonly RatingRule[], rating: string | null, score: number | null): RatingRule | null {
  if (rating === null) return null;
  return rules.find((r) => r.rating === rating && (r.minScore === null || (score !== null && score >= r.minScore))) ?? null;
}

/** The doc_type of a document name: the first rule whose pattern matches, else `other`. */
export function docTypeOf(rules: readonly DocTypeRule[], name: string): DocType {
  return rules.find((r) => r.pattern.test(name))?.docType ?? 'other';
}
