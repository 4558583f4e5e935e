/**
 * `npm start`: make sure the demo export exists, build the app when `build/` is missing or older than its inputs,
 * then serve it (port 4173, or $PORT; the next free port when taken). `--build` only builds (always), under the lock.
 *
 * A build takes tens of seconds (see docs/BENCHMARKS.md), so it is skipped when nothing it reads has changed:
 * a second `npm start` serves at once, and an edited source or a regenerated export is never served stale.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { startServer, type StaticServer } from './serve';

export const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));
export const BUILD_DIR = join(ROOT, 'build');
const BIN = join(ROOT, 'node_modules', '.bin');
/** What `vite build` reads, besides node_modules (whose changes come with package-lock.json). */
const BUILD_INPUTS = ['src', 'static', 'svelte.config.js', 'vite.config.ts', 'package.json', 'package-lock.json'];
/** Written last by adapter-static's fallback step, so its time is when the build finished. */
const BUILD_MARKER = join(BUILD_DIR, '404.html');

function run(command: string, args: string[]): Promise<void> {
  return new Promise((ok, fail) => {
    const child = spawn(command, args, { cwd: ROOT, stdio: 'inherit' });
    child.once('error', fail);
    child.once('exit', (code, signal) =>
      code === 0 ? ok() : fail(new Error(`${command} ${args.join(' ')} failed (${signal ?? `exit code ${code}`})`))
    );
  });
}

/** Newest modification time (ms) of a file or anything inside a folder; 0 when absent. */
export function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const stats = statSync(path);
  if (!stats.isDirectory()) return stats.mtimeMs;
  let newest = stats.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

/** Why `build/` must be rebuilt, or null when it is up to date. */
export function staleReason(): string | null {
  if (!existsSync(BUILD_MARKER)) return 'build/ does not exist yet';
  const builtAt = statSync(BUILD_MARKER).mtimeMs;
  const changed = BUILD_INPUTS.find((input) => newestMtime(join(ROOT, input)) > builtAt);
  return changed ? `${changed} changed since the last build` : null;
}

/** The demo export (helper script `ensure-demo.ts`, the same step `npm run build` starts with). */
export async function ensureDemo(): Promise<void> {
  await run(join(BIN, 'tsx'), [join(ROOT, 'scripts', 'ensure-demo.ts')]);
}

const BUILD_LOCK = join(ROOT, 'node_modules', '.cache', 'termscope-build.lock');

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Runs `fn` while holding a lock on `build/`, so two test runs or `npm start`s started together do not build into the
 * same folder at once (which leaves a mix of two builds). A lock left by a process that died is taken over.
 */
export async function withBuildLock<T>(fn: () => Promise<T>, log: (line: string) => void = console.log): Promise<T> {
  mkdirSync(dirname(BUILD_LOCK), { recursive: true });
  let announced = false;
  for (;;) {
    try {
      writeFileSync(BUILD_LOCK, String(process.pid), { flag: 'wx' });
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = Number(readFileSync(BUILD_LOCK, 'utf8'));
      if (!Number.isInteger(holder) || holder <= 0 || !isRunning(holder)) {
        rmSync(BUILD_LOCK, { force: true });
        continue;
      }
      if (!announced) log(`Waiting for process ${holder}, which is building the app…`);
      announced = true;
      await delay(250);
    }
  }
  try {
    return await fn();
  } finally {
    rmSync(BUILD_LOCK, { force: true });
  }
}

/**
 * `tsx scripts/start.ts --build`: the demo export if missing, then always `vite build`, under the build lock — what
 * `npm run build` does, minus the race when two test runs build into `build/` at the same moment.
 */
export function buildApp(log: (line: string) => void = console.log): Promise<number> {
  return withBuildLock(async () => {
    await ensureDemo();
    const started = performance.now();
    await run(join(BIN, 'vite'), ['build']);
    const ms = performance.now() - started;
    log(`Built in ${(ms / 1000).toFixed(1)} s.`);
    return ms;
  }, log);
}

/** Demo export present and `build/` fresh; returns the build time in ms when a build ran. */
export function ensureApp(log: (line: string) => void = console.log): Promise<{ buildMs: number | null }> {
  return withBuildLock(() => ensureFresh(log), log);
}

/**
 * A private copy of the fresh build, for test runs and benchmarks: whoever rebuilds `build/` meanwhile (another
 * test run, `npm run build`) cannot change the files under a running server. ~45 MB, copied in well under a second.
 */
export function snapshotApp(log: (line: string) => void = console.log): Promise<{ dir: string; remove(): Promise<void> }> {
  return withBuildLock(async () => {
    await ensureFresh(log);
    sweepSnapshots();
    const dir = await mkdtemp(join(tmpdir(), SNAPSHOT_PREFIX));
    await cp(BUILD_DIR, dir, { recursive: true });
    // Dotfiles are never served (scripts/serve.ts); this one tells a later sweep whether the copy is still in use.
    writeFileSync(join(dir, SNAPSHOT_OWNER), String(process.pid));
    return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
  }, log);
}

const SNAPSHOT_PREFIX = 'termscope-app-';
const SNAPSHOT_OWNER = '.owner-pid';

/** Removes copies whose process is gone (a test run killed before its teardown). */
function sweepSnapshots(): void {
  for (const name of readdirSync(tmpdir())) {
    if (!name.startsWith(SNAPSHOT_PREFIX)) continue;
    const dir = join(tmpdir(), name);
    let owner: number;
    try {
      owner = Number(readFileSync(join(dir, SNAPSHOT_OWNER), 'utf8'));
    } catch {
      // Being copied right now (the owner file is written last), or not ours: leave it.
      continue;
    }
    if (Number.isInteger(owner) && owner > 0 && !isRunning(owner)) rmSync(dir, { recursive: true, force: true });
  }
}

async function ensureFresh(log: (line: string) => void): Promise<{ buildMs: number | null }> {
  await ensureDemo();
  const reason = staleReason();
  if (!reason) return { buildMs: null };
  log(`Building the app (${reason})…`);
  const started = performance.now();
  // vite directly: `npm run build` would run ensure-demo a second time.
  await run(join(BIN, 'vite'), ['build', '--logLevel', 'warn']);
  const buildMs = performance.now() - started;
  log(`Built in ${(buildMs / 1000).toFixed(1)} s.`);
  return { buildMs };
}

/** Listens on `port`, or the next free one of the following `tries - 1`. */
export async function serveOnFreePort(dir: string, port: number, host: string, tries = 20): Promise<StaticServer> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await startServer({ dir, port: port + attempt, host });
    } catch (error) {
      const busy = (error as NodeJS.ErrnoException).code === 'EADDRINUSE';
      if (!busy || attempt + 1 >= tries) throw error;
      console.log(`Port ${port + attempt} is in use, trying ${port + attempt + 1}.`);
    }
  }
}

async function main(): Promise<void> {
  const port = Number(process.env.PORT ?? 4173);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a port number, got "${process.env.PORT}".`);
  await ensureApp();
  const server = await serveOnFreePort(BUILD_DIR, port, process.env.HOST ?? '127.0.0.1');
  console.log(`\n  Termscope is running at ${server.url}/\n  (Ctrl+C to stop)\n`);
  const stop = () => void server.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  (process.argv.includes('--build') ? buildApp().then(() => undefined) : main()).catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
