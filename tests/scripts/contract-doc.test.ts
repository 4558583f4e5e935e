import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderContract, updateDoc } from '../../scripts/lib/contract-doc';
import { TABLES } from '../../src/lib/contract/schema';

describe('docs/DATA.md', () => {
  const doc = readFileSync('docs/DATA.md', 'utf8');

  it('holds the contract as schema.ts defines it (run `tsx scripts/contract-doc.ts --write` after changing the schema)', () => {
    expect(updateDoc(doc)).toBe(doc);
  });

  it('lists every column of every table', () => {
    const section = renderContract();
    for (const table of TABLES) {
      expect(section).toContain(`### \`${table.name}\``);
      for (const column of table.columns) expect(section).toContain(`| \`${column.name}\` | ${column.type} |`);
    }
  });
});
