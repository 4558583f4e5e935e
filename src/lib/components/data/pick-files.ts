/**
 * What the analyst picked or dropped, as `PickedFile`s with their paths: a folder (the file input's
 * `webkitdirectory`, or a dropped directory walked through `webkitGetAsEntry`), loose files, or one `.zip` (unpacked
 * by `AppDbState.open`, unzip.ts). Browser-only (File System entries), no duckdb-wasm.
 */
import type { PickedFile } from '$lib/db/export-source';

/** Files of a file input, with the folder path `webkitdirectory` gives them. */
export function inputFiles(list: FileList): PickedFile[] {
  return Array.from(list, (file) => ({ path: file.webkitRelativePath || file.name, file }));
}

function readAll(reader: FileSystemDirectoryReader): Promise<FileSystemEntry[]> {
  // readEntries answers in pages (100 entries in Chromium) until it answers an empty one.
  return new Promise((resolve, reject) => {
    const all: FileSystemEntry[] = [];
    const next = () =>
      reader.readEntries((entries) => {
        if (entries.length === 0) return resolve(all);
        all.push(...entries);
        next();
      }, reject);
    next();
  });
}

async function walk(entry: FileSystemEntry, prefix: string, out: PickedFile[]): Promise<void> {
  const path = prefix ? `${prefix}/${entry.name}` : entry.name;
  if (entry.isFile) {
    const file = await new Promise<File>((resolve, reject) => (entry as FileSystemFileEntry).file(resolve, reject));
    out.push({ path, file });
  } else if (entry.isDirectory) {
    for (const child of await readAll((entry as FileSystemDirectoryEntry).createReader())) await walk(child, path, out);
  }
}

/** Everything dropped: folders walked, files as they are. */
export async function droppedFiles(transfer: DataTransfer): Promise<PickedFile[]> {
  // Entries must be taken synchronously, before the first await: the DataTransfer empties after the event.
  const items = Array.from(transfer.items).filter((item) => item.kind === 'file');
  const entries = items.map((item) => ({ entry: item.webkitGetAsEntry?.() ?? null, file: item.getAsFile() }));
  const out: PickedFile[] = [];
  for (const { entry, file } of entries) {
    if (entry) await walk(entry, '', out);
    else if (file) out.push({ path: file.name, file });
  }
  return out;
}
