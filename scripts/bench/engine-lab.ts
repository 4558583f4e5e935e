/**
 * The engine lab (scripts/bench/engine-lab/): the app's own `Engine` on a page of its own, built with Vite beside the
 * app and served under `/lab/`, so the benchmark can time what the app's loading is made of — the floor (duckdb-wasm
 * started, SELECT 1), attaching an engine file in ranges, whole, or in ranges with the first view's tables copied to
 * memory — and run the views' statements on a fresh engine, for the wasm ÷ native ratios.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'vite';
import { launchBrowser, assertSameOrigin } from '../../tests/e2e/browser';
import { ROOT } from '../start';
import type { LabQuery, LabResult } from './engine-lab/result';

export type { LabQuery, LabResult } from './engine-lab/result';

export interface LabRun extends LabResult {
  /** Bytes and requests of the engine file the page fetched. */
  fileBytes: number;
  fileRequests: number;
}

/** Builds the lab page into a temporary folder (to mount at `/lab`); `remove` deletes it. */
export async function buildEngineLab(): Promise<{ dir: string; remove(): Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'termscope-lab-'));
  await build({
    configFile: false,
    root: join(ROOT, 'scripts', 'bench', 'engine-lab'),
    base: '/lab/',
    logLevel: 'warn',
    worker: { format: 'es' },
    build: { outDir: dir, emptyOutDir: true, chunkSizeWarningLimit: 4096 }
  });
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}

/** Writes a list of statements for the lab (`?queries=`) into its folder; returns the URL path. */
export async function writeLabQueries(labDir: string, name: string, queries: readonly LabQuery[]): Promise<string> {
  await writeFile(join(labDir, `${name}.json`), JSON.stringify(queries));
  return `/lab/${name}.json`;
}

/** One lab page load in a fresh browser profile. */
export async function measureLab(
  baseUrl: string,
  options: { mode: 'floor' | 'ranges' | 'whole' | 'copy'; file?: string; queries?: string; repeat?: number; timeoutMs?: number }
): Promise<LabRun> {
  const session = await launchBrowser();
  const sizes: Promise<number>[] = [];
  session.context.on('requestfinished', (request) => {
    if (options.file && request.url().endsWith(options.file)) sizes.push(request.sizes().then((s) => s.responseBodySize, () => 0));
  });
  try {
    const query = new URLSearchParams({ mode: options.mode, ...(options.file ? { file: options.file } : {}), ...(options.queries ? { queries: options.queries } : {}), repeat: String(options.repeat ?? 5) });
    await session.page.goto(`${baseUrl}/lab/index.html?${query}`, { waitUntil: 'commit' });
    await session.page.waitForFunction(() => window.__lab?.done === true, undefined, { timeout: options.timeoutMs ?? 600_000, polling: 100 });
    const result = (await session.page.evaluate(() => window.__lab)) as LabResult;
    assertSameOrigin(session, baseUrl);
    if (result.error) throw new Error(`engine lab (${options.mode}): ${result.error}`);
    const bytes = await Promise.all(sizes);
    return { ...result, fileBytes: bytes.reduce((a, b) => a + b, 0), fileRequests: bytes.length };
  } finally {
    await session.close();
  }
}

declare global {
  interface Window {
    __lab?: LabResult;
  }
}
