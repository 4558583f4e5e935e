/**
 * The export's small tables — platforms, documents, categories and provisions (their current state) — written once
 * the history has been read, with what the import report says about them.
 */
import { join } from 'node:path';
import type { DocType } from '../../../src/lib/contract/schema';
import { JsonlWriter } from '../jsonl-writer';
import { isoTime, type Provision } from './provision-tracker';
import type { ImportReport } from './report';
import type { Rules } from './rules';
import { categoryRow, type Category } from '../taxonomy';

export interface PlatformState {
  platformId: string;
  name: string;
  trackedSince: number;
}

export interface DocumentState {
  documentId: string;
  platformId: string;
  path: string;
  termsType: string;
  docType: DocType;
  firstTracked: number;
  lastSnapshotAt: number;
  /** When the file was deleted from the repository (null while it is there). */
  removedAt: number | null;
}

export interface SmallTables {
  outDir: string;
  platforms: Iterable<PlatformState>;
  documents: Iterable<DocumentState>;
  categories: readonly Category[];
  provisions: readonly Provision[];
  rules: Rules;
  /** The time of the latest commit: what is still in the repository was current then. */
  lastCommitAt: number;
  /** https://github.com/<owner>/<collection>-versions, when known: provisions link to their file there. */
  versionsRepository: string | null;
}

export const day = (ms: number): string => isoTime(ms).slice(0, 10);

/**
 * A provision's title: its clause when that is short, else the clause cut at the end of a sentence (after at least 40
 * characters, so a lead-in such as "Training." is not the whole title) or at a word, at most 100 characters.
 */
export function provisionTitle(text: string): string {
  if (text.length <= 100) return text;
  const sentence = /^.{40,99}?[.!?](?=\s)/.exec(text);
  if (sentence) return sentence[0];
  const cut = text.slice(0, 99);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), 60))}…`;
}

function encodePath(path: string): string {
  return path.split('/').map(encodeURIComponent).join('/');
}

export function increment(map: Map<string, number>, key: string, by = 1): void {
  map.set(key, (map.get(key) ?? 0) + by);
}

export function sortedRecord(map: Map<string, number>): Record<string, number> {
  return Object.fromEntries([...map].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

type Written = Pick<ImportReport, 'categories'> & {
  documents: Pick<ImportReport['documents'], 'by_doc_type' | 'terms_types_not_in_rules' | 'removed'>;
  provisions: Pick<ImportReport['provisions'], 'total' | 'active' | 'removed' | 'by_category'> & { by_rule: Map<string, number> };
};

export async function writeSmallTables(t: SmallTables): Promise<Written> {
  const platforms = new JsonlWriter(join(t.outDir, 'platforms.jsonl'));
  for (const p of t.platforms) await platforms.write({ platform_id: p.platformId, name: p.name, tracked_since: day(p.trackedSince) });
  await platforms.close();

  const documents = new JsonlWriter(join(t.outDir, 'documents.jsonl'));
  const byDocType = new Map<string, number>();
  const unknownTypes = new Set<string>();
  const removed: ImportReport['documents']['removed'] = [];
  const paths = new Map<string, string>();
  for (const d of t.documents) {
    paths.set(d.documentId, d.path);
    increment(byDocType, d.docType);
    if (!t.rules.termsTypes.has(d.termsType)) unknownTypes.add(d.termsType);
    if (d.removedAt !== null) removed.push({ document_id: d.documentId, removed_at: isoTime(d.removedAt) });
    await documents.write({
      document_id: d.documentId,
      platform_id: d.platformId,
      title: d.termsType,
      doc_type: d.docType,
      first_tracked: isoTime(d.firstTracked),
      // Open Terms Archive records a version only when the text changes: a document still in the repository was
      // current as of the last commit; a removed one was last seen in its last version.
      last_verified: isoTime(d.removedAt === null ? t.lastCommitAt : d.lastSnapshotAt),
      repository_path: d.path,
      removed_from_repository_at: d.removedAt === null ? null : isoTime(d.removedAt)
    });
  }
  await documents.close();

  // Only the categories some rule looks for: a category nobody looked for would read as "found nowhere".
  const used = new Set(t.rules.provisions.map((r) => r.categoryId));
  const categories = new JsonlWriter(join(t.outDir, 'categories.jsonl'));
  for (const c of t.categories) {
    if (!used.has(c.id)) continue;
    await categories.write(categoryRow(c));
  }
  await categories.close();

  const provisions = new JsonlWriter(join(t.outDir, 'provisions.jsonl'));
  const byCategory = new Map<string, number>();
  const byRule = new Map<string, number>();
  let active = 0;
  for (const p of t.provisions) {
    increment(byCategory, p.categoryId);
    increment(byRule, p.rule.id);
    if (p.removedAt === null) active++;
    await provisions.write({
      record_id: p.recordId,
      document_id: p.documentId,
      platform_id: p.platformId,
      category_id: p.categoryId,
      title: provisionTitle(p.text),
      severity: p.rule.severity,
      clause_text: p.text,
      first_tracked: isoTime(p.firstTracked),
      last_verified: isoTime(p.removedAt === null ? t.lastCommitAt : p.lastSeen.time),
      status: p.removedAt === null ? 'active' : 'removed',
      removed_at: p.removedAt === null ? null : isoTime(p.removedAt),
      polarity: p.rule.polarity,
      source_url: t.versionsRepository ? `${t.versionsRepository}/blob/${p.lastSeen.commit}/${encodePath(paths.get(p.documentId)!)}` : null,
      classified_by: 'rule',
      classification_rule: p.rule.id
    });
  }
  await provisions.close();

  return {
    categories: used.size,
    documents: { by_doc_type: sortedRecord(byDocType), terms_types_not_in_rules: [...unknownTypes].sort(), removed },
    provisions: {
      total: t.provisions.length,
      active,
      removed: t.provisions.length - active,
      by_category: sortedRecord(byCategory),
      by_rule: byRule
    }
  };
}
