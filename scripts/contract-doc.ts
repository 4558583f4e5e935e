/**
 * Prints the contract section of docs/DATA.md from schema.ts, or with `--write` updates docs/DATA.md in place:
 * `tsx scripts/contract-doc.ts [--write]`.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { fail, isMain } from './lib/cli';
import { renderContract, updateDoc } from './lib/contract-doc';

export const DATA_DOC = 'docs/DATA.md';

async function main(): Promise<void> {
  if (!process.argv.includes('--write')) {
    console.log(renderContract());
    return;
  }
  const doc = await readFile(DATA_DOC, 'utf8');
  const next = updateDoc(doc);
  await writeFile(DATA_DOC, next);
  console.log(next === doc ? `${DATA_DOC} is up to date` : `Updated the contract section of ${DATA_DOC}`);
}

if (isMain(import.meta.url)) main().catch(fail);
