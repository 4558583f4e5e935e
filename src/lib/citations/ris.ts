/**
 * Citations as RIS (Research Information Systems; EndNote, Zotero, Mendeley): one record per provision, lines
 * `TAG  - value` (two letters or a letter and a digit, two spaces, a hyphen, a space) ending in CR LF, each record
 * from `TY  - ELEC` (a web page) to `ER  - `. A value is one line: line breaks in the data become spaces.
 * Reference: https://en.wikipedia.org/wiki/RIS_(file_format)
 */
import { containerTitle, evidenceNote, utcDay, type CitationRecord } from './record';

const EOL = '\r\n';

/** One RIS line; refuses a malformed tag, and folds the value onto one line. */
export function risLine(tag: string, value: string): string {
  if (!/^[A-Z][A-Z0-9]$/.test(tag)) throw new Error(`Not a RIS tag: ${JSON.stringify(tag)}`);
  return `${tag}  - ${value.replace(/\s+/g, ' ').trim()}${EOL}`;
}

/** 'YYYY-MM-DD' -> 'YYYY/MM/DD', RIS's date form. */
const risDay = (day: string) => day.replaceAll('-', '/');

function record(r: CitationRecord): string {
  const lines = [
    risLine('TY', 'ELEC'),
    risLine('ID', r.recordId),
    risLine('TI', r.title),
    risLine('AU', r.platformName),
    risLine('T2', containerTitle(r)),
    risLine('PB', r.publisher),
    risLine('UR', r.permalink),
    risLine('Y2', risDay(r.accessed))
  ];
  if (r.lastVerified) {
    const day = utcDay(r.lastVerified);
    lines.push(risLine('PY', day.slice(0, 4)), risLine('DA', risDay(day)));
  }
  if (r.docType) lines.push(risLine('M3', r.docType.replaceAll('_', ' ')));
  if (r.documentUrl) lines.push(risLine('L2', r.documentUrl));
  if (r.capture?.archiveUrl) lines.push(risLine('L3', r.capture.archiveUrl));
  lines.push(risLine('N1', evidenceNote(r)), `ER  - ${EOL}`);
  return lines.join('');
}

/** The file: one record per citation, in the order given. */
export function ris(records: readonly CitationRecord[]): string {
  return records.map(record).join(EOL);
}
