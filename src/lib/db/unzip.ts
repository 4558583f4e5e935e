/**
 * A `.zip` of an export, read in the page with fflate's streaming `Unzip` (no worker: the policy allows workers of
 * the app's own scripts only, and fflate's would be a `blob:` one). The archive is read in chunks and each entry
 * becomes a Blob, so no single buffer holds the whole archive and its contents at once. Folders inside the archive
 * are kept in the paths; the caller recognises tables by file name.
 */
import { Unzip, UnzipInflate, UnzipPassThrough } from 'fflate';
import { LoadFailure } from './errors';
import type { PickedFile } from './export-source';

/**
 * A zip bomb's mark: an archive that inflates past `BOMB_BYTES` to more than `BOMB_RATIO` times its own size. An
 * export's Parquet files are compressed already (a zip of them is barely smaller), and CSV text compresses about
 * 5–10 times; hundreds of times is data made to fill the page's memory, refused before it does.
 */
export const BOMB_RATIO = 200;
export const BOMB_BYTES = 256 * 1024 * 1024;

/** Reads `zip` (named `name` in messages); `onProgress` gets the archive's bytes read so far. */
export async function unzipExport(zip: Blob, name: string, onProgress: (read: number, total: number) => void = () => undefined): Promise<PickedFile[]> {
  const files: PickedFile[] = [];
  const pending: Promise<void>[] = [];
  /** Entries whose data has not ended yet: after the archive's last byte, the archive was cut short. */
  const open = new Map<string, () => void>();
  let failure: Error | null = null;
  let inflated = 0;
  const unzip = new Unzip((entry) => {
    if (entry.name.endsWith('/')) return; // a folder entry
    const chunks: Uint8Array[] = [];
    pending.push(
      new Promise<void>((resolve) => {
        open.set(entry.name, resolve);
        entry.ondata = (error, chunk, final) => {
          if (final || error) open.delete(entry.name);
          if (error) {
            failure ??= new Error(`${entry.name}: ${error.message}`);
            return resolve();
          }
          chunks.push(chunk);
          inflated += chunk.byteLength;
          if (inflated > BOMB_BYTES && inflated > BOMB_RATIO * zip.size) {
            failure ??= new Error(
              `${entry.name} inflates to more than ${Math.round(inflated / 1048576)} MiB from a ${Math.max(1, Math.round(zip.size / 1024))} KiB archive, which only a zip bomb does; nothing of it was kept`
            );
            chunks.length = 0;
            open.delete(entry.name);
            entry.terminate();
            return resolve();
          }
          if (final) {
            files.push({ path: entry.name, file: new Blob(chunks as BlobPart[]) });
            resolve();
          }
        };
      })
    );
    try {
      entry.start();
    } catch (error) {
      // An entry compressed with a method fflate cannot read (only stored and deflate are).
      failure ??= new Error(`${entry.name}: ${(error as Error).message}`);
    }
  });
  unzip.register(UnzipInflate);
  unzip.register(UnzipPassThrough);
  const fail = (why: string): never => {
    throw new LoadFailure({ file: name, message: `is not a readable .zip (${why})`, hint: 'Zip the export folder again, or open the folder itself.' });
  };
  const reader = zip.stream().getReader();
  let read = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      read += value.byteLength;
      unzip.push(value, false);
      onProgress(read, zip.size);
      if (failure) break;
    }
    if (!failure) unzip.push(new Uint8Array(0), true);
  } catch (error) {
    failure ??= error as Error;
  }
  for (const [entry, resolve] of open) {
    failure ??= new Error(`it ends before ${entry} does: the file is truncated`);
    resolve();
  }
  await Promise.all(pending);
  if (failure) fail((failure as Error).message);
  if (files.length === 0) fail(zip.size === 0 ? 'the file is empty' : 'no file was found in it');
  return files;
}

/** A single `.zip` is unpacked (its name, without `.zip`, names the export); anything else is returned as it is. */
export async function expandZip(
  files: readonly PickedFile[],
  onProgress: (read: number, total: number) => void
): Promise<{ label: string | undefined; files: readonly PickedFile[] }> {
  if (files.length !== 1 || !/\.zip$/i.test(files[0]!.path)) return { label: undefined, files };
  const zip = files[0]!;
  const name = zip.path.split('/').at(-1)!;
  const inner = await unzipExport(zip.file, name, onProgress);
  // A zip of a folder holds "folder/…" paths (the folder names the export); files at its top level, the zip's name.
  const tops = new Set(inner.map((f) => (f.path.includes('/') ? f.path.split('/')[0] : '')));
  return { label: tops.size === 1 && !tops.has('') ? [...tops][0] : name.replace(/\.zip$/i, ''), files: inner };
}
