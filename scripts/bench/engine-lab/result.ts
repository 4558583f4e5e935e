/** What the engine lab page (main.ts) reports in `window.__lab`, and the statements it is given: read by both sides. */
import type { Query } from '../../../src/lib/db/types';

export interface LabQuery {
  name: string;
  sql: string;
  params: Query['params'];
}

export interface LabResult {
  mode: string;
  /** Milliseconds since navigation start. */
  engineStarted?: number;
  select1?: number;
  fetched?: number;
  attached?: number;
  copied?: number;
  /** The first statement of `queries` done (the engine's first real query). */
  firstQuery?: number;
  queriesDone?: number;
  /** Mode whole: milliseconds to compute the file's SHA-256 (after everything else). */
  hashMs?: number;
  /** Per statement: its first run, its repeats (ms), rows; `error` when it failed (then no repeats). */
  queries: { name: string; first: number; repeats: number[]; rows: number; error?: string }[];
  error?: string;
  done: boolean;
}
