/**
 * For a browser test file that makes its own exports: a temporary folder to make them in, and the built app served
 * with them mounted beside its own (`/exports/<name>` → a folder), from a `beforeAll` of the file (or describe block)
 * until its `afterAll`, which stops the server and removes the folder.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, inject } from 'vitest';
import { startServer, type StaticServer } from '../../scripts/serve';

export interface ServedExports {
  /** The server's origin, without a trailing slash. */
  readonly url: string;
  /** The temporary folder the exports were made in. */
  readonly work: string;
}

/** `make` writes the exports under `work` and returns the mounts (URL path → folder). */
export function servedExports(name: string, make: (work: string) => Promise<Record<string, string>>): ServedExports {
  let work: string | undefined;
  let server: StaticServer | undefined;
  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), `termscope-${name}-`));
    server = await startServer({ dir: inject('appDir'), port: 0, mounts: await make(work) });
  });
  afterAll(async () => {
    await server?.close();
    if (work) await rm(work, { recursive: true, force: true });
  });
  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error(`servedExports(${name}): not started (its beforeAll failed or has not run)`);
    return value;
  };
  return {
    get url() { return started(server).url; },
    get work() { return started(work); }
  };
}
