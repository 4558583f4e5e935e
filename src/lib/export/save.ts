/**
 * Hands a Blob to the browser as a download: an object URL on a temporary `<a download>`, clicked, then removed.
 * The URL is revoked later, not at once: some browsers read it only after `click()` returns, and revoking early
 * cancels the download (FileSaver.js waits 40 s for the same reason). The Blob's memory is freed at revocation.
 */

export const REVOKE_AFTER_MS = 40_000;

/** What `saveBlob` needs from the page; tests pass their own. */
export interface SaveEnvironment {
  document: Pick<Document, 'createElement' | 'body'>;
  url: Pick<typeof URL, 'createObjectURL' | 'revokeObjectURL'>;
  setTimeout: (callback: () => void, ms: number) => unknown;
}

function browserEnvironment(): SaveEnvironment {
  return { document, url: URL, setTimeout: (callback, ms) => setTimeout(callback, ms) };
}

export function saveBlob(blob: Blob, fileName: string, env: SaveEnvironment = browserEnvironment()): void {
  const href = env.url.createObjectURL(blob);
  const link = env.document.createElement('a');
  link.href = href;
  link.download = fileName;
  link.rel = 'noopener';
  link.hidden = true;
  env.document.body.append(link);
  try {
    link.click();
  } finally {
    link.remove();
    env.setTimeout(() => env.url.revokeObjectURL(href), REVOKE_AFTER_MS);
  }
}
