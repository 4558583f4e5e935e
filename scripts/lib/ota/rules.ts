/**
 * The Open Terms Archive importer's rules, read from data/rules/ota/ (its README.md describes every file):
 * - terms-types.json: Open Terms Archive terms type → the contract's doc_type;
 * - unavailable-pages.json: texts that mean the page could not be fetched (such a version is not the document);
 * - page-furniture.json: paragraphs that belong to the web page, not to the terms (cookie banners);
 * - provisions/<category_id>.json: which paragraphs are provisions of that category;
 * - collections.json: the attribution of known collections.
 * Every file is checked when loaded: a bad regular expression, an unknown category or a duplicate id is an error
 * that names the file, the rule and the field.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DOC_TYPES, POLARITIES, SEVERITIES, type DocType, type Polarity, type Severity } from '../../../src/lib/contract/schema';
import { foldTypography } from './comparison-key';
import type { Paragraph } from './paragraphs';
import { splitSentences } from './sentences';

export interface TextPattern {
  id: string;
  description: string;
  pattern: RegExp;
  /** Only texts up to this long can match: these patterns recognise short boilerplate, never a long text. */
  maxChars: number;
  /** Page furniture only: the paragraph must be next to one that a pattern without this flag matched. */
  onlyBesideFurniture: boolean;
}

export interface ProvisionRule {
  id: string;
  categoryId: string;
  description: string;
  all: RegExp[];
  any: RegExp[];
  none: RegExp[];
  minWords: number;
  /** 'sentence': all of `all`/`any`/`none` must hold within one sentence; 'paragraph': anywhere in the paragraph. */
  scope: 'sentence' | 'paragraph';
  severity: Severity | null;
  polarity: Polarity | null;
  /** The file the rule comes from, relative to the rules folder. */
  file: string;
}

export interface Rules {
  termsTypes: Map<string, DocType>;
  defaultDocType: DocType;
  unavailablePages: TextPattern[];
  pageFurniture: TextPattern[];
  /** In file-name order, then in file order: for each category, the first rule that matches classifies. */
  provisions: ProvisionRule[];
  /** The attribution to show for a collection. */
  attribution(collection: string): string;
}

/** A paragraph shorter than this is a heading, a label or a fragment, never a provision (a rule may ask for more). */
export const DEFAULT_MIN_WORDS = 8;

export class RuleError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RuleError';
  }
}

type Json = Record<string, unknown>;

function readJson(path: string): Json {
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new RuleError(`${path}: ${(error as Error).message}`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new RuleError(`${path}: expected a JSON object`);
  return value as Json;
}

function text(where: string, record: Json, field: string, required = true): string {
  const value = record[field];
  if (value === undefined && !required) return '';
  if (typeof value !== 'string' || value.trim() === '') throw new RuleError(`${where}: "${field}" must be a non-empty string`);
  return value;
}

function regex(where: string, source: unknown): RegExp {
  if (typeof source !== 'string' || source === '') throw new RuleError(`${where}: must be a non-empty string (a regular expression)`);
  try {
    // Case-insensitive and Unicode-aware; the text they read has its typography folded (comparison-key.ts).
    return new RegExp(source, 'iu');
  } catch (error) {
    throw new RuleError(`${where}: not a valid regular expression (${(error as Error).message})`);
  }
}

function regexList(where: string, record: Json, field: string): RegExp[] {
  const value = record[field];
  if (value === undefined) return [];
  if (!Array.isArray(value)) throw new RuleError(`${where}: "${field}" must be a list of regular expressions`);
  return value.map((source, i) => regex(`${where}: "${field}"[${i}]`, source));
}

function oneOf<T extends string>(where: string, record: Json, field: string, allowed: readonly T[]): T | null {
  const value = record[field];
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    throw new RuleError(`${where}: "${field}" ${JSON.stringify(value)} is not one of ${allowed.join(', ')} (or null)`);
  }
  return value as T;
}

