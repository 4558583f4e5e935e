/**
 * Pins the demo export byte for byte: moving the generator's templates from TypeScript into data/demo/ (issues 8
 * and 12) had to leave every file identical, and any later refactoring of the generator must too.
 *
 * The hashes were recorded with the generator BEFORE the move (commit 0e5f5d0, templates still in
 * scripts/lib/demo/categories.ts), by `npx tsx scripts/generate-demo.ts --out DIR --today … --provisions …
 * [--seed …] --quiet` and `sha256sum DIR/*`; the moved generator reproduces them.
 *
 * A deliberate change of the export changes them legitimately: a contract change (new optional columns, manifest
 * fields), an edited template or weight in data/demo/, a changed taxonomy. Then regenerate with the commands above,
 * check that the difference is the intended one (e.g. compare the tables with DuckDB, or diff manifest.json), and
 * update the constants in a commit of their own that says why. tests/scripts/demo-data.test.ts checks the
 * templates themselves without depending on these bytes.
 */
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateDemo, type DemoOptions } from '../../scripts/generate-demo';
import { tempDirs } from './temp';

const tempDir = tempDirs('demo-bytes');

function sha256s(dir: string): Record<string, string> {
  return Object.fromEntries(readdirSync(dir).sort().map((f) => [f, createHash('sha256').update(readFileSync(join(dir, f))).digest('hex')]));
}

const CASES: { options: Omit<DemoOptions, 'out'>; sha256: Record<string, string> }[] = [
  {
    options: { today: '2026-11-29', provisions: 2000 },
    sha256: {
      'categories.parquet': 'a1649246b407d17e66538ed303f277b31523e00d7a66c12343261a39c63d4014',
      'documents.parquet': 'a0ae440d6b1b864fdb0757d2ddd7de3275a167774f800f0b6dc1569660201705',
      'manifest.json': '31013a3e3983fb4ac4b82fac83f05ba524e78aab5948711cf5da3f48c49b7dc1',
      'overview.json': 'eb0598a32e4483899942924c49f73d802f7e127b29bc5a4efc58534a442b429b',
      'platforms.parquet': '3b7f83139638f4d0eee77319654bf2df1b0e688ef3c506b0bb017af12f408861',
      'provision_versions.parquet': '2680a68aa2abadb9aa2f3de90c5877acc20ca17e00296a1d506671dc97df761c',
      'provisions.parquet': 'd899a861efa9ffb9dec92ebd7fa4ecc4c7dd81a9aed62ada7eb60124ec8a2763',
      'snapshots.parquet': '0647a24b774454c152709d25cbca2910119ffc9d1ad01419065f53603ba97761'
    }
  },
  {
    // Another seed, size and day: a history that ends in March 2024.
    options: { today: '2024-03-15', provisions: 5000, seed: 7 },
    sha256: {
      'categories.parquet': 'a1649246b407d17e66538ed303f277b31523e00d7a66c12343261a39c63d4014',
      'documents.parquet': 'e8362fa1ce8242449270993e219a72f64672e8856ffa8a39017e812e477eb3a2',
      'manifest.json': '2dc051a02a17c109dbb1e8f7d7a428849f718aeb01830657c004f981f4886ed3',
      'overview.json': '8480527456586ce009503202633c2a5020b1c3bebcee4e5ab2f4fb916d850be2',
      'platforms.parquet': '681ba9d362eece1264ad1ad3307c051ce608d46601b100a87330399fec2753a3',
      'provision_versions.parquet': 'b283b4883b5fa772fa598253851a268799f14a0cbbeff6c004eaf944332264ce',
      'provisions.parquet': '072a1fbf4c117ed25343056e3b1c2fb134ed5aa983a0666142fe3a7033132b7e',
      'snapshots.parquet': 'aa0e69688de11037fdbcf8c3bb2a01a689a3bec1410d4e4334ac0f98edd5d09d'
    }
  }
];

describe('the demo export, byte for byte', () => {
  for (const { options, sha256 } of CASES) {
    it(`is unchanged for ${JSON.stringify(options)}`, async () => {
      const out = join(tempDir(), 'demo');
      await generateDemo({ out, ...options });
      expect(sha256s(out)).toEqual(sha256);
    });
  }
});
