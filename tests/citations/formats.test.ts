/** The citation formats (`src/lib/citations`): BibTeX escaping, RIS lines, the CSL-JSON shape, the accessed day. */
import { describe, expect, it } from 'vitest';
import { bibtex, bibtexKey, bibtexUrl, escapeBibtex } from '../../src/lib/citations/bibtex';
import { cslItem, cslJson } from '../../src/lib/citations/csl-json';
import { accessedDay, type CitationRecord } from '../../src/lib/citations/record';
import { ris, risLine } from '../../src/lib/citations/ris';

const record: CitationRecord = {
  recordId: 'CA-P-004267',
  title: 'Prompts & outputs used to train_models {100%}',
  platformName: 'Verbalyn AI',
  categoryName: 'Training data use',
  documentTitle: 'Verbalyn Privacy Policy',
  docType: 'privacy_policy',
  documentUrl: 'https://verbalyn.example/legal/privacy',
  lastVerified: new Date('2026-09-28T06:00:00Z'),
  permalink: 'https://app.example/provisions/CA-P-004267?export=real%20one',
  capture: {
    snapshotId: 'S-9',
    capturedAt: new Date('2026-09-27T23:30:00Z'),
    sha256: 'ab'.repeat(32),
    archiveUrl: 'https://archive.example/2026/https://verbalyn.example/legal/privacy#top'
  },
  publisher: 'ToS;DR',
  accessed: '2026-11-29'
};
const bare: CitationRecord = { ...record, recordId: 'R 2', documentTitle: null, docType: null, documentUrl: null, lastVerified: null, capture: null };

describe('BibTeX', () => {
  it('escapes every LaTeX special character and folds whitespace', () => {
    expect(escapeBibtex('a\\b{c}d&e%f$g#h_i~j^k')).toBe('a\\textbackslash{}b\\{c\\}d\\&e\\%f\\$g\\#h\\_i\\textasciitilde{}j\\textasciicircum{}k');
    expect(escapeBibtex('  two\n\tlines  ')).toBe('two lines');
    expect(escapeBibtex('Grüße “quoted”')).toBe('Grüße “quoted”');
  });

  it('keeps URLs verbatim except what would unbalance braces', () => {
    expect(bibtexUrl('https://x.example/a%20b?q=1#f_g')).toBe('https://x.example/a%20b?q=1#f_g');
    expect(bibtexUrl('https://x.example/{a}\\b c')).toBe('https://x.example/%7Ba%7D%5Cb%20c');
  });

  it('writes one @misc entry per record with unique keys, escaped text and the evidence', () => {
    const text = bibtex([record, { ...record, recordId: 'CA P 004267' }, { ...record, recordId: 'CA_P_004267' }]);
    expect(text.match(/^@misc\{[^,]+,/gm)).toEqual(['@misc{termscope:CA-P-004267,', '@misc{termscope:CA_P_004267,', '@misc{termscope:CA_P_004267-2,']);
    const first = bibtex([record]);
    expect(first).toContain('  title = {{Prompts \\& outputs used to train\\_models \\{100\\%\\}}},\n');
    expect(first).toContain('  url = {https://app.example/provisions/CA-P-004267?export=real%20one},\n');
    expect(first).toContain('  urldate = {2026-11-29},\n');
    expect(first).toContain('  date = {2026-09-28}');
    expect(first).toContain(`SHA-256 ${'ab'.repeat(32)}`);
    expect(first).toContain('archived at \\url{https://archive.example/2026/https://verbalyn.example/legal/privacy#top}');
    // Balanced braces: every entry parses.
    let depth = 0;
    for (const c of first.replace(/\\[{}]/g, '')) {
      if (c === '{') depth++;
      if (c === '}') depth--;
      expect(depth).toBeGreaterThanOrEqual(0);
    }
    expect(depth).toBe(0);
  });

  it('says when no capture is cited and leaves out unknown dates', () => {
    const text = bibtex([bare]);
    expect(text).toContain('no capture of the document is cited');
    expect(text).not.toMatch(/\n {2}(year|month|date) = /);
    expect(bibtexKey('R 2')).toBe('termscope:R_2');
  });
});

describe('RIS', () => {
  it('writes TAG, two spaces, hyphen, space, one line, CR LF', () => {
    expect(risLine('TI', 'a\nb\r\n  c')).toBe('TI  - a b c\r\n');
    expect(() => risLine('title', 'x')).toThrow(/RIS tag/);
    expect(() => risLine('T', 'x')).toThrow(/RIS tag/);
  });

  it('writes a record from TY to ER with the access day, the permalink and the evidence', () => {
    const text = ris([record, bare]);
    const lines = text.split('\r\n');
    expect(lines.every((l) => l === '' || /^[A-Z][A-Z0-9] {2}- /.test(l))).toBe(true);
    expect(text.includes('\n') && !/[^\r]\n/.test(text)).toBe(true);
    expect(lines[0]).toBe('TY  - ELEC');
    expect(lines).toContain('UR  - https://app.example/provisions/CA-P-004267?export=real%20one');
    expect(lines).toContain('Y2  - 2026/11/29');
    expect(lines).toContain('DA  - 2026/09/28');
    expect(lines).toContain('L3  - https://archive.example/2026/https://verbalyn.example/legal/privacy#top');
    expect(lines.filter((l) => l === 'TY  - ELEC')).toHaveLength(2);
    expect(lines.filter((l) => l === 'ER  - ')).toHaveLength(2);
    expect(lines.find((l) => l.startsWith('N1  - ') && l.includes('R 2'))).toContain('no capture of the document is cited');
  });
});

describe('CSL-JSON', () => {
  it('has the shape citeproc reads', () => {
    expect(cslItem(record)).toEqual({
      id: 'CA-P-004267',
      type: 'document',
      title: record.title,
      author: [{ literal: 'Verbalyn AI' }],
      'container-title': 'Verbalyn AI, Verbalyn Privacy Policy',
      publisher: 'ToS;DR',
      URL: record.permalink,
      accessed: { 'date-parts': [[2026, 11, 29]] },
      issued: { 'date-parts': [[2026, 9, 28]] },
      genre: 'privacy policy',
      archive: 'Captured document',
      archive_location: record.capture!.archiveUrl,
      note: `Termscope record CA-P-004267 (Training data use); last verified 2026-09-28T06:00:00Z; capture S-9 of 2026-09-27T23:30:00Z, SHA-256 ${'ab'.repeat(32)}; archived at ${record.capture!.archiveUrl}.`
    });
    const parsed = JSON.parse(cslJson([record, bare])) as unknown[];
    expect(parsed).toHaveLength(2);
    expect(parsed[1]).not.toHaveProperty('issued');
    expect(parsed[1]).not.toHaveProperty('archive_location');
    expect(parsed[1]).toMatchObject({ 'container-title': 'Verbalyn AI' });
  });
});

describe('accessed day', () => {
  it('is the reader’s calendar day, not the UTC one', () => {
    const instant = new Date('2026-11-30T05:30:00Z');
    expect(accessedDay(instant, 'UTC')).toBe('2026-11-30');
    expect(accessedDay(instant, 'America/Los_Angeles')).toBe('2026-11-29');
    expect(accessedDay(instant)).toBe('2026-11-29'); // tests run with TZ=America/Los_Angeles
    expect(() => accessedDay(new Date(NaN))).toThrow(RangeError);
  });
});