function readPatterns(dir: string, file: string): TextPattern[] {
  const path = join(dir, file);
  const json = readJson(path);
  if (!Array.isArray(json.patterns)) throw new RuleError(`${path}: "patterns" must be a list`);
  const ids = new Set<string>();
  return json.patterns.map((item: unknown, i) => {
    const where = `${path}: pattern ${i + 1}`;
    if (typeof item !== 'object' || item === null) throw new RuleError(`${where}: expected an object`);
    const record = item as Json;
    const id = text(where, record, 'id');
    if (ids.has(id)) throw new RuleError(`${where}: id "${id}" appears twice`);
    ids.add(id);
    const maxChars = record.max_chars;
    if (typeof maxChars !== 'number' || !Number.isInteger(maxChars) || maxChars <= 0) {
      throw new RuleError(`${where} ("${id}"): "max_chars" must be a positive integer`);
    }
    const beside = record.only_beside_furniture ?? false;
    if (typeof beside !== 'boolean') throw new RuleError(`${where} ("${id}"): "only_beside_furniture" must be true or false`);
    return {
      id,
      description: text(where, record, 'description'),
      pattern: regex(`${where} ("${id}"): "pattern"`, record.pattern),
      maxChars,
      onlyBesideFurniture: beside
    };
  });
}

function readTermsTypes(dir: string): Pick<Rules, 'termsTypes' | 'defaultDocType'> {
  const path = join(dir, 'terms-types.json');
  const json = readJson(path);
  const check = (where: string, value: unknown): DocType => {
    if (typeof value !== 'string' || !(DOC_TYPES as readonly string[]).includes(value)) {
      throw new RuleError(`${path}: ${where}: ${JSON.stringify(value)} is not one of ${DOC_TYPES.join(', ')}`);
    }
    return value as DocType;
  };
  const defaultDocType = check('"default"', json.default);
  if (typeof json.types !== 'object' || json.types === null || Array.isArray(json.types)) throw new RuleError(`${path}: "types" must be an object`);
  const termsTypes = new Map<string, DocType>();
  for (const [name, docType] of Object.entries(json.types as Json)) termsTypes.set(name, check(`"types"."${name}"`, docType));
  return { termsTypes, defaultDocType };
}

function readProvisionRules(dir: string, categoryIds: ReadonlySet<string>, ids: Set<string>): ProvisionRule[] {
  const folder = join(dir, 'provisions');
  const files = readdirSync(folder)
    .filter((f) => f.endsWith('.json'))
    .sort();
  const rules: ProvisionRule[] = [];
  for (const file of files) {
    const path = join(folder, file);
    const json = readJson(path);
    const categoryId = text(path, json, 'category_id');
    if (`${categoryId}.json` !== file) throw new RuleError(`${path}: "category_id" is "${categoryId}"; the file must be named ${categoryId}.json`);
    if (!categoryIds.has(categoryId)) throw new RuleError(`${path}: category "${categoryId}" is not in data/taxonomy/categories.json`);
    if (!Array.isArray(json.rules) || json.rules.length === 0) throw new RuleError(`${path}: "rules" must be a non-empty list`);
    json.rules.forEach((item: unknown, i) => {
      const where = `${path}: rule ${i + 1}`;
      if (typeof item !== 'object' || item === null || Array.isArray(item)) throw new RuleError(`${where}: expected an object`);
      const record = item as Json;
      const id = text(where, record, 'id');
      const named = `${where} ("${id}")`;
      if (!id.startsWith(`${categoryId}/`)) throw new RuleError(`${named}: ids start with the category, "${categoryId}/…"`);
      if (ids.has(id)) throw new RuleError(`${named}: id appears twice`);
      ids.add(id);
      const all = regexList(named, record, 'all');
      const any = regexList(named, record, 'any');
      if (all.length === 0 && any.length === 0) throw new RuleError(`${named}: needs "all" or "any" patterns`);
      const minWords = record.min_words ?? DEFAULT_MIN_WORDS;
      if (typeof minWords !== 'number' || !Number.isInteger(minWords) || minWords < 1) throw new RuleError(`${named}: "min_words" must be a positive integer`);
      const scope = record.scope ?? 'paragraph';
      if (scope !== 'sentence' && scope !== 'paragraph') throw new RuleError(`${named}: "scope" must be "sentence" or "paragraph"`);
      const known = new Set(['id', 'description', 'all', 'any', 'none', 'min_words', 'scope', 'severity', 'polarity']);
      const unknown = Object.keys(record).filter((k) => !known.has(k));
      if (unknown.length > 0) throw new RuleError(`${named}: unknown field ${unknown.map((k) => `"${k}"`).join(', ')} (known: ${[...known].join(', ')})`);
      rules.push({
        id,
        categoryId,
        description: text(named, record, 'description'),
        all,
        any,
        none: regexList(named, record, 'none'),
        minWords,
        scope,
        severity: oneOf(named, record, 'severity', SEVERITIES),
        polarity: oneOf(named, record, 'polarity', POLARITIES),
        file: `provisions/${file}`
      });
    });
  }
  return rules;
}

