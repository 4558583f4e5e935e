/**
 * Makes sure the default export exists before `vite dev` / `vite build`: generates static/exports/demo (as
 * `npm run data` does) when its manifest.json is missing, and leaves an existing one alone.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fail, isMain } from './lib/cli';
import { generateDemo } from './generate-demo';

export const DEMO_DIR = 'static/exports/demo';

export async function ensureDemo(dir = DEMO_DIR): Promise<'present' | 'generated'> {
  const path = join(dir, 'manifest.json');
  let text: string | null = null;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  if (text !== null) {
    let generatedAt: unknown;
    try {
      generatedAt = (JSON.parse(text) as { generated_at?: unknown }).generated_at;
    } catch (error) {
      throw new Error(`${path} is not valid JSON (${(error as Error).message}); run \`npm run data\` to regenerate the demo export`);
    }
    console.log(`Demo export present: ${dir} (generated_at ${String(generatedAt)}); run \`npm run data\` to regenerate it.`);
    return 'present';
  }
  console.log(`No ${join(dir, 'manifest.json')}: generating the demo export (npm run data) …`);
  const result = await generateDemo({ out: dir, log: (m) => console.log(m) });
  const rows = Object.entries(result.manifest.tables).map(([t, e]) => `${t} ${e.rows}`);
  console.log(`Generated ${dir} in ${result.seconds.toFixed(1)} s: ${rows.join(', ')}`);
  return 'generated';
}

if (isMain(import.meta.url)) ensureDemo().catch(fail);
