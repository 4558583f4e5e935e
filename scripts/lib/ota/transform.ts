/**
 * An Open Terms Archive versions repository → the export builder's input (`<table>.jsonl` + `source.json`).
 *
 * The history is read once, oldest commit first, from `git log` (commits and the files they change) and
 * `git cat-file --batch` (one version's text at a time). Per document only what the next version is compared with
 * is kept: the fingerprint of its last snapshot, the provisions in force, and the version waiting to take effect.
 *
 * A version is one file added or modified by a commit. It becomes a snapshot unless it is not the document (an error
 * page or redirect recorded instead of the terms, or no text at all). Its paragraphs (paragraphs.ts), without page
 * furniture, give its fingerprint (changed = the fingerprint differs from the previous snapshot's) and, through the
 * rules, the candidate provisions that provision-tracker.ts follows from version to version. A version takes effect
 * at its commit's time; when the next version of the same document is recorded at the same instant (or earlier),
 * the next one supersedes it, so no provision version lasts no time at all.
 */
import { writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { DocType } from '../../../src/lib/contract/schema';
import { collectionFromLink, parseCommitMessage } from './commit-message';
import { fingerprint } from './comparison-key';
import { classifyPath, SlugRegistry } from './document-paths';
import { BlobReader } from './git-blobs';
import { readCommits } from './git-commits';
import { JsonlWriter } from './jsonl-writer';
import { splitParagraphs, type BlockCache, type Paragraph } from './paragraphs';
import { isoTime, ProvisionTracker, sha256, type Candidate, type VersionRow, type VersionSource } from './provision-tracker';
import type { ImportReport } from './report';
import { classifyParagraph, findFurniture, matchPattern, type ProvisionRule, type Rules } from './rules';
import type { Category } from './taxonomy';

export const SOURCE_URL = 'https://opentermsarchive.org';
export const LICENCE = 'ODC-BY-1.0';

export interface TransformOptions {
  rules: Rules;
  categories: readonly Category[];
  /** The collection's name; default: read from the snapshot links, else the folder name without "-versions". */
  collection?: string;
  /** Overrides the attribution of data/rules/ota/collections.json. */
  attribution?: string;
}

export interface TransformResult {
  report: ImportReport;
  /** The time of the latest commit (generated_at) and its day (data_as_of). */
  generatedAt: string;
  dataAsOf: string;
  source: { name: string; licence: string; attribution: string; url: string };
}

export class OtaInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OtaInputError';
  }
}

interface Pending {
  at: VersionSource;
  fingerprint: string;
  candidates: Candidate[];
}

interface DocumentState {
  documentId: string;
  platformId: string;
  path: string;
  termsType: string;
  docType: DocType;
  firstTracked: number;
  lastSnapshotAt: number;
  /**
   * The rules' verdict on each paragraph of the last snapshot, by plain text: most paragraphs of the next version
   * are the same, and classifying is the import's most expensive step.
   */
  classified: Map<string, ProvisionRule[]>;
  /** Fingerprint of the last snapshot (for `changed`) and of the last version applied to the provisions. */
  lastFingerprint: string | null;
  appliedFingerprint: string | null;
  pending: Pending | null;
  removedAt: number | null;
}

interface PlatformState {
  platformId: string;
  name: string;
  trackedSince: number;
}

const day = (ms: number): string => isoTime(ms).slice(0, 10);

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

function increment(map: Map<string, number>, key: string, by = 1): void {
  map.set(key, (map.get(key) ?? 0) + by);
}

