/**
 * Citations as BibTeX: one `@misc` entry per provision (biblatex reads `url` and `urldate`; classic BibTeX styles show
 * `howpublished` and `note`). Text fields are escaped for LaTeX, so a title with "&", "%" or "_" compiles; URLs are
 * kept as they are (they go into `\url{}`, which reads them verbatim), except characters that would unbalance the
 * braces, which are percent-encoded.
 */
import { containerTitle, evidenceNote, utcDay, type CitationRecord } from './record';

const SPECIALS: Record<string, string> = {
  '\\': '\\textbackslash{}',
  '{': '\\{',
  '}': '\\}',
  '&': '\\&',
  '%': '\\%',
  $: '\\$',
  '#': '\\#',
  _: '\\_',
  '~': '\\textasciitilde{}',
  '^': '\\textasciicircum{}'
};

/** Text for a BibTeX field: LaTeX's special characters escaped, line breaks and runs of spaces made one space. */
export function escapeBibtex(text: string): string {
  return text.replace(/\s+/g, ' ').trim().replace(/[\\{}&%$#_~^]/g, (c) => SPECIALS[c]!);
}

/** A URL for `\url{}` inside a field: braces, backslashes and whitespace percent-encoded, nothing else touched. */
export function bibtexUrl(url: string): string {
  return url.replace(/[{}\\\s]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}

/** An entry key from a record id: letters, digits and `_ - : .` only (what BibTeX accepts everywhere). */
export function bibtexKey(recordId: string): string {
  const key = recordId.replace(/[^A-Za-z0-9_\-:.]+/g, '_');
  return `termscope:${key === '' ? 'record' : key}`;
}

function entry(r: CitationRecord, key: string): string {
  const fields: [string, string][] = [
    ['title', `{${escapeBibtex(r.title)}}`],
    ['author', `{${escapeBibtex(r.platformName)}}`],
    ['organization', escapeBibtex(r.platformName)],
    ['howpublished', `${escapeBibtex(containerTitle(r))}, \\url{${bibtexUrl(r.permalink)}}`],
    ['publisher', escapeBibtex(r.publisher)],
    ['url', bibtexUrl(r.permalink)],
    ['urldate', r.accessed]
  ];
  if (r.lastVerified) {
    const day = utcDay(r.lastVerified);
    fields.push(['year', day.slice(0, 4)], ['month', String(Number(day.slice(5, 7)))], ['date', day]);
  }
  let note = escapeBibtex(evidenceNote(r));
  // The archive link is a URL: put it in \url{} rather than escaping it as text.
  if (r.capture?.archiveUrl) note = note.replace(escapeBibtex(r.capture.archiveUrl), `\\url{${bibtexUrl(r.capture.archiveUrl)}}`);
  fields.push(['note', note]);
  return `@misc{${key},\n${fields.map(([k, v]) => `  ${k} = {${v}}`).join(',\n')}\n}\n`;
}

/** The file: one entry per record, in the order given; keys made unique with a suffix when two ids map to one. */
export function bibtex(records: readonly CitationRecord[]): string {
  const used = new Map<string, number>();
  return records
    .map((r) => {
      const base = bibtexKey(r.recordId);
      const n = (used.get(base) ?? 0) + 1;
      used.set(base, n);
      return entry(r, n === 1 ? base : `${base}-${n}`);
    })
    .join('\n');
}
