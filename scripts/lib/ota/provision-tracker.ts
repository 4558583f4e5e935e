/**
 * Tracks provisions paragraph by paragraph across the versions of each document.
 *
 * Each version gives the paragraphs a rule classified (candidates). They are matched against the document's
 * provisions in force, in this order:
 * 1. the same category and the same comparison key: unchanged (identical paragraphs pair up in order);
 * 2. the same category and key as a provision that was removed earlier: it is back (a new version, `added`);
 * 3. the same category and at least SIMILARITY_THRESHOLD alike (similarity.ts), most alike first: the clause was
 *    reworded (a new version, `text_changed`);
 * then what is left of the provisions in force was removed (its last version ends, the provision is `removed`)
 * and what is left of the candidates is new (a new provision, `added`).
 *
 * Version rows are handed to `emit` as soon as they end (or at `finish` for those still current), so the history is
 * never held in memory; only the provisions' current state is.
 */
import { createHash } from 'node:crypto';
import type { Polarity, Severity } from '../../../src/lib/contract/schema';
import type { ProvisionRule } from './rules';
import { pairBySimilarity, wordBag, type WordBag } from './similarity';

export interface Candidate {
  rule: ProvisionRule;
  /** The paragraph's plain text (the clause). */
  text: string;
  key: string;
}

/** Where a version was read: the time it takes effect, its snapshot and the commit that recorded it. */
export interface VersionSource {
  time: number;
  snapshotId: string;
  commit: string;
}

export type ChangeKind = 'added' | 'text_changed';

export interface VersionRow {
  record_id: string;
  version: number;
  platform_id: string;
  category_id: string;
  severity: Severity | null;
  valid_from: string;
  valid_to: string | null;
  clause_sha256: string;
  clause_text: string;
  change_kind: ChangeKind;
  snapshot_id: string;
  /** Extra column: the rule that classified the paragraph in this version. */
  classification_rule: string;
}

export interface Provision {
  recordId: string;
  documentId: string;
  platformId: string;
  categoryId: string;
  rule: ProvisionRule;
  text: string;
  key: string;
  bag: WordBag;
  firstTracked: number;
  /** The current (or last) version: its number, start, kind and where it was read. */
  version: number;
  validFrom: number;
  changeKind: ChangeKind;
  snapshotId: string;
  /** The last version of the document the provision was seen in. */
  lastSeen: VersionSource;
  removedAt: number | null;
}

export interface TrackerCounts {
  added: number;
  reinstated: number;
  textChanged: number;
  removed: number;
}

export function isoTime(ms: number): string {
  return new Date(ms).toISOString().replace('.000Z', 'Z');
}

export function sha256(text: string | Buffer): string {
  return createHash('sha256').update(text).digest('hex');
}

/**
 * A record id that stays the same for the same repository: the document, the snapshot the provision was first
 * seen in, its category, its paragraph's comparison key and which occurrence of that paragraph it is.
 */
export function recordId(documentId: string, snapshotId: string, categoryId: string, key: string, occurrence: number): string {
  return `ota-${sha256([documentId, snapshotId, categoryId, key, String(occurrence)].join('\n')).slice(0, 20)}`;
}

interface DocumentProvisions {
  inForce: Provision[];
  removed: Provision[];
}

export class ProvisionTracker {
  private readonly documents = new Map<string, DocumentProvisions>();
  private readonly all: Provision[] = [];
  private readonly ids = new Set<string>();
  readonly counts: TrackerCounts = { added: 0, reinstated: 0, textChanged: 0, removed: 0 };

  constructor(private readonly emit: (row: VersionRow) => void) {}

  private doc(documentId: string): DocumentProvisions {
    let d = this.documents.get(documentId);
    if (!d) this.documents.set(documentId, (d = { inForce: [], removed: [] }));
    return d;
  }

  private endVersion(p: Provision, validTo: number | null): void {
    this.emit({
      record_id: p.recordId,
      version: p.version,
      platform_id: p.platformId,
      category_id: p.categoryId,
      severity: p.rule.severity,
      valid_from: isoTime(p.validFrom),
      valid_to: validTo === null ? null : isoTime(validTo),
      clause_sha256: sha256(p.text),
      clause_text: p.text,
      change_kind: p.changeKind,
      snapshot_id: p.snapshotId,
      classification_rule: p.rule.id
    });
  }

