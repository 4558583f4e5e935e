/**
 * Pins the demo export byte for byte: moving the generator's templates from TypeScript into data/demo/ (issues 8
 * and 12) had to leave every file identical, and any later refactoring of the generator must too.
 *
 * The hashes were recorded with the generator BEFORE the move (templates still in scripts/lib/demo/categories.ts),
 * by `npx tsx scripts/generate-demo.ts --out DIR --today … --provisions … [--seed …] --quiet` and
 * `sha256sum DIR/*`; the moved generator reproduces them. First at commit 0e5f5d0; then again at b3be297, after
 * Contract v1.1 (ceed6ba) added optional columns (all null in the demo), schema_version 1.1 and data_as_of to the
 * export — every other column identical row for row, documents and snapshots byte-identical; then overview.json
 * again when the overview's category rows gained `short_label` (null for the demo; nothing else differs); then when
 * the writer added the search index (clause_terms.parquet, a new file; manifest.json lists it and its engine record
 * holds it, so `engine.checks` changed too; overview.json's `row_counts` and `tables_sha256` gained its entry; every
 * other file identical).
 *
 * A deliberate change of the export changes them legitimately: a contract change (new optional columns, manifest
 * fields), an edited template or weight in data/demo/, a changed taxonomy. Then regenerate with the commands above,
 * check that the difference is the intended one (e.g. compare the tables with DuckDB, or diff manifest.json), and
 * update the constants in a commit of their own that says why. tests/scripts/demo-data.test.ts checks the
 * templates themselves without depending on these bytes.
 *
 * The engine file (termscope.duckdb) is left out: DuckDB does not write the same bytes twice (see `writeEngineFile`),
 * and generate-demo.test.ts compares its rows instead. So manifest.json is pinned without `engine.bytes` and
 * `engine.sha256` (`reproducibleFiles`); its hashes changed when the engine file came, every other file's did not.
 * Then changes.atom came (the Atom feed of the latest changes, issue 10): manifest.json gained
 * `precomputed.feed: "changes.atom"` and nothing else (diffed), every other file is unchanged. With both the feed
 * and the search index, manifest.json holds both entries (the other files are the pins of each change alone).
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateDemo, type DemoOptions } from '../../scripts/generate-demo';
import { reproducibleFiles } from '../helpers/export-files';
import { tempDirs } from './temp';

const tempDir = tempDirs('demo-bytes');


const CASES: { options: Omit<DemoOptions, 'out'>; sha256: Record<string, string> }[] = [
  {
    options: { today: '2026-11-29', provisions: 2000 },
    sha256: {
      'categories.parquet': '011b5c7ebbd4c77173dd33e6aa2e194a467063a52363e4007fe66ad5735b61e7',
      'clause_terms.parquet': '57814479972efad8e15c6a55a87e192b565dede292909b7c0a2bea5939c9b409',
      'documents.parquet': 'a0ae440d6b1b864fdb0757d2ddd7de3275a167774f800f0b6dc1569660201705',
      'changes.atom': '91bca36ef8d06e5d4cde3b6da093c7f184a3ea3a03805d63bf7e7dacc7437765',
      'manifest.json': 'f8ea57d31894921448b7cc54993f014e10caa5679c1eae510fe6ea893122204f',
      'overview.json': '07818b19ccfbe2fdcf14b0c26815c7ed057d5aff34420ea54937c347477e096e',
      'platforms.parquet': '42e0b16049620703011d2b8076ad24d213568117a0acfce6841c830a4a4df8da',
      'provision_versions.parquet': 'a1b3bab252ad652eca058134c38c1b3f2928eee33da8da93dddbfc20a11dd047',
      'provisions.parquet': '46cd8128b215e5f97e26912cbd58be559ce2aff4286a2b34629a7079a95d3844',
      'snapshots.parquet': '0647a24b774454c152709d25cbca2910119ffc9d1ad01419065f53603ba97761'
    }
  },
  {
    // Another seed, size and day: a history that ends in March 2024.
    options: { today: '2024-03-15', provisions: 5000, seed: 7 },
    sha256: {
      'categories.parquet': '011b5c7ebbd4c77173dd33e6aa2e194a467063a52363e4007fe66ad5735b61e7',
      'clause_terms.parquet': 'dad8f5dfe7f59cb76fe55f32a41157a340eae02337735331526962a99ec3f1fc',
      'documents.parquet': 'e8362fa1ce8242449270993e219a72f64672e8856ffa8a39017e812e477eb3a2',
      'changes.atom': '1380d72d65de0d8d7154b168f0923dabfc6edb8bc5371a4a55d77e4bd819c14e',
      'manifest.json': 'f347789001354c1c5df9aa3486503e869e9298f4cef76be27b34ecd3ff5526a3',
      'overview.json': '3a0b8884fa81e58c8ba875f6d1a683492d15775a0f7cd356138da87a9144b437',
      'platforms.parquet': '316134e3244883d5cc03bd3e74126e7dc3f0e43c7c033a2db933b06406adce84',
      'provision_versions.parquet': '10ed3750aa2164aa19ab2b7cbd8194050e7d28df63940acfe7f56a98e2be2fcb',
      'provisions.parquet': '3bbab858862971dad61005fa601f3c16c7d3d22a051a15d75e3a4a941dc64616',
      'snapshots.parquet': 'aa0e69688de11037fdbcf8c3bb2a01a689a3bec1410d4e4334ac0f98edd5d09d'
    }
  }
];

describe('the demo export, byte for byte', () => {
  for (const { options, sha256 } of CASES) {
    it(`is unchanged for ${JSON.stringify(options)}`, async () => {
      const out = join(tempDir(), 'demo');
      await generateDemo({ out, ...options });
      expect(reproducibleFiles(out)).toEqual(sha256);
    });
  }
});
