/**
 * Documents of ToS;DR services, known only by the names points quote them from (`quoteDoc`): one document per
 * platform and name. Names are compared without case, spacing, punctuation or a trailing ".txt" ("Privacy policy",
 * "Privacy Policy" and "Privacy Policy.txt" are one document); the title is the spelling most points use. The
 * registry holds one small entry per document (a few thousand in the full dump), never the points.
 */
import { DOC_TYPES } from '../../../src/lib/contract/schema';
import { docTypeOf, type DocTypeRule } from './mappings';
import { compareText, Tally, type ImportReport } from './report';
import type { Platform } from './services';
import { cleanWebsite } from './websites';
import { inlineText } from './html-text';

/** The identity of a document name within a platform: lower case, ".txt" dropped, runs of other characters as "-". */
export function documentSlug(name: string): string {
  return name
    .trim()
    .replace(/\.txt$/i, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '');
}

interface DocumentEntry {
  document_id: string;
  platform: Platform;
  spellings: Tally;
}

export interface DocumentRow {
  document_id: string;
  platform_id: string;
  title: string;
  doc_type: string;
  source_url: string | null;
}

export class DocumentRegistry {
  private docs = new Map<string, DocumentEntry>();

  /** The document a point quotes, registering it on first sight; null when the point names none. */
  documentFor(platform: Platform, quoteDoc: unknown): string | null {
    if (typeof quoteDoc !== 'string') return null;
    const name = inlineText(quoteDoc);
    if (name === null) return null;
    const slug = documentSlug(name);
    if (slug === '') return null;
    const id = `${platform.platform_id}:${slug}`;
    let entry = this.docs.get(id);
    if (!entry) {
      entry = { document_id: id, platform, spellings: new Tally() };
      this.docs.set(id, entry);
    }
    entry.spellings.add(name);
    return id;
  }

  /** Every document, ordered by id, with its title, type and link; merged spellings and junk links go to the report. */
  rows(rules: readonly DocTypeRule[], report: ImportReport): DocumentRow[] {
    const types = new Tally();
    const rows: DocumentRow[] = [];
    for (const entry of [...this.docs.values()].sort((a, b) => compareText(a.document_id, b.document_id))) {
      const spellings = entry.spellings.list();
      const title = spellings[0]!.name;
      if (spellings.length > 1) {
        report.documents.merged_names.push({ document_id: entry.document_id, names: spellings.map((s) => s.name) });
      }
      const docType = docTypeOf(rules, title);
      types.add(docType);
      const slug = documentSlug(title);
      let sourceUrl: string | null = null;
      for (const link of entry.platform.documentLinks) {
        if (documentSlug(link.name) !== slug) continue;
        const url = cleanWebsite(link.url);
        if (url.ok && /^https?:\/\//i.test(link.url.trim())) {
          sourceUrl = url.url;
          break;
        }
        report.documents.junk_urls.push({ document_id: entry.document_id, value: link.url });
      }
      if (sourceUrl !== null) report.documents.with_source_url++;
      const platformId = entry.platform.platform_id;
      rows.push({ document_id: entry.document_id, platform_id: platformId, title, doc_type: docType, source_url: sourceUrl });
    }
    report.documents.by_doc_type = types.record(DOC_TYPES);
    return rows;
  }

  get size(): number {
    return this.docs.size;
  }
}
