/**
 * The state of one download button: idle -> busy (with progress when the producer reports it) -> idle, or -> error
 * with the message shown beside the button. A new run or `cancel()` aborts the running one; its late result is
 * dropped rather than saved.
 */
import { errorMessage } from '$lib/db/latest';
import { saveBlob } from '$lib/export/save';

export interface DownloadContext {
  /** Aborted when the analyst cancels, starts again, or leaves the page. */
  signal: AbortSignal;
  /** Share done, 0..1, when the producer can tell. */
  progress(fraction: number): void;
}

export type MakeBlob = (context: DownloadContext) => Blob | Promise<Blob>;

export type DownloadStatus = 'idle' | 'busy' | 'error';

export class DownloadTask {
  status = $state<DownloadStatus>('idle');
  /** 0..1 while busy, when the producer reports it; null otherwise. */
  progress = $state<number | null>(null);
  error = $state<string | null>(null);
  #controller: AbortController | null = null;
  readonly #save: (blob: Blob, fileName: string) => void;

  constructor(save: (blob: Blob, fileName: string) => void = saveBlob) {
    this.#save = save;
  }

  get busy(): boolean {
    return this.status === 'busy';
  }

  async run(make: MakeBlob, fileName: string | (() => string)): Promise<void> {
    this.#controller?.abort();
    const controller = new AbortController();
    this.#controller = controller;
    this.status = 'busy';
    this.progress = null;
    this.error = null;
    try {
      const blob = await make({
        signal: controller.signal,
        progress: (fraction) => {
          if (this.#controller === controller) this.progress = Math.min(1, Math.max(0, fraction));
        }
      });
      controller.signal.throwIfAborted();
      this.#save(blob, typeof fileName === 'function' ? fileName() : fileName);
      this.status = 'idle';
    } catch (error) {
      if (this.#controller !== controller) return; // superseded by a newer run
      if (controller.signal.aborted) {
        this.status = 'idle';
      } else {
        this.status = 'error';
        this.error = errorMessage(error);
      }
    } finally {
      if (this.#controller === controller) {
        this.#controller = null;
        this.progress = null;
      }
    }
  }

  cancel(): void {
    this.#controller?.abort(new DOMException('The download was cancelled', 'AbortError'));
  }
}
