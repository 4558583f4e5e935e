/** Messages between `parquet-blob.ts` and `parquet-writer.worker.ts`. */
import type { Row } from '$lib/db/values';
import type { WorkerAnswer } from '$lib/worker-job';
import type { ParquetOptions } from './parquet';
import type { ExportColumn } from './source';

export type ParquetRequest =
  | { kind: 'rows'; rows: readonly Row[]; columns: readonly ExportColumn[]; options?: ParquetOptions }
  | { kind: 'ipc'; ipc: Uint8Array; options?: ParquetOptions };

export type ParquetResponse = WorkerAnswer<{ bytes: Uint8Array }>;
