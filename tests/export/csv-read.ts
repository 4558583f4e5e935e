/**
 * An independent reader for the CSV tests: csv-parse, told to keep the difference between an unquoted empty field
 * (null) and a quoted one ('').
 */
import { parse } from 'csv-parse/sync';

export type Parsed = (string | null)[];

export function readCsv(text: string): Parsed[] {
  return parse(text, {
    bom: true,
    relax_column_count: false,
    skip_empty_lines: false,
    cast: (value, context) => (value === '' && !context.quoting ? null : value)
  }) as Parsed[];
}
