/**
 * vitest globalSetup of both projects: the small fixture export (tests/fixtures/small) built once for the whole run,
 * its folder given to every test file (`buildFixture()` in tests/helpers/fixture.ts reads it with `inject`), instead of
 * each test file building it again in its own process (0.9 s each at load 7; over 30 files use it). The build is
 * deterministic (fixed `generated_at`), so every file sees the same bytes it would have built; files copy it before
 * changing anything.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { buildExport } from '../scripts/build-export';
import { FIXTURE_DIR, FIXTURE_GENERATED_AT } from './helpers/fixture';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The fixture export built for this run (absent when a file runs outside it). */
    fixtureDir: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const root = await mkdtemp(join(tmpdir(), 'termscope-fixture-run-'));
  const dir = join(root, 'small');
  const result = await buildExport(FIXTURE_DIR, dir, { generatedAt: FIXTURE_GENERATED_AT });
  if (!result.ok) {
    await rm(root, { recursive: true, force: true });
    throw new Error(`The test fixture does not build:\n${result.errors.join('\n')}`);
  }
  project.provide('fixtureDir', dir);
  return () => rm(root, { recursive: true, force: true });
}
