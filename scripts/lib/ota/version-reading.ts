/**
 * One version of a document, read: its paragraphs without page furniture, whether it is the document at all, and
 * the paragraphs the rules make provisions of. Both steps reuse what the document's previous version worked out
 * (most of a new version is the old one), which is what keeps a 1,000-version history quick to read.
 */
import type { Candidate } from './provision-tracker';
import { splitParagraphs, type BlockCache, type Paragraph } from './paragraphs';
import { classifyParagraph, findFurniture, matchPattern, type ProvisionRule, type Rules, type TextPattern } from './rules';

export interface ReadVersion {
  /** The paragraphs, page furniture left out. */
  paragraphs: Paragraph[];
  /** The furniture patterns that matched, one per paragraph left out. */
  furniture: TextPattern[];
  /** Why this version is not the document (then it is skipped), or null. */
  notTheDocument: string | null;
  /** For the next version of the same document. */
  blocks: BlockCache;
}

export const EMPTY_VERSION = 'empty: no text once Markdown and page furniture are removed';

export function readVersion(markdown: string, rules: Rules, previous: BlockCache | undefined): ReadVersion {
  const blocks: BlockCache = new Map();
  const all = splitParagraphs(markdown, previous, blocks);
  const pieces = findFurniture(rules.pageFurniture, all);
  const paragraphs = all.filter((_, i) => !pieces[i]);
  const furniture = pieces.filter((p): p is TextPattern => p !== null);
  return { paragraphs, furniture, notTheDocument: notTheDocument(paragraphs, rules), blocks };
}

/** An empty version, or one in which any source document (part) is an error page or a redirect stub. */
function notTheDocument(paragraphs: readonly Paragraph[], rules: Rules): string | null {
  if (paragraphs.length === 0) return EMPTY_VERSION;
  const parts = new Map<number, string[]>();
  for (const p of paragraphs) {
    const texts = parts.get(p.part);
    if (texts) texts.push(p.text);
    else parts.set(p.part, [p.text]);
  }
  for (const texts of parts.values()) {
    const page = matchPattern(rules.unavailablePages, texts.join(' '));
    if (page) return `unavailable page recorded instead of the terms (${page.id}): ${page.description}`;
  }
  return null;
}

export interface Candidates {
  candidates: Candidate[];
  /** The rules' verdict per paragraph text, for the next version of the same document. */
  classified: Map<string, ProvisionRule[]>;
  /** Paragraphs left out because the version already said them (same category and comparison key). */
  repeated: number;
}

/**
 * The paragraphs the rules make provisions of, one candidate per paragraph and category. A document that says the
 * same thing twice (a table repeating a cell, two copies of a section) has one provision for it, not two.
 */
export function provisionCandidates(paragraphs: readonly Paragraph[], rules: Rules, previous: Map<string, ProvisionRule[]>): Candidates {
  const candidates: Candidate[] = [];
  const classified = new Map<string, ProvisionRule[]>();
  const seen = new Set<string>();
  let repeated = 0;
  for (const p of paragraphs) {
    if (p.kind === 'heading') continue;
    const found = classified.get(p.text) ?? previous.get(p.text) ?? classifyParagraph(rules.provisions, p);
    classified.set(p.text, found);
    for (const rule of found) {
      const slot = `${rule.categoryId}\n${p.key}`;
      if (seen.has(slot)) {
        repeated++;
        continue;
      }
      seen.add(slot);
      candidates.push({ rule, text: p.text, key: p.key });
    }
  }
  return { candidates, classified, repeated };
}
