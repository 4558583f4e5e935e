/**
 * vitest globalSetup of the `browser` project: the demo export and a fresh `build/` (the same steps as `npm start`),
 * served on a random port of 127.0.0.1 for the whole run. Tests read the address with `inject('appUrl')`.
 */
import type { TestProject } from 'vitest/node';
import { BUILD_DIR, ensureApp } from '../../scripts/start';
import { startServer } from '../../scripts/serve';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Origin of the static server holding `build/`, without a trailing slash. */
    appUrl: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  // `npm run test:browser` has just built; this only rebuilds when run some other way on a stale build/.
  await ensureApp((line) => console.log(`[e2e] ${line}`));
  const server = await startServer({ dir: BUILD_DIR, port: 0 });
  project.provide('appUrl', server.url);
  return () => server.close();
}
