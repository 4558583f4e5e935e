/**
 * Citations as CSL-JSON (the Citation Style Language's data format, read by Zotero, Pandoc and citeproc): an array of
 * items. A provision is a `document` authored by its platform (an institution: `literal`), contained in the platform's
 * document, published by the export's source, with the Termscope permalink as `URL`, the reader's access day as
 * `accessed`, the day it was last verified as `issued`, and the cited capture's archive link and SHA-256.
 * Schema: https://github.com/citation-style-language/schema/blob/master/schemas/input/csl-data.json
 */
import { containerTitle, dayParts, evidenceNote, utcDay, type CitationRecord } from './record';

export interface CslDate {
  'date-parts': [[number, number, number]];
}

export interface CslItem {
  id: string;
  type: 'document';
  title: string;
  author: [{ literal: string }];
  'container-title': string;
  publisher: string;
  URL: string;
  accessed: CslDate;
  issued?: CslDate;
  genre?: string;
  archive?: string;
  archive_location?: string;
  note: string;
}

export function cslItem(r: CitationRecord): CslItem {
  const item: CslItem = {
    id: r.recordId,
    type: 'document',
    title: r.title,
    author: [{ literal: r.platformName }],
    'container-title': containerTitle(r),
    publisher: r.publisher,
    URL: r.permalink,
    accessed: { 'date-parts': [dayParts(r.accessed)] },
    note: evidenceNote(r)
  };
  if (r.lastVerified) item.issued = { 'date-parts': [dayParts(utcDay(r.lastVerified))] };
  if (r.docType) item.genre = r.docType.replaceAll('_', ' ');
  if (r.capture?.archiveUrl) {
    item.archive = 'Captured document';
    item.archive_location = r.capture.archiveUrl;
  }
  return item;
}

/** The file: a JSON array, one item per record, in the order given. */
export function cslJson(records: readonly CitationRecord[]): string {
  return `${JSON.stringify(records.map(cslItem), null, 2)}\n`;
}