function sortedRecord(map: Map<string, number>): Record<string, number> {
  return Object.fromEntries([...map].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

export async function transformOta(repoDir: string, outDir: string, options: TransformOptions): Promise<TransformResult> {
  const { rules } = options;
  const writers = {
    snapshots: new JsonlWriter(join(outDir, 'snapshots.jsonl')),
    versions: new JsonlWriter(join(outDir, 'provision_versions.jsonl'))
  };
  const emitted: VersionRow[] = [];
  const tracker = new ProvisionTracker((row) => emitted.push(row));
  const byChangeKind = new Map<string, number>();
  const versionsByRule = new Map<string, number>();
  const drain = async (): Promise<void> => {
    for (const row of emitted.splice(0)) {
      increment(byChangeKind, row.change_kind);
      increment(versionsByRule, row.classification_rule);
      await writers.versions.write(row);
    }
  };

  const platforms = new Map<string, PlatformState>();
  const platformIds = new SlugRegistry();
  const documentSlugs = new Map<string, SlugRegistry>();
  const documents = new Map<string, DocumentState>();
  const inRepository = new Set<string>();
  /** Per path, the blocks of its last snapshot, so the next version does not convert them again (paragraphs.ts). */
  const blockCaches = new Map<string, BlockCache>();
  const notDocuments = new Map<string, { reason: string; commits: number }>();
  const kinds = new Map<string, number>();
  const skipped = new Map<string, number>();
  const furniture = new Map<string, number>();
  const withoutVersion: ImportReport['commits']['without_document_version'] = [];
  const refusedLinks = new Set<string>();
  const counts = { commits: 0, read: 0, snapshots: 0, first: 0, changed: 0, formattingOnly: 0, superseded: 0, withoutLink: 0, repeated: 0 };
  let linked: { owner: string; collection: string } | null = null;
  let head = '';
  let firstCommitAt = Infinity;
  let lastCommitAt = -Infinity;

  const flush = async (doc: DocumentState): Promise<void> => {
    const p = doc.pending;
    if (!p) return;
    doc.pending = null;
    if (p.fingerprint === doc.appliedFingerprint) {
      tracker.confirm(doc.documentId, p.at);
      return;
    }
    tracker.apply(doc.documentId, doc.platformId, p.at, p.candidates);
    doc.appliedFingerprint = p.fingerprint;
    await drain();
  };

  /** Queues a version to take effect; the one before it takes effect now unless this one supersedes it. */
  const queue = async (doc: DocumentState, next: Pending): Promise<void> => {
    if (doc.pending && next.at.time <= doc.pending.at.time) {
      counts.superseded++;
      doc.pending = { ...next, at: { ...next.at, time: doc.pending.at.time } };
      return;
    }
    await flush(doc);
    doc.pending = next;
  };

  const removeDocument = async (doc: DocumentState, time: number): Promise<void> => {
    let effective = time;
    if (doc.pending && time <= doc.pending.at.time) {
      // Deleted at the instant its last version was recorded: that version never took effect.
      counts.superseded++;
      effective = doc.pending.at.time;
      doc.pending = null;
    }
    await flush(doc);
    tracker.removeAll(doc.documentId, effective);
    await drain();
    doc.appliedFingerprint = null;
    doc.removedAt = time;
  };

  const documentFor = (service: string, termsType: string, path: string, time: number): DocumentState => {
    let doc = documents.get(path);
    if (doc) return doc;
    let platform = platforms.get(service);
    if (!platform) {
      platform = { platformId: platformIds.get(service), name: service, trackedSince: time };
      platforms.set(service, platform);
    }
    let slugs = documentSlugs.get(service);
    if (!slugs) documentSlugs.set(service, (slugs = new SlugRegistry()));
    doc = {
      documentId: `${platform.platformId}/${slugs.get(termsType)}`,
      platformId: platform.platformId,
      path,
      termsType,
      docType: rules.termsTypes.get(termsType) ?? rules.defaultDocType,
      firstTracked: time,
      lastSnapshotAt: time,
      lastFingerprint: null,
      appliedFingerprint: null,
      pending: null,
      removedAt: null,
      classified: new Map()
    };
    documents.set(path, doc);
    return doc;
  };

  /** Why a version is not the document, or null when it is. */
  const notTheDocument = (paragraphs: readonly Paragraph[]): string | null => {
    if (paragraphs.length === 0) return 'empty: no text once Markdown and page furniture are removed';
    const parts = new Map<number, string[]>();
    for (const p of paragraphs) parts.set(p.part, [...(parts.get(p.part) ?? []), p.text]);
    for (const texts of parts.values()) {
      const page = matchPattern(rules.unavailablePages, texts.join(' '));
      if (page) return `unavailable page recorded instead of the terms (${page.id}): ${page.description}`;
    }
    return null;
  };

  const blobs = new BlobReader(repoDir);
  try {
    for await (const commit of readCommits(repoDir)) {
      counts.commits++;
      head = commit.sha;
      const time = commit.time * 1000;
      firstCommitAt = Math.min(firstCommitAt, time);
      lastCommitAt = Math.max(lastCommitAt, time);
      const info = parseCommitMessage(commit.message);
      increment(kinds, info.kind);
      for (const link of info.badLinks) refusedLinks.add(link);
      linked ??= info.links.map(collectionFromLink).find((c) => c !== null) ?? null;
      let versions = 0;
      let deleted = 0;
      let other = 0;
      for (const change of commit.changes) {
        const kind = classifyPath(change.path, change.blob === null ? null : change.mode);
        if (!kind.document) {
          other++;
          const seen = notDocuments.get(change.path);
          if (seen) seen.commits++;
          else notDocuments.set(change.path, { reason: kind.reason, commits: 1 });
          continue;
        }
        if (change.blob === null) {
          deleted++;
          inRepository.delete(change.path);
          const doc = documents.get(change.path);
          if (doc) await removeDocument(doc, time);
          continue;
        }
        inRepository.add(change.path);
        versions++;
        counts.read++;
        const bytes = await blobs.read(change.blob);
        const blocks: BlockCache = new Map();
        const all = splitParagraphs(bytes.toString('utf8'), blockCaches.get(change.path), blocks);
        const pieces = findFurniture(rules.pageFurniture, all);
        const paragraphs = all.filter((_, i) => !pieces[i]);
        const reason = notTheDocument(paragraphs);
        if (reason) {
          increment(skipped, reason);
          continue;
        }
        blockCaches.set(change.path, blocks);
        for (const piece of pieces) if (piece) increment(furniture, piece.id);
        const doc = documentFor(kind.service, kind.termsType, change.path, time);
        if (doc.removedAt !== null) doc.removedAt = null;
        const print = fingerprint(paragraphs.map((p) => p.key));
        const changed = doc.lastFingerprint === null ? null : print !== doc.lastFingerprint;
        const snapshotId = `${commit.sha}/${doc.documentId}`;
        if (changed === null) counts.first++;
        else if (changed) counts.changed++;
        else counts.formattingOnly++;
        if (info.links.length === 0) counts.withoutLink++;
        counts.snapshots++;
        await writers.snapshots.write({
          snapshot_id: snapshotId,
          document_id: doc.documentId,
          captured_at: isoTime(time),
          sha256: sha256(bytes),
          archive_url: info.links[0] ?? null,
          changed,
          snapshot_links: info.links.length > 0 ? info.links : null,
          commit: commit.sha,
          record_kind: info.kind,
          engine_version: info.engineVersion
        });
        doc.lastFingerprint = print;
        doc.lastSnapshotAt = Math.max(doc.lastSnapshotAt, time);
        const candidates: Candidate[] = [];
        const classified = new Map<string, ProvisionRule[]>();
        // A document that says the same thing twice (a table repeating a cell, two copies of a section) has one
        // provision for it, not two.
        const seen = new Set<string>();
        for (const p of paragraphs) {
          if (p.kind === 'heading') continue;
          const found = classified.get(p.text) ?? doc.classified.get(p.text) ?? classifyParagraph(rules.provisions, p);
          classified.set(p.text, found);
          for (const rule of found) {
            const slot = `${rule.categoryId}\n${p.key}`;
            if (seen.has(slot)) {
              counts.repeated++;
              continue;
            }
            seen.add(slot);
            candidates.push({ rule, text: p.text, key: p.key });
          }
        }
        doc.classified = classified;
        await queue(doc, { at: { time, snapshotId, commit: commit.sha }, fingerprint: print, candidates });
      }
      if (versions === 0) withoutVersion.push({ commit: commit.sha, subject: info.subject, documents_deleted: deleted, other_files: other });
    }
  } finally {
    blobs.close();
  }
  if (counts.commits === 0) throw new OtaInputError(`${repoDir}: the repository has no commits`);
  if (documents.size === 0) {
    throw new OtaInputError(`${repoDir}: no document versions found (an Open Terms Archive versions repository holds <service>/<terms type>.md files)`);
  }
  for (const doc of documents.values()) await flush(doc);
  const provisions = tracker.finish();
  await drain();
  await writers.snapshots.close();
  await writers.versions.close();

  const generatedAt = isoTime(lastCommitAt);
  const dataAsOf = day(lastCommitAt);
  const collection = options.collection ?? linked?.collection ?? basename(repoDir).replace(/-versions$/, '');
  const versionsRepository = linked && linked.collection === collection ? `https://github.com/${linked.owner}/${collection}-versions` : null;
  const source = {
    name: `Open Terms Archive — ${collection}`,
    licence: LICENCE,
    attribution: options.attribution ?? rules.attribution(collection),
    url: SOURCE_URL
  };

  // The small tables: written once the history is read.
  const platformsOut = new JsonlWriter(join(outDir, 'platforms.jsonl'));
  for (const p of platforms.values()) {
    await platformsOut.write({ platform_id: p.platformId, name: p.name, tracked_since: day(p.trackedSince) });
  }
  await platformsOut.close();

  const documentsOut = new JsonlWriter(join(outDir, 'documents.jsonl'));
  const byDocType = new Map<string, number>();
  const unknownTypes = new Set<string>();
  const removedDocuments: ImportReport['documents']['removed'] = [];
  for (const d of documents.values()) {
    increment(byDocType, d.docType);
    if (!rules.termsTypes.has(d.termsType)) unknownTypes.add(d.termsType);
    if (d.removedAt !== null) removedDocuments.push({ document_id: d.documentId, removed_at: isoTime(d.removedAt) });
    await documentsOut.write({
      document_id: d.documentId,
      platform_id: d.platformId,
      title: d.termsType,
      doc_type: d.docType,
      first_tracked: isoTime(d.firstTracked),
      // Open Terms Archive records a version only when the text changes: a document still in the repository was
      // current as of the last commit; a removed one was last seen in its last version.
      last_verified: isoTime(d.removedAt === null ? lastCommitAt : d.lastSnapshotAt),
      repository_path: d.path,
      removed_from_repository_at: d.removedAt === null ? null : isoTime(d.removedAt)
    });
  }
  await documentsOut.close();

  const usedCategories = new Set(rules.provisions.map((r) => r.categoryId));
  const categoriesOut = new JsonlWriter(join(outDir, 'categories.jsonl'));
  for (const c of options.categories) {
    if (!usedCategories.has(c.id)) continue;
    await categoriesOut.write({
      category_id: c.id,
      name: c.name,
      group_name: c.group,
      description: c.description,
      short_label: c.short_label,
      question: c.question
    });
  }
  await categoriesOut.close();

  const byCategory = new Map<string, number>();
  const byRule = new Map<string, { provisions: number; versions: number }>(rules.provisions.map((r) => [r.id, { provisions: 0, versions: 0 }]));
  const provisionsOut = new JsonlWriter(join(outDir, 'provisions.jsonl'));
  const documentPaths = new Map([...documents.values()].map((d) => [d.documentId, d.path]));
  let active = 0;
  for (const p of provisions) {
    increment(byCategory, p.categoryId);
    byRule.get(p.rule.id)!.provisions++;
    if (p.removedAt === null) active++;
    await provisionsOut.write({
      record_id: p.recordId,
      document_id: p.documentId,
      platform_id: p.platformId,
      category_id: p.categoryId,
      title: provisionTitle(p.text),
      severity: p.rule.severity,
      clause_text: p.text,
      first_tracked: isoTime(p.firstTracked),
      last_verified: isoTime(p.removedAt === null ? lastCommitAt : p.lastSeen.time),
      status: p.removedAt === null ? 'active' : 'removed',
      removed_at: p.removedAt === null ? null : isoTime(p.removedAt),
      polarity: p.rule.polarity,
      source_url: versionsRepository ? `${versionsRepository}/blob/${p.lastSeen.commit}/${encodePath(documentPaths.get(p.documentId)!)}` : null,
      classified_by: 'rule',
      classification_rule: p.rule.id
    });
  }
  await provisionsOut.close();
  await writeFile(join(outDir, 'source.json'), `${JSON.stringify({ ...source, data_as_of: dataAsOf }, null, 2)}\n`);

  for (const [rule, n] of versionsByRule) byRule.get(rule)!.versions = n;

  const report: ImportReport = {
    source: {
      collection,
      versions_repository: versionsRepository,
      head_commit: head,
      first_commit_at: isoTime(firstCommitAt),
      last_commit_at: generatedAt,
      data_as_of: dataAsOf
    },
    commits: { total: counts.commits, by_kind: sortedRecord(kinds), without_document_version: withoutVersion },
    files_not_documents: [...notDocuments]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([path, f]) => ({ path, reason: f.reason, commits: f.commits })),
    versions: {
      read: counts.read,
      snapshots: counts.snapshots,
      first_of_document: counts.first,
      changed: counts.changed,
      formatting_only: counts.formattingOnly,
      skipped: [...skipped].sort(([a], [b]) => (a < b ? -1 : 1)).map(([reason, count]) => ({ reason, count })),
      superseded_at_same_instant: counts.superseded,
      without_snapshot_link: counts.withoutLink,
      refused_links: [...refusedLinks].sort()
    },
    page_furniture: sortedRecord(furniture),
    platforms: platforms.size,
    documents: {
      total: documents.size,
      in_repository_at_head: [...documents.values()].filter((d) => inRepository.has(d.path)).length,
      by_doc_type: sortedRecord(byDocType),
      terms_types_not_in_rules: [...unknownTypes].sort(),
      removed: removedDocuments
    },
    categories: usedCategories.size,
    provisions: {
      total: provisions.length,
      active,
      removed: provisions.length - active,
      by_category: sortedRecord(byCategory),
      by_rule: Object.fromEntries(byRule),
      rules_without_match: [...byRule].filter(([, n]) => n.versions === 0).map(([id]) => id),
      repeated_paragraphs: counts.repeated
    },
    provision_versions: {
      total: writers.versions.rows,
      by_change_kind: sortedRecord(byChangeKind),
      reinstated: tracker.counts.reinstated,
      removals: tracker.counts.removed
    }
  };
  return { report, generatedAt, dataAsOf, source };
}
