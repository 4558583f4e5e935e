/**
 * A provision's provenance (contract v1.1 columns of `provisions`): who classified it, the source's own rating,
 * polarity, id and link. Read the same way by the provision page, the matrix's cell panel and compare.
 */
import { CLASSIFIERS, POLARITIES, type Polarity } from '../contract/schema';
import type { Row } from '../db/values';
import { nullableStringCell } from './cells';

/** The provenance columns, in contract order: every query that shows provenance selects these. */
export const PROVENANCE_COLUMNS = [
  'polarity',
  'source_rating',
  'source_id',
  'source_url',
  'classified_by',
  'classification_rule'
] as const;

/** Where a provision comes from and who classified it (contract v1.1 columns; all null in a v1 export). */
export interface Provenance {
  polarity: Polarity | null;
  /** The source's own rating, verbatim. */
  source_rating: string | null;
  /** The source's own id of the record. */
  source_id: string | null;
  /** The record at the source (the contract allows only http(s) URLs; links are checked again when drawn). */
  source_url: string | null;
  classified_by: (typeof CLASSIFIERS)[number] | null;
  classification_rule: string | null;
}

function enumCell<T extends string>(what: string, row: Row, column: string, allowed: readonly T[]): T | null {
  const v = nullableStringCell(what, row, column);
  if (v === null || (allowed as readonly string[]).includes(v)) return v as T | null;
  const expected = `one of ${allowed.join(', ')} or null`;
  throw new Error(`${what}: column "${column}" should be ${expected}, got ${JSON.stringify(v)}`);
}

/** The provenance columns of a result row (named as in the contract). */
export function readProvenance(what: string, row: Row): Provenance {
  const ns = (c: string) => nullableStringCell(what, row, c);
  return {
    polarity: enumCell(what, row, 'polarity', POLARITIES),
    source_rating: ns('source_rating'),
    source_id: ns('source_id'),
    source_url: ns('source_url'),
    classified_by: enumCell(what, row, 'classified_by', CLASSIFIERS),
    classification_rule: ns('classification_rule')
  };
}
