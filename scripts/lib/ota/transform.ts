/**
 * An Open Terms Archive versions repository → the export builder's input (`<table>.jsonl` + `source.json`).
 *
 * The history is read once, oldest commit first, from `git log` (commits and the files they change) and
 * `git cat-file --batch` (one version's text at a time). Per document only what the next version is compared with
 * is kept: the fingerprint of its last snapshot, the provisions in force and the version waiting to take effect.
 *
 * A version is one file added or modified by a commit. It becomes a snapshot unless it is not the document (an error
 * page or redirect recorded instead of the terms, or no text at all). Its paragraphs without page furniture
 * (version-reading.ts) give its fingerprint — `changed` is whether it differs from the previous snapshot's — and,
 * through the rules, the candidate provisions that document-timeline.ts and provision-tracker.ts follow from version
 * to version. Snapshots and provision versions are written as they come; the small tables at the end.
 */
import { writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { collectionFromLink, parseCommitMessage } from './commit-message';
import { fingerprint } from './comparison-key';
import { classifyPath, SlugRegistry } from './document-paths';
import { DocumentTimelines } from './document-timeline';
import { BlobReader } from './git-blobs';
import { readCommits } from './git-commits';
import { JsonlWriter } from '../jsonl-writer';
import type { BlockCache } from './paragraphs';
import { isoTime, sha256 } from './provision-tracker';
import type { ImportReport } from './report';
import type { ProvisionRule, Rules } from './rules';
import { day, increment, sortedRecord, writeSmallTables, type DocumentState, type PlatformState } from './small-tables';
import type { Category } from '../taxonomy';
import { provisionCandidates, readVersion } from './version-reading';

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

/** What the next version of a document is compared with. */
interface DocumentMemory {
  /** Fingerprint of the last snapshot, for `changed`. */
  fingerprint: string | null;
  /** The rules' verdict on the paragraphs of the last snapshot (classifying is the most expensive step). */
  classified: Map<string, ProvisionRule[]>;
}

export async function transformOta(repoDir: string, outDir: string, options: TransformOptions): Promise<TransformResult> {
  const { rules } = options;
  const snapshots = new JsonlWriter(join(outDir, 'snapshots.jsonl'));
  const versions = new JsonlWriter(join(outDir, 'provision_versions.jsonl'));
  const byChangeKind = new Map<string, number>();
  const versionsByRule = new Map<string, number>();
  const timelines = new DocumentTimelines(async (row) => {
    increment(byChangeKind, row.change_kind);
    increment(versionsByRule, row.classification_rule);
    await versions.write(row);
  });

  const platforms = new Map<string, PlatformState>();
  const platformIds = new SlugRegistry();
  const documentSlugs = new Map<string, SlugRegistry>();
  const documents = new Map<string, DocumentState>();
  const memory = new Map<string, DocumentMemory>();
  const inRepository = new Set<string>();
  /** Per path, the blocks of its last snapshot, so the next version does not convert them again (paragraphs.ts). */
  const blockCaches = new Map<string, BlockCache>();
  const notDocuments = new Map<string, { reason: string; commits: number }>();
  const kinds = new Map<string, number>();
  const skipped = new Map<string, number>();
  const furniture = new Map<string, number>();
  const withoutVersion: ImportReport['commits']['without_document_version'] = [];
  const refusedLinks = new Set<string>();
  const counts = { commits: 0, read: 0, snapshots: 0, first: 0, changed: 0, formattingOnly: 0, withoutLink: 0, repeated: 0 };
  let linked: { owner: string; collection: string } | null = null;
  let head = '';
  let firstCommitAt = Infinity;
  let lastCommitAt = -Infinity;

  const documentFor = (service: string, termsType: string, path: string, time: number): DocumentState => {
    let doc = documents.get(path);
    if (doc) return doc;
    let platform = platforms.get(service);
    if (!platform) platforms.set(service, (platform = { platformId: platformIds.get(service), name: service, trackedSince: time }));
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
      removedAt: null
    };
    documents.set(path, doc);
    memory.set(path, { fingerprint: null, classified: new Map() });
    return doc;
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
      let recorded = 0;
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
          if (doc) {
            await timelines.remove(doc.documentId, time);
            doc.removedAt = time;
          }
          continue;
        }
        inRepository.add(change.path);
        recorded++;
        counts.read++;
        const bytes = await blobs.read(change.blob);
        const version = readVersion(bytes.toString('utf8'), rules, blockCaches.get(change.path));
        if (version.notTheDocument) {
          increment(skipped, version.notTheDocument);
          continue;
        }
        blockCaches.set(change.path, version.blocks);
        for (const piece of version.furniture) increment(furniture, piece.id);

        const doc = documentFor(kind.service, kind.termsType, change.path, time);
        const last = memory.get(change.path)!;
        doc.removedAt = null;
        doc.lastSnapshotAt = Math.max(doc.lastSnapshotAt, time);
        const print = fingerprint(version.paragraphs.map((p) => p.key));
        const changed = last.fingerprint === null ? null : print !== last.fingerprint;
        if (changed === null) counts.first++;
        else if (changed) counts.changed++;
        else counts.formattingOnly++;
        if (info.links.length === 0) counts.withoutLink++;
        counts.snapshots++;
        const snapshotId = `${commit.sha}/${doc.documentId}`;
        await snapshots.write({
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
        const found = provisionCandidates(version.paragraphs, rules, last.classified);
        counts.repeated += found.repeated;
        memory.set(change.path, { fingerprint: print, classified: found.classified });
        const at = { time, snapshotId, commit: commit.sha };
        await timelines.add(doc.documentId, doc.platformId, { at, fingerprint: print, candidates: found.candidates });
      }
      if (recorded === 0) withoutVersion.push({ commit: commit.sha, subject: info.subject, documents_deleted: deleted, other_files: other });
    }
  } finally {
    blobs.close();
  }
  if (counts.commits === 0) throw new OtaInputError(`${repoDir}: the repository has no commits`);
  if (documents.size === 0) {
    throw new OtaInputError(`${repoDir}: no document versions found (an Open Terms Archive versions repository holds <service>/<terms type>.md files)`);
  }
  const provisions = await timelines.finish();
  await snapshots.close();
  await versions.close();

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
  const written = await writeSmallTables({
    outDir,
    platforms: platforms.values(),
    documents: documents.values(),
    categories: options.categories,
    provisions,
    rules,
    lastCommitAt,
    versionsRepository
  });
  await writeFile(join(outDir, 'source.json'), `${JSON.stringify({ ...source, data_as_of: dataAsOf }, null, 2)}\n`);

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
      superseded_at_same_instant: timelines.superseded,
      without_snapshot_link: counts.withoutLink,
      refused_links: [...refusedLinks].sort()
    },
    page_furniture: sortedRecord(furniture),
    platforms: platforms.size,
    documents: {
      total: documents.size,
      in_repository_at_head: [...documents.keys()].filter((path) => inRepository.has(path)).length,
      ...written.documents
    },
    categories: written.categories,
    provisions: {
      ...written.provisions,
      by_rule: Object.fromEntries(
        rules.provisions.map((r) => [r.id, { provisions: written.provisions.by_rule.get(r.id) ?? 0, versions: versionsByRule.get(r.id) ?? 0 }])
      ),
      rules_without_match: rules.provisions.filter((r) => !versionsByRule.has(r.id)).map((r) => r.id),
      repeated_paragraphs: counts.repeated
    },
    provision_versions: {
      total: versions.rows,
      by_change_kind: sortedRecord(byChangeKind),
      reinstated: timelines.counts.reinstated,
      removals: timelines.counts.removed
    }
  };
  return { report, generatedAt, dataAsOf, source };
}
