/**
 * One job in a fresh worker (the Parquet writer, the SQL console's sort): the worker gets one message and answers
 * once, `{ type: 'done', … }` or `{ type: 'error', message }`. It is terminated as soon as it answers, fails to
 * start, or `signal` aborts, which stops the work at once. `start` creates the worker where its module is named
 * (`new Worker(new URL('./x.worker.ts', import.meta.url), …)`), so that Vite bundles it.
 */
export type WorkerAnswer<Done> = ({ type: 'done' } & Done) | { type: 'error'; message: string };

export function workerJob<Done>(
  start: () => Worker,
  message: unknown,
  transfer: Transferable[],
  /** What failed, for the errors: "Could not sort: …", "The sort stopped: …". */
  words: { failed: string; stopped: string },
  signal?: AbortSignal
): Promise<Done> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const worker = start();
    const finish = () => {
      worker.terminate();
      signal?.removeEventListener('abort', onAbort);
    };
    const onAbort = () => {
      finish();
      reject(signal!.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    worker.onmessage = (event: MessageEvent<WorkerAnswer<Done>>) => {
      finish();
      if (event.data.type === 'done') resolve(event.data);
      else reject(new Error(`${words.failed}: ${event.data.message}`));
    };
    worker.onerror = (event) => {
      finish();
      reject(new Error(`${words.stopped}: ${event.message || 'the worker failed to start'}`));
    };
    worker.postMessage(message, transfer);
  });
}
