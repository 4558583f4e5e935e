/**
 * What a citation of a provision says, whatever the format (`csl-json.ts`, `bibtex.ts`, `ris.ts`): the provision, the
 * platform and document it belongs to, a permalink to its page in Termscope, the capture of the document it rests on
 * (the latest taken at or before the provision was last verified: its SHA-256 and archive copy) and when the reader
 * accessed it.
 *
 * Instants are held as `Date` (UTC). The accessed day is the reader's own calendar day at the moment of the download
 * (`accessedDay`): "accessed 30 November 2026" is what a reader writes by hand, and the day their clock shows.
 */

export interface CitationRecord {
  recordId: string;
  title: string;
  platformName: string;
  categoryName: string;
  /** Null when the source names no document (v1.1). */
  documentTitle: string | null;
  docType: string | null;
  /** Where the document is published. */
  documentUrl: string | null;
  lastVerified: Date | null;
  /** Absolute URL of the provision's page in Termscope. */
  permalink: string;
  /** The capture cited; null when the export has none at or before `lastVerified`. */
  capture: { snapshotId: string; capturedAt: Date; sha256: string | null; archiveUrl: string | null } | null;
  /** Who published the data (the export's source), e.g. "ToS;DR". */
  publisher: string;
  /** The reader's calendar day of access, 'YYYY-MM-DD'. */
  accessed: string;
}

/** The calendar day of `instant` in `timeZone` (the reader's, by default), 'YYYY-MM-DD'. */
export function accessedDay(instant: Date, timeZone?: string): string {
  if (Number.isNaN(instant.getTime())) throw new RangeError('Invalid Date');
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(instant);
  const part = (type: string) => parts.find((p) => p.type === type)!.value;
  return `${part('year')}-${part('month')}-${part('day')}`;
}

/** 'YYYY-MM-DD' -> [year, month, day] as numbers. */
export function dayParts(day: string): [number, number, number] {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) throw new RangeError(`Not a day (YYYY-MM-DD): ${JSON.stringify(day)}`);
  return [Number(m[1]), Number(m[2]), Number(m[3])];
}

/** The UTC day of an instant, 'YYYY-MM-DD'. */
export function utcDay(instant: Date): string {
  return instant.toISOString().slice(0, 10);
}

/** The evidence in one sentence, for the formats' note fields. */
export function evidenceNote(r: CitationRecord): string {
  const record = `Termscope record ${r.recordId} (${r.categoryName})`;
  const verified = r.lastVerified ? `; last verified ${r.lastVerified.toISOString().replace('.000Z', 'Z')}` : '';
  if (!r.capture) return `${record}${verified}; no capture of the document is cited.`;
  const sha = r.capture.sha256 ? `SHA-256 ${r.capture.sha256}` : 'SHA-256 not recorded';
  const archive = r.capture.archiveUrl ? `; archived at ${r.capture.archiveUrl}` : '';
  return `${record}${verified}; capture ${r.capture.snapshotId} of ${r.capture.capturedAt.toISOString().replace('.000Z', 'Z')}, ${sha}${archive}.`;
}

/** "Verbalyn AI, Terms of Service" — the container a provision sits in. */
export function containerTitle(r: CitationRecord): string {
  return r.documentTitle ? `${r.platformName}, ${r.documentTitle}` : r.platformName;
}
