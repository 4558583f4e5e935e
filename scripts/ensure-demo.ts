/**
 * Makes sure the default export exists before `vite dev` / `vite build`: generates static/exports/demo (as
 * `npm run data` does) when its manifest.json is missing — or when it has no engine file, or one checked by other
 * rules than this code's (the app would then load its Parquet files, or run the checks again, on every visit), or no
 * search index (`/search` would fall back to substring matching) — and
 * otherwise leaves it alone.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { checksId } from '../src/lib/contract/checks';
import { fail, isMain } from './lib/cli';
import { generateDemo } from './generate-demo';

export const DEMO_DIR = 'static/exports/demo';

type DemoManifest = {
  generated_at?: unknown;
  engine?: { checks?: unknown };
  tables?: { clause_terms?: unknown };
  precomputed?: { feed?: unknown };
};

/** Why an existing demo export must be generated again, or null when it is current. */
export function staleReason(manifest: DemoManifest): string | null {
  if (!manifest.engine) return 'it has no engine file';
  if (manifest.engine.checks !== checksId()) return 'its engine file was checked by other rules than these';
  if (!manifest.tables?.clause_terms) return 'it has no search index (clause_terms)';
  if (!manifest.precomputed?.feed) return 'it has no changes.atom feed';
  return null;
}

/**
 * `provisions`: the size of an export it generates (default: the demo's, DEFAULT_PROVISIONS). Only tests pass it, to
 * check what is regenerated when without generating the full demo export each time.
 */
export async function ensureDemo(dir = DEMO_DIR, provisions?: number): Promise<'present' | 'generated' | 'regenerated'> {
  const path = join(dir, 'manifest.json');
  let text: string | null = null;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  let stale: string | null = null;
  if (text !== null) {
    let manifest: DemoManifest;
    try {
      manifest = JSON.parse(text) as DemoManifest;
    } catch (error) {
      throw new Error(`${path} is not valid JSON (${(error as Error).message}); run \`npm run data\` to regenerate the demo export`);
    }
    stale = staleReason(manifest);
    if (!stale) {
      console.log(`Demo export present: ${dir} (generated_at ${String(manifest.generated_at)}); run \`npm run data\` to regenerate it.`);
      return 'present';
    }
  }
  if (stale) {
    console.log(`Regenerating the demo export in ${dir}: ${stale} …`);
    const result = await generateDemo({ out: dir, provisions, log: (m) => console.log(m) });
    console.log(`Regenerated ${dir} in ${result.seconds.toFixed(1)} s.`);
    return 'regenerated';
  }
  console.log(`No ${join(dir, 'manifest.json')}: generating the demo export (npm run data) …`);
  const result = await generateDemo({ out: dir, provisions, log: (m) => console.log(m) });
  const rows = Object.entries(result.manifest.tables).map(([t, e]) => `${t} ${e.rows}`);
  console.log(`Generated ${dir} in ${result.seconds.toFixed(1)} s: ${rows.join(', ')}`);
  return 'generated';
}

if (isMain(import.meta.url)) ensureDemo().catch(fail);
