/**
 * A `.zip` of an export, read in the page with fflate's streaming `Unzip` (no worker: the policy allows workers of
 * the app's own scripts only, and fflate's would be a `blob:` one). The archive is read in chunks and each entry
 * becomes a Blob, so no single buffer holds the whole archive and its contents at once. Folders inside the archive
 * are kept in the paths; the caller recognises tables by file name.
 */
import { Unzip, UnzipInflate, UnzipPassThrough } from 'fflate';
import { LoadFailure } from './errors';
import type { PickedFile } from './export-source';

/** Reads `zip` (named `name` in messages); `onProgress` gets the archive's bytes read so far. */
export async function unzipExport(zip: Blob, name: string, onProgress: (read: number, total: number) => void = () => undefined): Promise<PickedFile[]> {
  const files: PickedFile[] = [];
  const pending: Promise<void>[] = [];
  /** Entries whose data has not ended yet: after the archive's last byte, the archive was cut short. */
  const open = new Map<string, () => void>();
  let failure: Error | null = null;
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
