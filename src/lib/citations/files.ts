/** The three citation files: how each is written, its media type and its file extension. */
import { bibtex } from './bibtex';
import { cslJson } from './csl-json';
import type { CitationRecord } from './record';
import { ris } from './ris';

export const CITATION_FORMATS = ['csl-json', 'bibtex', 'ris'] as const;
export type CitationFormat = (typeof CITATION_FORMATS)[number];

export const CITATION_FILES: Record<CitationFormat, { label: string; extension: string; type: string; write: (records: readonly CitationRecord[]) => string }> = {
  'csl-json': { label: 'CSL-JSON', extension: 'json', type: 'application/vnd.citationstyles.csl+json', write: cslJson },
  bibtex: { label: 'BibTeX', extension: 'bib', type: 'application/x-bibtex', write: bibtex },
  ris: { label: 'RIS', extension: 'ris', type: 'application/x-research-info-systems', write: ris }
};
