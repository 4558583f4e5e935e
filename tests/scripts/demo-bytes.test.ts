/**
 * Pins the demo export byte for byte: moving the generator's templates from TypeScript into data/demo/ (issues 8
 * and 12) had to leave every file identical, and any later refactoring of the generator must too.
 *
 * The hashes were recorded with the generator BEFORE the move (templates still in scripts/lib/demo/categories.ts),
 * by `npx tsx scripts/generate-demo.ts --out DIR --today … --provisions … [--seed …] --quiet` and
 * `sha256sum DIR/*`; the moved generator reproduces them. First at commit 0e5f5d0; then again at b3be297, after
 * Contract v1.1 (ceed6ba) added optional columns (all null in the demo), schema_version 1.1 and data_as_of to the
 * export — every other column identical row for row, documents and snapshots byte-identical; then overview.json
 * again when the overview's category rows gained `short_label` (null for the demo; nothing else differs).
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
 * `precomputed.feed: "changes.atom"` and nothing else (diffed), every other file is unchanged.
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
      'documents.parquet': 'a0ae440d6b1b864fdb0757d2ddd7de3275a167774f800f0b6dc1569660201705',
      'changes.atom': '91bca36ef8d06e5d4cde3b6da093c7f184a3ea3a03805d63bf7e7dacc7437765',
      'manifest.json': '8538202a89607242c3bbe72d35ee4687d8e47178a915b3200eb09d4f24d7f537',
      'overview.json': '4c259cb0e0e8f89e2a486b9d385b8d1620e052989999ade0cee6577b3ee608b6',
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
      'documents.parquet': 'e8362fa1ce8242449270993e219a72f64672e8856ffa8a39017e812e477eb3a2',
      'changes.atom': '1380d72d65de0d8d7154b168f0923dabfc6edb8bc5371a4a55d77e4bd819c14e',
      'manifest.json': '3fa53522b7534ff51a50145e625facc97e00869a460a6252ee71624d8db5ea9a',
      'overview.json': '4e7170844c23387b702b20106fc25ab3c21d808a668366cf1e6ac65f5963a966',
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
