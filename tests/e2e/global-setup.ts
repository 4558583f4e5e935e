/**
 * vitest globalSetup of the `browser` project: the demo export and a fresh `build/` (the same steps as `npm start`),
 * copied to a private folder and served on a random port of 127.0.0.1 for the whole run. Tests read the address
 * with `inject('appUrl')` and the served folder with `inject('appDir')`.
 */
import type { TestProject } from 'vitest/node';
import { startServer } from '../../scripts/serve';
import { snapshotApp } from '../../scripts/start';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Origin of the static server holding the app, without a trailing slash. */
    appUrl: string;
    /** The folder it serves: a copy of `build/`, so a rebuild elsewhere cannot change it during the run. */
    appDir: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  // `npm run test:browser` has just built; this only rebuilds when run some other way on a stale build/.
  const app = await snapshotApp((line) => console.log(`[e2e] ${line}`));
  const server = await startServer({ dir: app.dir, port: 0 });
  project.provide('appUrl', server.url);
  project.provide('appDir', app.dir);
  return async () => {
    await server.close();
    await app.remove();
  };
}
