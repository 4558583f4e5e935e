/**
 * ToS;DR cases: the rated answers (`point`: blocker/bad/neutral/good, `score`) that points refer to by name. The
 * published folder holds some cases twice under old and new file names; they are one case when their join keys
 * are equal. Cases carry no topic: the category comes from data/mappings/tosdr/cases.json.
 */
import { readRecords, textField } from './source-files';
import type { ImportReport } from './report';

/**
 * ToS;DR's own join between a point and its case: its build read `cases/<key>.json` with this key
 * (tosdr-build, scripts/generateApiFiles: `case.replace(/[^a-z0-9]/gi, '_').toLowerCase()`).
 */
export function caseKey(name: string): string {
  return name.replace(/[^a-z0-9]/gi, '_').toLowerCase();
}

export interface CaseRecord {
  /** The case name as its file states it (verbatim, spaces included). */
  name: string;
  /** ToS;DR's rating, verbatim ("blocker", "bad", …); null when the file has none. */
  rating: string | null;
  /** ToS;DR's weight 0–100; null when the file has none ("-undefined" cases). */
  score: number | null;
  /** The files that hold it, in reading order. */
  files: string[];
}

/** A score as a number: ToS;DR wrote most as numbers, one as a numeric string ("50"); anything else is no score. */
export function parseScore(value: unknown): number | null {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && /^\s*-?\d+(\.\d+)?\s*$/.test(value)) return Number(value);
  return null;
}

/**
 * Reads every case, one file at a time; files with the same join key are one case. When their ratings differ, the
 * file named after the key wins (the one ToS;DR's build read). Duplicates and unreadable files go to the report.
 */
export async function readCases(srcDir: string, report: ImportReport): Promise<Map<string, CaseRecord>> {
  const cases = new Map<string, CaseRecord>();
  const differing = new Set<string>();
  for await (const { file, record: json } of readRecords(srcDir, 'cases', true, report.cases)) {
    const name = typeof json.name === 'string' && json.name.trim() !== '' ? json.name : null;
    if (name === null) {
      report.cases.unreadable.push({ file: `cases/${file}`, error: 'no name' });
      continue;
    }
    const record: CaseRecord = { name, rating: textField(json.point), score: parseScore(json.score), files: [file] };
    const key = caseKey(name);
    const first = cases.get(key);
    if (!first) {
      cases.set(key, record);
      continue;
    }
    first.files.push(file);
    if (first.rating !== record.rating || first.score !== record.score) {
      differing.add(key);
      if (file === `${key}.json`) Object.assign(first, { name: record.name, rating: record.rating, score: record.score });
    }
  }
  for (const [key, c] of cases) {
    if (c.files.length < 2) continue;
    report.cases.duplicates.push({ name: c.name, files: c.files.map((f) => `cases/${f}`), same_rating: !differing.has(key) });
  }
  report.cases.distinct = cases.size;
  return cases;
}
