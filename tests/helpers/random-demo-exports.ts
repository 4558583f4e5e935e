/**
 * A property over demo exports written by the demo generator from random seeds, sizes and "today"s (2023-2026): for
 * tests that hold two ways of answering the views' statements to the same rows on data they were not written for.
 */
import { join } from 'node:path';
import fc from 'fast-check';
import { generateDemo } from '../../scripts/generate-demo';

export interface RandomDemoOptions {
  /** Where each export is written (a folder removed after the test file, tests/scripts/temp.ts). */
  tempDir: () => string;
  /** Provisions of each export: from 150 to this many. */
  maxProvisions: number;
  numRuns: number;
}

/** Runs `check` on the folder of each generated export; a failure is shrunk and reported with its seed. */
export async function forRandomDemoExports(options: RandomDemoOptions, check: (dir: string) => Promise<void>): Promise<void> {
  await fc.assert(
    fc.asyncProperty(
      fc.integer({ min: 1, max: 1_000_000 }),
      fc.integer({ min: 150, max: options.maxProvisions }),
      fc.date({ min: new Date('2023-01-01T00:00:00Z'), max: new Date('2026-12-31T00:00:00Z'), noInvalidDate: true }),
      async (seed, provisions, today) => {
        const out = join(options.tempDir(), `demo-${seed}`);
        await generateDemo({ out, seed, provisions, today: today.toISOString().slice(0, 10), log: () => undefined });
        await check(out);
      }
    ),
    { numRuns: options.numRuns }
  );
}
