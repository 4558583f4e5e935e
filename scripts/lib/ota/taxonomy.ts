/** Termscope's categories, read from data/taxonomy/categories.json (id, name, short_label, group, description, question). */
import { readFileSync } from 'node:fs';

export interface Category {
  id: string;
  name: string;
  short_label: string | null;
  group: string | null;
  description: string | null;
  question: string | null;
}

function optionalText(file: string, index: number, record: Record<string, unknown>, field: string): string | null {
  const value = record[field];
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string') throw new Error(`${file}: category ${index + 1}: "${field}" must be a string`);
  return value;
}

export function readTaxonomy(file: string): Category[] {
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`${file}: ${(error as Error).message}`);
  }
  if (!Array.isArray(value)) throw new Error(`${file}: expected a JSON array of categories`);
  const seen = new Set<string>();
  return value.map((item: unknown, index) => {
    if (typeof item !== 'object' || item === null || Array.isArray(item)) throw new Error(`${file}: category ${index + 1} is not an object`);
    const record = item as Record<string, unknown>;
    for (const field of ['id', 'name'] as const) {
      if (typeof record[field] !== 'string' || record[field] === '') throw new Error(`${file}: category ${index + 1}: "${field}" is required`);
    }
    const id = record.id as string;
    if (seen.has(id)) throw new Error(`${file}: category id "${id}" appears twice`);
    seen.add(id);
    return {
      id,
      name: record.name as string,
      short_label: optionalText(file, index, record, 'short_label'),
      group: optionalText(file, index, record, 'group'),
      description: optionalText(file, index, record, 'description'),
      question: optionalText(file, index, record, 'question')
    };
  });
}
