/**
 * Termscope's taxonomy, data/taxonomy/categories.json (see its README): read and checked in one place for every
 * tool that writes categories (the importers; the demo reads the same file for its sixteen).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const TAXONOMY_FILE = fileURLToPath(new URL('../../data/taxonomy/categories.json', import.meta.url));

export interface Category {
  id: string;
  name: string;
  short_label: string;
  group: string;
  description: string;
  question: string;
}

const CATEGORY_FIELDS = ['id', 'name', 'short_label', 'group', 'description', 'question'] as const;
const SLUG = /^[a-z][a-z0-9_]*$/;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Checks the parsed file: every field present and non-empty, no unknown field, ids slugs and unique. */
export function checkTaxonomy(path: string, value: unknown, problems: string[]): Category[] {
  if (!Array.isArray(value)) {
    if (value !== undefined) problems.push(`${path}: expected an array of categories`);
    return [];
  }
  const seen = new Set<string>();
  const categories: Category[] = [];
  value.forEach((entry, i) => {
    const where = `${path}: category ${i + 1}${isObject(entry) && typeof entry.id === 'string' ? ` ("${entry.id}")` : ''}`;
    if (!isObject(entry)) return problems.push(`${where} is not an object`);
    const missing = CATEGORY_FIELDS.filter((f) => typeof entry[f] !== 'string' || (entry[f] as string).trim() === '');
    if (missing.length > 0) return problems.push(`${where}: missing or empty ${missing.join(', ')}`);
    const extra = Object.keys(entry).filter((k) => !(CATEGORY_FIELDS as readonly string[]).includes(k));
    if (extra.length > 0) problems.push(`${where}: unknown field ${extra.join(', ')} (a category has ${CATEGORY_FIELDS.join(', ')})`);
    const id = entry.id as string;
    if (!SLUG.test(id)) problems.push(`${where}: id must be lowercase letters, digits and underscores`);
    if (seen.has(id)) problems.push(`${where}: id "${id}" appears twice`);
    seen.add(id);
    categories.push(Object.fromEntries(CATEGORY_FIELDS.map((f) => [f, entry[f]])) as unknown as Category);
  });
  return categories;
}

/** Reads and checks the taxonomy; throws one error listing every problem. */
export function readTaxonomy(path: string = TAXONOMY_FILE): Category[] {
  const problems: string[] = [];
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new Error(`${path}: ${(error as Error).message}`);
  }
  const categories = checkTaxonomy(path, value, problems);
  if (problems.length > 0) throw new Error(problems.join('\n'));
  return categories;
}

/** A category as a row of the export's `categories` table (builder input). */
export function categoryRow(c: Category): Record<string, string> {
  return {
    category_id: c.id,
    name: c.name,
    group_name: c.group,
    description: c.description,
    short_label: c.short_label,
    question: c.question
  };
}
