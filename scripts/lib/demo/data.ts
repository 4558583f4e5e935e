/**
 * The demo generator's data: its wording, names and weights live in data/demo/ (described in data/demo/README.md),
 * the categories' identity in data/taxonomy/categories.json. This module reads and checks them all, once: any
 * problem stops the generator before it starts, naming the file, the category or entry, and the field.
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readCategories, readTaxonomy, type DemoCategory } from './category-files';
import { DataFiles } from './json-fields';
import {
  readDocuments,
  readJurisdictions,
  readPlatforms,
  type DemoDocumentType,
  type DemoJurisdiction,
  type DemoSector,
  type Syllables
} from './platform-files';
import { PLATFORM_SLOTS, readHistoryWording, readSlots, type DemoHistoryWording, type DemoSlots } from './wording-files';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
export const DEMO_DATA_DIR = join(ROOT, 'data/demo');
export const TAXONOMY_FILE = join(ROOT, 'data/taxonomy/categories.json');

export interface DemoData {
  /** Taxonomy categories that have a template file, in the taxonomy's order. */
  categories: DemoCategory[];
  sectors: DemoSector[];
  syllables: Syllables;
  jurisdictions: DemoJurisdiction[];
  /** In the order platforms publish them (and draw whether they do). */
  documents: DemoDocumentType[];
  slots: DemoSlots;
  history: DemoHistoryWording;
}

/** Reads and checks the demo's data; throws one error listing every problem found (up to 50). */
export function loadDemoData(options: { dir?: string; taxonomyFile?: string } = {}): DemoData {
  const files = new DataFiles(options.dir ?? DEMO_DATA_DIR, ROOT);
  const taxonomyFile = options.taxonomyFile ?? TAXONOMY_FILE;
  const taxonomy = readTaxonomy(files, taxonomyFile);
  const { sectors, syllables } = readPlatforms(files);
  const sectorNames = files.knownFrom('platforms.json', new Set(sectors.map((s) => s.name)));
  const slots = readSlots(files);
  const jurisdictions = readJurisdictions(files, files.knownFrom('slots.json', new Set(Object.keys(slots.text))));
  const codes = files.knownFrom('jurisdictions.json', new Set(jurisdictions.map((j) => j.code)));
  const documents = readDocuments(files, sectorNames, codes);
  const slotNames = [...Object.keys(slots.text), ...Object.keys(slots.numbers)];
  const clauseSlots = files.knownFrom('slots.json', new Set([...PLATFORM_SLOTS, ...slotNames]));
  const history = readHistoryWording(files, clauseSlots);
  const categories = readCategories(files, taxonomy, taxonomyFile, { sectors: sectorNames, clauseSlots });
  const { count } = files.problems;
  if (count > 0) {
    const list = files.problems.lines().join('\n  ');
    throw new Error(`The demo generator's data has ${count} problem${count === 1 ? '' : 's'}:\n  ${list}`);
  }
  return { categories, sectors, syllables, jurisdictions, documents, slots, history };
}

/** Read once per process, when the generator's modules are first imported. */
export const DEMO_DATA: DemoData = loadDemoData();
