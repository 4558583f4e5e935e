/**
 * Streaming readers for the builder's input files. Each yields records with the line they start on, so every
 * problem can be reported as "file line N". Nothing is held beyond one record.
 */
import { parse } from 'csv-parse';
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';

export type InputRecord =
  | { line: number; values: Record<string, unknown> }
  | { line: number; error: string };

/** JSON Lines: one JSON object per line; blank lines are skipped. */
export async function* readJsonLines(path: string): AsyncGenerator<InputRecord> {
  const lines = createInterface({ input: createReadStream(path, 'utf8'), crlfDelay: Infinity });
  let line = 0;
  for await (const text of lines) {
    line++;
    const trimmed = line === 1 ? text.replace(/^\uFEFF/, '').trim() : text.trim();
    if (trimmed === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(trimmed);
    } catch (error) {
      yield { line, error: `not valid JSON (${(error as Error).message})` };
      continue;
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      yield { line, error: 'is not a JSON object (each line must be one {"column": value, …} record)' };
      continue;
    }
    yield { line, values: value as Record<string, unknown> };
  }
}

/**
 * CSV (RFC 4180, parsed by csv-parse): the first row names the columns. Fields may be quoted and span lines;
 * a record's line is the line it starts on. Empty lines are skipped.
 */
export async function* readCsv(path: string): AsyncGenerator<InputRecord | { line: number; header: string[] }> {
  const parser = createReadStream(path).pipe(
    parse({ info: true, bom: true, relax_column_count: true, skip_empty_lines: true, record_delimiter: ['\r\n', '\n'] })
  );
  let header: string[] | null = null;
  let endLine = 0;
  let emptyLines = 0;
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number; empty_lines: number } }>) {
      const line = endLine + 1 + (info.empty_lines - emptyLines);
      endLine = info.lines;
      emptyLines = info.empty_lines;
      if (header === null) {
        header = record.map((h) => h.trim());
        yield { line, header };
        continue;
      }
      if (record.length !== header.length) {
        yield { line, error: `has ${record.length} fields, the header has ${header.length}` };
        continue;
      }
      const values: Record<string, unknown> = {};
      header.forEach((name, i) => (values[name] = record[i]));
      yield { line, values };
    }
  } catch (error) {
    const e = error as Error & { lines?: number };
    yield { line: e.lines ?? endLine + 1, error: `CSV syntax error: ${e.message}` };
  }
}
