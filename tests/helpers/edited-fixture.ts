/**
 * Variants of the small fixture for tests of one rule: the fixture's JSON Lines records, edited table by table in
 * TypeScript, built into a real export with the export builder. The edited records are returned too, in the shape
 * `fixtureRows` gives (columns added in contract v1.1 null when a record leaves them out), for reference
 * computations.
 */
import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildExport } from '../../scripts/build-export';
import { INPUT_TABLES, tableSpec, type TableName } from '../../src/lib/contract/schema';
import { FIXTURE_DIR, FIXTURE_GENERATED_AT, fixtureRows } from './fixture';

export type Rec = Record<string, unknown>;
export type Edits = Partial<Record<TableName, (records: Rec[]) => Rec[]>>;

export interface EditedFixture {
  /** The built export. */
  dir: string;
  /** The records it was built from, per table. */
  rows: (table: TableName) => Rec[];
  remove(): Promise<void>;
}

/** Builds the fixture with `edits` applied into a new temporary folder (`dataAsOf`: the manifest's data_as_of). */
export async function buildEditedFixture(edits: Edits, options: { dataAsOf?: string } = {}): Promise<EditedFixture> {
  const work = await mkdtemp(join(tmpdir(), 'termscope-edited-fixture-'));
  const input = join(work, 'in');
  await cp(FIXTURE_DIR, input, { recursive: true });
  const tables = new Map<TableName, Rec[]>();
  for (const table of INPUT_TABLES) {
    const added = tableSpec(table).columns.filter((c) => c.addedIn !== undefined).map((c) => c.name);
    const edit = edits[table];
    const records = edit ? edit(fixtureRows<Rec>(table).map((r) => ({ ...r }))) : fixtureRows<Rec>(table);
    tables.set(
      table,
      records.map((r) => {
        const full = { ...r };
        for (const name of added) if (!(name in full)) full[name] = null;
        return full;
      })
    );
    if (edit) await writeFile(join(input, `${table}.jsonl`), records.map((r) => JSON.stringify(r)).join('\n') + '\n');
  }
  const dir = join(work, 'export');
  const result = await buildExport(input, dir, { generatedAt: FIXTURE_GENERATED_AT, dataAsOf: options.dataAsOf });
  if (!result.ok) {
    await rm(work, { recursive: true, force: true });
    throw new Error(`The edited fixture does not build:\n${result.errors.join('\n')}`);
  }
  return { dir, rows: (table) => tables.get(table) ?? [], remove: () => rm(work, { recursive: true, force: true }) };
}
