/**
 * `npm test`: the Node tests, and beside them what the browser tests need (the app's build, the real samples
 * imported into their cache: tests/e2e/real-exports.ts); then the browser tests.
 *
 * The browser tests need the build and the samples, the Node tests read neither, so they need not wait for each
 * other: docs/BENCHMARKS.md "Test suite" has the times. The build's output is held back and printed once the Node
 * tests are done (two interleaved logs are unreadable), whole, so a failed build says why.
 *
 * Arguments go to both vitest runs (`npm test -- --reporter=verbose`). Exits 1 when a step fails; the browser tests do
 * not start when the Node tests or the build failed.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { cachedRealExports } from '../tests/e2e/real-exports';
import { REMOTE_ORIGIN } from '../tests/e2e/remote-origin';
import { ROOT } from './start';

const BIN = join(ROOT, 'node_modules', '.bin');
const env = {
  ...process.env,
  // The time zone every test is written for (README.md, "Tests").
  TZ: 'America/Los_Angeles',
  // The build the browser tests run allows the second origin the Data page's URL tests serve from.
  TERMSCOPE_CONNECT_SRC: process.env.TERMSCOPE_CONNECT_SRC ?? REMOTE_ORIGIN
};

interface Step {
  ok: boolean;
  seconds: number;
  /** The output, when it was held back. */
  output: string;
}

/**
 * Runs a command; its output is held back (`hold`) or shown as it comes. `onOutput` sees what is shown, so a caller
 * can wait for a line.
 */
function run(command: string, args: string[], hold: boolean, onOutput?: (text: string) => void): Promise<Step> {
  const started = performance.now();
  return new Promise((done) => {
    const child = spawn(command, args, { cwd: ROOT, env, stdio: hold ? ['ignore', 'pipe', 'pipe'] : ['inherit', 'pipe', 'inherit'] });
    const chunks: Buffer[] = [];
    child.stdout?.on('data', (chunk: Buffer) => {
      if (hold) return void chunks.push(chunk);
      process.stdout.write(chunk);
      onOutput?.(chunk.toString('utf8'));
    });
    child.stderr?.on('data', (chunk: Buffer) => chunks.push(chunk));
    const finish = (ok: boolean, extra = '') =>
      done({ ok, seconds: (performance.now() - started) / 1000, output: Buffer.concat(chunks).toString('utf8') + extra });
    child.once('error', (error) => finish(false, `\n${command} could not start: ${error.message}\n`));
    child.once('exit', (code, signal) => finish(code === 0, code === 0 ? '' : `\n${command} ${args.join(' ')} failed (${signal ?? `exit code ${code}`})\n`));
  });
}

const vitestArgs = process.argv.slice(2);
const started = performance.now();

console.log('Node tests; the app built and the real samples imported for the browser tests beside them …\n');
const samplesLog: string[] = [];
/** Resolves when vitest prints its banner ("RUN v4…"): its Vite server, and SvelteKit's files with it, are set up. */
let markStarted: () => void = () => undefined;
const nodeStarted = new Promise<void>((resolve) => (markStarted = resolve));
let seen = '';
const nodeRun = run(join(BIN, 'vitest'), ['run', '--project', 'node', ...vitestArgs], false, (text) => {
  seen = `${seen}${text}`.slice(-4096);
  if (/\bRUN\b/.test(seen.replace(/\x1b\[[0-9;]*m/g, ''))) markStarted();
});
// If it never prints the banner (it failed to start), the build still runs.
void nodeRun.then(markStarted);
const [node, build] = await Promise.all([
  nodeRun,
  // start.ts --build: the demo export if missing, then `vite build`, under the lock other test runs respect. Only
  // once vitest has started: starting, it rewrites SvelteKit's generated files in `.svelte-kit`, which the build
  // reads, and a build that read one half-written did not start ("Cannot read properties of undefined").
  nodeStarted.then(() => run(join(BIN, 'tsx'), [join(ROOT, 'scripts', 'start.ts'), '--build'], true)),
  // A failure here is not final: the browser tests' setup imports them again and stops there, saying why.
  cachedRealExports((line) => samplesLog.push(line)).then(
    (got) => samplesLog.push(got.dir === null ? `real samples: ${got.why}` : `real samples ready in ${got.dir}`),
    (error: unknown) => samplesLog.push(`importing the real samples failed: ${error instanceof Error ? error.message : String(error)}`)
  )
]);
console.log(`\nThe build (${build.seconds.toFixed(0)} s, beside the Node tests):\n${build.output.trimEnd()}\n${samplesLog.join('\n')}\n`);

let browser: Step | null = null;
if (node.ok && build.ok) browser = await run(join(BIN, 'vitest'), ['run', '--project', 'browser', ...vitestArgs], false);

const total = (performance.now() - started) / 1000;
const status = (step: Step | null) => (step === null ? 'not run' : `${step.ok ? 'passed' : 'FAILED'} in ${step.seconds.toFixed(0)} s`);
console.log(
  `\nnpm test: Node tests ${status(node)}, build ${status(build)}, browser tests ${status(browser)}; ` +
    `${Math.floor(total / 60)} min ${Math.round(total % 60)} s in all.`
);
process.exit(node.ok && build.ok && browser?.ok ? 0 : 1);