function readCollections(dir: string): Rules['attribution'] {
  const path = join(dir, 'collections.json');
  const json = readJson(path);
  const fallback = text(path, json, 'default_attribution');
  if (typeof json.collections !== 'object' || json.collections === null || Array.isArray(json.collections)) {
    throw new RuleError(`${path}: "collections" must be an object`);
  }
  const known = new Map<string, string>();
  for (const [name, value] of Object.entries(json.collections as Json)) {
    if (typeof value !== 'object' || value === null) throw new RuleError(`${path}: "collections"."${name}" must be an object`);
    known.set(name, text(`${path}: "collections"."${name}"`, value as Json, 'attribution'));
  }
  return (collection) => known.get(collection) ?? fallback.replaceAll('{collection}', collection);
}

export function loadRules(dir: string, categoryIds: ReadonlySet<string>): Rules {
  return {
    attribution: readCollections(dir),
    ...readTermsTypes(dir),
    unavailablePages: readPatterns(dir, 'unavailable-pages.json'),
    pageFurniture: readPatterns(dir, 'page-furniture.json'),
    provisions: readProvisionRules(dir, categoryIds, new Set())
  };
}

/**
 * Page furniture among a version's paragraphs: for each paragraph, the pattern that makes it furniture, or null.
 * Headings are never furniture; a pattern marked only_beside_furniture needs a neighbour matched by another pattern.
 */
export function findFurniture(patterns: readonly TextPattern[], paragraphs: readonly Paragraph[]): (TextPattern | null)[] {
  const plain = patterns.filter((p) => !p.onlyBesideFurniture);
  const beside = patterns.filter((p) => p.onlyBesideFurniture);
  const found = paragraphs.map((p) => (p.kind === 'heading' ? null : matchPattern(plain, p.text)));
  return found.map((f, i) => {
    if (f || beside.length === 0 || paragraphs[i]!.kind === 'heading') return f;
    return found[i - 1] || found[i + 1] ? matchPattern(beside, paragraphs[i]!.text) : null;
  });
}

/** The first pattern that the whole of `text` matches (texts longer than its max_chars never do). */
export function matchPattern(patterns: readonly TextPattern[], text: string): TextPattern | null {
  // Folding never more than halves a text (it collapses whitespace that inlineText already collapsed): a text twice
  // as long as every pattern's limit cannot match, and most paragraphs are, so they are not folded at all.
  if (patterns.every((p) => text.length > 2 * p.maxChars)) return null;
  const folded = foldTypography(text);
  return patterns.find((p) => folded.length <= p.maxChars && p.pattern.test(folded)) ?? null;
}

function wordCount(text: string): number {
  return text.split(' ').filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
}

function patternsHold(rule: ProvisionRule, text: string): boolean {
  return (
    rule.all.every((r) => r.test(text)) &&
    (rule.any.length === 0 || rule.any.some((r) => r.test(text))) &&
    !rule.none.some((r) => r.test(text))
  );
}

/** Whether `rule` classifies a paragraph whose folded text is `folded` (`sentences`: its sentences, computed once). */
export function ruleMatches(rule: ProvisionRule, folded: string, words: number, sentences: () => string[]): boolean {
  if (words < rule.minWords) return false;
  return rule.scope === 'sentence' ? sentences().some((s) => patternsHold(rule, s)) : patternsHold(rule, folded);
}

/** For each category, the first rule that classifies the paragraph; headings are never provisions. */
export function classifyParagraph(rules: readonly ProvisionRule[], paragraph: Paragraph): ProvisionRule[] {
  if (paragraph.kind === 'heading') return [];
  const folded = foldTypography(paragraph.text);
  const words = wordCount(folded);
  let split: string[] | null = null;
  const sentences = (): string[] => (split ??= splitSentences(folded));
  const found = new Map<string, ProvisionRule>();
  for (const rule of rules) {
    if (!found.has(rule.categoryId) && ruleMatches(rule, folded, words, sentences)) found.set(rule.categoryId, rule);
  }
  return [...found.values()];
}
