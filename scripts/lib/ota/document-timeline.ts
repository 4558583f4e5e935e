/**
 * When each version of a document takes effect. A version takes effect at its commit's time — unless the next
 * version of the same document is recorded at the same instant or earlier (the Claude.ai DPA got four versions at
 * 2026-05-22 22:32:00): then the next one supersedes it and it never takes effect, so no provision version lasts no
 * time at all. So each document's latest version waits (`pending`) until a later one arrives, the document is
 * removed, or the history ends; only then are its provisions compared (provision-tracker.ts).
 */
import { ProvisionTracker, type Candidate, type VersionRow, type VersionSource } from './provision-tracker';

export interface PendingVersion {
  at: VersionSource;
  fingerprint: string;
  candidates: Candidate[];
}

interface Timeline {
  platformId: string;
  pending: PendingVersion | null;
  /** Fingerprint of the last version that took effect: the same again changes no provision. */
  applied: string | null;
}

export class DocumentTimelines {
  private readonly timelines = new Map<string, Timeline>();
  private readonly tracker: ProvisionTracker;
  private readonly emitted: VersionRow[] = [];
  superseded = 0;

  /** `write` receives each provision version once it has ended (or, at `finish`, the current ones). */
  constructor(private readonly write: (row: VersionRow) => Promise<void>) {
    this.tracker = new ProvisionTracker((row) => this.emitted.push(row));
  }

  get counts(): ProvisionTracker['counts'] {
    return this.tracker.counts;
  }

  private async drain(): Promise<void> {
    for (const row of this.emitted.splice(0)) await this.write(row);
  }

  private timeline(documentId: string, platformId: string): Timeline {
    let t = this.timelines.get(documentId);
    if (!t) this.timelines.set(documentId, (t = { platformId, pending: null, applied: null }));
    return t;
  }

  /** The pending version takes effect. */
  private async takeEffect(documentId: string, t: Timeline): Promise<void> {
    const p = t.pending;
    if (!p) return;
    t.pending = null;
    if (p.fingerprint === t.applied) {
      this.tracker.confirm(documentId, p.at);
      return;
    }
    this.tracker.apply(documentId, t.platformId, p.at, p.candidates);
    t.applied = p.fingerprint;
    await this.drain();
  }

  /** A new version of a document: the one before it takes effect, unless this one supersedes it. */
  async add(documentId: string, platformId: string, version: PendingVersion): Promise<void> {
    const t = this.timeline(documentId, platformId);
    if (t.pending && version.at.time <= t.pending.at.time) {
      this.superseded++;
      t.pending = { ...version, at: { ...version.at, time: t.pending.at.time } };
      return;
    }
    await this.takeEffect(documentId, t);
    t.pending = version;
  }

  /** The document left the repository at `time`: its provisions are removed. */
  async remove(documentId: string, time: number): Promise<void> {
    const t = this.timelines.get(documentId);
    if (!t) return;
    let effective = time;
    if (t.pending && time <= t.pending.at.time) {
      // Deleted at the instant its last version was recorded: that version never took effect.
      this.superseded++;
      effective = t.pending.at.time;
      t.pending = null;
    }
    await this.takeEffect(documentId, t);
    this.tracker.removeAll(documentId, effective);
    await this.drain();
    t.applied = null;
  }

  /** The history has ended: every pending version takes effect; returns every provision. */
  async finish(): Promise<ReturnType<ProvisionTracker['finish']>> {
    for (const [documentId, t] of this.timelines) await this.takeEffect(documentId, t);
    const provisions = this.tracker.finish();
    await this.drain();
    return provisions;
  }
}
