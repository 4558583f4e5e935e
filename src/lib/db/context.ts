/**
 * The loaded export, handed to pages through a typed Svelte context. The root layout creates it; a page that asks for
 * it outside the layout gets an error rather than a silent undefined.
 */
import { getContext, setContext } from 'svelte';
import type { ExportSource, SourceChoice } from './export-source';
import type { ColumnarDb, Db, ExportInfo, LoadError, TableProgress } from './types';

/** An export being opened beside the loaded one (the `/data` page): its progress, or why it was refused. */
export interface Candidate {
  /** 1 for the first export opened on this page, 2 for the next… (tells one attempt's outcome from the last one's). */
  attempt: number;
  /** What was opened: the folder's or zip's name, or the address. */
  label: string;
  status: 'loading' | 'error' | 'done';
  progress: TableProgress[];
  /** Bytes of a `.zip` read so far, while it is being unpacked. */
  unzip?: { read: number; total: number };
  error: LoadError | null;
  /** Whether the files were kept in the browser's storage (a reload opens them again); null until known. */
  stored: boolean | null;
}

/** What pages read: reactive load state (a runes class in the browser) and the query API. */
export interface AppDb {
  /** 'loading' until every table is in and checked; 'error' with `error` set when the export cannot be used. */
  readonly status: 'idle' | 'loading' | 'ready' | 'error';
  readonly progress: readonly TableProgress[];
  /** Known as soon as the manifest is read (before the tables are loaded; `rowCounts` fills in once they are). */
  readonly info: ExportInfo | null;
  readonly error: LoadError | null;
  /** What happened when the engine had to be replaced (stuck or terminated worker, trap); null otherwise. */
  readonly notice: string | null;
  dismissNotice(): void;
  /** Queries wait until the export is loaded; they reject if loading failed. */
  readonly db: Db;
  /** The same database for ad-hoc SQL whose results stay column-wise (the SQL console). */
  readonly columnar: ColumnarDb;
  /** URL of the export folder, e.g. "/exports/demo" (files such as overview.json sit beside the Parquet). */
  readonly base: string;
  /** What the page's URL says is open. */
  readonly choice: SourceChoice;
  /** An export being opened beside this one, or the last one refused. */
  readonly candidate: Candidate | null;
  /** Opens another export in a fresh engine; it replaces this one only when it passes. */
  open(source: ExportSource): Promise<SourceChoice | null>;
}

const KEY = Symbol('termscope.db');

export function setAppDb(app: AppDb): AppDb {
  return setContext(KEY, app);
}

export function getAppDb(): AppDb {
  const app = getContext<AppDb | undefined>(KEY);
  if (!app) throw new Error('getAppDb() called outside the root layout: no database context is set');
  return app;
}
