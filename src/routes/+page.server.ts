/**
 * Build time only (the app is static files; this runs while `/` is prerendered): the bundled export's manifest and
 * precomputed overview numbers, so the overview's HTML holds its true numbers and chart (see
 * `$lib/overview/prerendered.ts`). Without a usable export, the page is prerendered empty, as before.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseManifest } from '$lib/contract/manifest';
import { DEFAULT_EXPORT } from '$lib/db/export-location';
import { checkPrerendered, type PrerenderedOverview } from '$lib/overview/prerendered';

export const prerender = true;

/** Where `npm run build` finds the bundled export: the static folder it copies into the build. */
const EXPORT_DIR = join('static', 'exports', DEFAULT_EXPORT);

async function readPrerendered(): Promise<PrerenderedOverview | null> {
  try {
    const manifest = parseManifest(JSON.parse(await readFile(join(EXPORT_DIR, 'manifest.json'), 'utf8')), join(EXPORT_DIR, 'manifest.json'));
    const file = manifest.precomputed?.overview;
    if (!file) return null;
    return checkPrerendered(DEFAULT_EXPORT, manifest, JSON.parse(await readFile(join(EXPORT_DIR, file), 'utf8')));
  } catch {
    return null; // no bundled export (or a broken one): the page loads its numbers in the browser, as for any export
  }
}

export async function load(): Promise<{ prerendered: PrerenderedOverview | null }> {
  return { prerendered: await readPrerendered() };
}