  private startVersion(p: Provision, c: Candidate, at: VersionSource, kind: ChangeKind): void {
    p.version++;
    p.validFrom = at.time;
    p.changeKind = kind;
    p.snapshotId = at.snapshotId;
    p.rule = c.rule;
    p.text = c.text;
    p.key = c.key;
    p.bag = wordBag(c.text);
    p.lastSeen = at;
  }

  /** Applies one version of a document: its candidates replace the provisions in force (see the module comment). */
  apply(documentId: string, platformId: string, at: VersionSource, candidates: readonly Candidate[]): void {
    const d = this.doc(documentId);
    const matched = new Set<Provision>();
    let rest: Candidate[] = [];
    // 1. Unchanged.
    for (const c of candidates) {
      const same = d.inForce.find((p) => !matched.has(p) && p.categoryId === c.rule.categoryId && p.key === c.key);
      if (same) {
        matched.add(same);
        same.lastSeen = at;
      } else {
        rest.push(c);
      }
    }
    // 2. Back after a removal.
    const back: Provision[] = [];
    rest = rest.filter((c) => {
      const i = d.removed.findIndex((p) => p.categoryId === c.rule.categoryId && p.key === c.key);
      if (i === -1) return true;
      const p = d.removed.splice(i, 1)[0]!;
      p.removedAt = null;
      this.startVersion(p, c, at, 'added');
      back.push(p);
      this.counts.reinstated++;
      return false;
    });
    // 3. Reworded.
    const open = d.inForce.filter((p) => !matched.has(p));
    const bags = rest.map((c) => wordBag(c.text));
    const pairs = pairBySimilarity(
      open.map((p) => p.bag),
      bags,
      (i, j) => open[i]!.categoryId === rest[j]!.rule.categoryId
    );
    const reworded = new Set<number>();
    for (const pair of pairs) {
      const p = open[pair.from]!;
      this.endVersion(p, at.time);
      this.startVersion(p, rest[pair.to]!, at, 'text_changed');
      matched.add(p);
      reworded.add(pair.to);
      this.counts.textChanged++;
    }
    // Removed.
    for (const p of open) {
      if (matched.has(p)) continue;
      this.endVersion(p, at.time);
      p.removedAt = at.time;
      d.removed.push(p);
      this.counts.removed++;
    }
    // New.
    const occurrences = new Map<string, number>();
    const added: Provision[] = [];
    rest.forEach((c, j) => {
      if (reworded.has(j)) return;
      const slot = `${c.rule.categoryId}\n${c.key}`;
      const occurrence = occurrences.get(slot) ?? 0;
      occurrences.set(slot, occurrence + 1);
      const id = recordId(documentId, at.snapshotId, c.rule.categoryId, c.key, occurrence);
      if (this.ids.has(id)) throw new Error(`record id ${id} was generated twice (document ${documentId}, snapshot ${at.snapshotId})`);
      this.ids.add(id);
      const p: Provision = {
        recordId: id,
        documentId,
        platformId,
        categoryId: c.rule.categoryId,
        rule: c.rule,
        text: c.text,
        key: c.key,
        bag: bags[j]!,
        firstTracked: at.time,
        version: 1,
        validFrom: at.time,
        changeKind: 'added',
        snapshotId: at.snapshotId,
        lastSeen: at,
        removedAt: null
      };
      added.push(p);
      this.all.push(p);
      this.counts.added++;
    });
    d.inForce = [...d.inForce.filter((p) => matched.has(p)), ...back, ...added];
  }

  /** A version with the same text as the last one applied: its provisions are confirmed, nothing changes. */
  confirm(documentId: string, at: VersionSource): void {
    for (const p of this.doc(documentId).inForce) p.lastSeen = at;
  }

  /** The document left the repository at `time`: every provision in force is removed. */
  removeAll(documentId: string, time: number): void {
    const d = this.doc(documentId);
    for (const p of d.inForce) {
      this.endVersion(p, time);
      p.removedAt = time;
      d.removed.push(p);
      this.counts.removed++;
    }
    d.inForce = [];
  }

  /** Emits the versions still current and returns every provision, in the order they were first seen. */
  finish(): Provision[] {
    for (const d of this.documents.values()) for (const p of d.inForce) this.endVersion(p, null);
    return this.all;
  }
}
