/** Temporary folders for script tests, removed after each test file. */
import { chmodSync, copyFileSync, cpSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';

/** A fresh temporary folder; everything made by `tempDir` in a test file is removed after it. */
export function tempDirs(prefix: string): () => string {
  const made: string[] = [];
  afterAll(() => {
    for (const dir of made) rmSync(dir, { recursive: true, force: true });
  });
  return () => {
    const dir = mkdtempSync(join(tmpdir(), `termscope-${prefix}-`));
    made.push(dir);
    return dir;
  };
}

/** Copies a folder's files into a writable copy. */
export function copyDir(from: string, to: string): string {
  cpSync(from, to, { recursive: true });
  for (const name of readdirSync(to)) chmodSync(join(to, name), 0o644);
  return to;
}

/** Copies one file, writable (sources such as ../shared/data are read-only). */
export function copyFile(from: string, to: string): void {
  copyFileSync(from, to);
  chmodSync(to, 0o644);
}
