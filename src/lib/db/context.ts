/**
 * The loaded export, handed to pages through a typed Svelte context. The root layout creates it; a page that asks for
 * it outside the layout gets an error rather than a silent undefined.
 */
import { getContext, setContext } from 'svelte';
import type { ColumnarDb, Db, ExportInfo, LoadError, TableProgress } from './types';

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
