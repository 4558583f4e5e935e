/**
 * Files the analyst opened, kept in the browser's origin-private file system (OPFS,
 * `navigator.storage.getDirectory()`) so that a reload opens them again: the page's URL then says `?files=<id>`.
 * One set is kept at a time (opening other files replaces it). Where the browser has no OPFS (or refuses to write,
 * e.g. a private window), nothing is stored and `storeFiles` rejects; the caller says a reload will not keep them.
 */
import { LoadFailure } from './errors';
import type { PickedFile } from './export-source';

const ROOT = 'termscope-opened';
/** The name of the file that holds what the opened set is called (its folder's or zip's name). */
const LABEL_FILE = '.label';

async function root(): Promise<FileSystemDirectoryHandle> {
  if (!navigator.storage?.getDirectory) throw new Error('this browser has no origin-private file system');
  return (await navigator.storage.getDirectory()).getDirectoryHandle(ROOT, { create: true });
}

/**
 * The id in the page's URL for opened files this browser would not store: links inside the page keep the export
 * open, and a reload says plainly that the files are gone (a URL cannot hold the files themselves).
 */
export const NOT_KEPT = 'not-kept';

const baseName = (path: string) => path.split('/').filter(Boolean).at(-1) ?? path;

/** Stores `files` (under their plain names: an export's files are told apart by name alone) and returns its id. */
export async function storeFiles(files: readonly PickedFile[], label: string): Promise<string> {
  const dir = await root();
  // One set at a time: what was stored before is dropped first, so storage does not fill up with old exports.
  for await (const name of (dir as unknown as { keys(): AsyncIterable<string> }).keys()) await dir.removeEntry(name, { recursive: true });
  const id = `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
  const set = await dir.getDirectoryHandle(id, { create: true });
  try {
    for (const f of files) {
      const handle = await set.getFileHandle(baseName(f.path), { create: true });
      const writable = await handle.createWritable();
      await f.file.stream().pipeTo(writable);
    }
    const labelFile = await (await set.getFileHandle(LABEL_FILE, { create: true })).createWritable();
    await labelFile.write(label);
    await labelFile.close();
  } catch (error) {
    await dir.removeEntry(id, { recursive: true }).catch(() => undefined);
    throw error;
  }
  return id;
}

/** The stored set `id`: its files and label. A `LoadFailure` when it is not there any more. */
export async function readStored(id: string): Promise<{ label: string; files: PickedFile[] }> {
  if (id === NOT_KEPT) {
    throw new LoadFailure({
      file: 'the files you opened',
      message: 'were not kept: this browser does not let the page store them, so a reload cannot open them again',
      hint: 'Open them again on the Data page, or go back to the demo.'
    });
  }
  let set: FileSystemDirectoryHandle;
  try {
    set = await (await root()).getDirectoryHandle(id);
  } catch {
    throw new LoadFailure({
      file: 'the files you opened',
      message: 'are no longer stored in this browser (its storage was cleared, or they were replaced by files opened later)',
      hint: 'Open them again on the Data page, or go back to the demo.'
    });
  }
  const files: PickedFile[] = [];
  let label = id;
  for await (const [name, handle] of (set as unknown as { entries(): AsyncIterable<[string, FileSystemHandle]> }).entries()) {
    if (handle.kind !== 'file') continue;
    const file = await (handle as FileSystemFileHandle).getFile();
    if (name === LABEL_FILE) label = (await file.text()) || id;
    else files.push({ path: name, file });
  }
  return { label, files: files.sort((a, b) => a.path.localeCompare(b.path)) };
}

/** Drops every stored set ("back to the demo"). */
export async function clearStored(): Promise<void> {
  const dir = await root();
  for await (const name of (dir as unknown as { keys(): AsyncIterable<string> }).keys()) await dir.removeEntry(name, { recursive: true });
}
