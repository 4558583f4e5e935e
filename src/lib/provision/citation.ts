/**
 * A ready-to-paste citation of a provision: what it is, where it is, and the evidence it rests on — the capture of its
 * document taken at or before the provision was last verified, with that capture's time and SHA-256.
 *
 * Every instant is written in UTC with the zone named ("2026-09-28 06:00 UTC"), so two analysts in different time
 * zones copy the same text; nothing here reads the viewer's locale or zone.
 */
import type { Manifest } from '$lib/contract/schema';
import type { ProvisionDetail, Snapshot } from './load-provision';

/** "2026-09-28 06:00 UTC" (seconds only when not zero), from the instant's UTC fields. */
export function utcStamp(date: Date): string {
  if (Number.isNaN(date.getTime())) throw new RangeError('Invalid Date');
  const iso = date.toISOString(); // always UTC
  const seconds = iso.slice(17, 19);
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)}${seconds === '00' ? '' : `:${seconds}`} UTC`;
}

/** What the views say where a provision's document would be named and its source does not name one. */
export const UNNAMED_DOCUMENT = 'document not named by the source';

export function docTypeLabel(docType: string): string {
  return docType.replaceAll('_', ' ');
}

export interface CitationInput {
  provision: ProvisionDetail;
  /** The capture named as evidence; null when there is none at or before last_verified. */
  snapshot: Snapshot | null;
  /** False when the export has no snapshots table at all. */
  hasSnapshots: boolean;
  source: Manifest['source'];
  generatedAt: string;
}

export function citationText({ provision: p, snapshot, hasSnapshots, source, generatedAt }: CitationInput): string {
  const parts: string[] = [];
  parts.push(
    p.document
      ? `${p.platform.name}, “${p.document.title}” (${docTypeLabel(p.document.doc_type)})`
      : `${p.platform.name}, ${UNNAMED_DOCUMENT}`
  );
  parts.push(`provision “${p.title}”, record ${p.record_id}`);
  const head = `${parts.join(', ')}.`;

  const where = p.document?.source_url ? ` Published at ${p.document.source_url}.` : '';
  // The source's own record, when it gives one (v1.1): what a reader checks the classification against.
  const record = p.provenance.source_url
    ? ` Source record${p.provenance.source_id ? ` ${p.provenance.source_id}` : ''}: ${p.provenance.source_url}.`
    : '';
  const status =
    p.status === 'removed'
      ? ` Removed${p.removed_at ? ` ${utcStamp(p.removed_at)}` : ''}; last verified ${p.last_verified ? utcStamp(p.last_verified) : 'unknown'}.`
      : ` Last verified ${p.last_verified ? utcStamp(p.last_verified) : 'unknown'}.`;

  let evidence: string;
  if (!hasSnapshots) evidence = ' No captures of the document are in this export.';
  else if (!p.document) evidence = ' The source does not name the document, so no capture of it is cited.';
  else if (!snapshot) evidence = ' No capture of the document taken at or before the last verification is in this export.';
  else {
    evidence = ` Evidence: capture ${snapshot.snapshot_id} of ${utcStamp(snapshot.captured_at)}, SHA-256 ${snapshot.sha256 ?? 'not recorded'}`;
    evidence += snapshot.archive_url ? `, archived at ${snapshot.archive_url}.` : '.';
  }

  const generated = Number.isNaN(Date.parse(generatedAt)) ? generatedAt : utcStamp(new Date(generatedAt));
  const data = ` Data: ${source.name} (${source.licence}), export of ${generated}, via Termscope.`;
  return head + where + record + status + evidence + data;
}
