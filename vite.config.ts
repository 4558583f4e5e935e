import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';

/** Node test files that replace modules with `vi.mock`: each runs in a process of its own (project `node-mocks`). */
const MOCKING_FILES = ['tests/filters/url-state.test.ts'];

export default defineConfig({
  plugins: [sveltekit()],
  worker: { format: 'es' },
  // Both ship their own wasm, loaded through `?url` imports; pre-bundling would break those paths.
  optimizeDeps: { exclude: ['@duckdb/duckdb-wasm', 'parquet-wasm'] },
  build: { chunkSizeWarningLimit: 2048 },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'node',
          environment: 'node',
          include: ['tests/**/*.test.ts'],
          exclude: ['tests/e2e/**', ...MOCKING_FILES],
          // The small fixture export, built once for the run instead of once per file.
          globalSetup: ['tests/global-fixture.ts'],
          // The files run one after another in one process, which loads DuckDB, Arrow and the app's modules once
          // instead of once per file: 217 -> 198 CPU-seconds for the project. A module's state then carries over
          // from file to file, so the files that replace modules (vi.mock) run apart, in `node-mocks`.
          isolate: false,
          // One file at a time (vitest's default on 2 cores): two at a time failed two tests on their time limits at
          // load 22-28 (docs/BENCHMARKS.md "Test suite"); `npm test` builds the app, then runs the browser tests, on
          // what that leaves of the machine meanwhile.
          // Room for a machine loaded 20-30 deep, as in the browser project: a test of 8 s at load 7 took 60.1 s at
          // load 22-28 (two files at a time) and failed a 60 s limit. A hung test still fails.
          testTimeout: 120_000,
          hookTimeout: 180_000
        }
      },
      {
        extends: true,
        test: { name: 'node-mocks', environment: 'node', include: MOCKING_FILES, testTimeout: 120_000 }
      },
      {
        extends: true,
        test: {
          name: 'browser',
          environment: 'node',
          include: ['tests/e2e/**/*.test.ts'],
          globalSetup: ['tests/global-fixture.ts', 'tests/e2e/global-setup.ts'],
          // One Chromium per test file, a fresh context per session (tests/e2e/setup.ts).
          setupFiles: ['tests/e2e/setup.ts'],
          // Two test files at a time (one Chromium each) on the 2-core CI machine: measured 6.0 min for the browser
          // suite against 7.5 min one file at a time, side by side on a quiet machine. Tests wait for signals, never for
          // fixed times.
          fileParallelism: true,
          maxWorkers: 2,
          // Each worker runs its files one after another in one process (its modules, playwright-core's among them,
          // loaded once): 88 → 68 CPU-seconds of the test processes over the project. The helpers' module state
          // carries over from file to file; the browser's does not, but for a demo page one file hands over to the
          // next (`warmApp(path, { handOver: true })`, tests/e2e/app.ts): every other session is a fresh context.
          isolate: false,
          // No test needs more than 60 s on a quiet machine (long ones are split; tests not about loading share a
          // warm page, tests/e2e/app.ts); twice that leaves room for a machine loaded 10-20 deep.
          testTimeout: 120_000,
          hookTimeout: 180_000,
          // expect.poll's own default gives up after 1 s: on a machine loaded 10-20 deep a redraw after a query can
          // take longer than that. A poll still fails, naming what it last saw, when the page never gets there.
          expect: { poll: { timeout: 30_000, interval: 100 } }
        }
      }
    ]
  }
});
