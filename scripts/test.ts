/**
 * `npm test`: the Node tests; beside them what the browser tests need (the app's build, the real samples imported
 * into their cache: tests/e2e/real-exports.ts); and, as soon as those are ready, the browser tests, still beside the
 * Node tests.
 *
 * The Node tests run one file at a time and leave part of a 2-core machine idle; the browser tests fill it, instead of
 * waiting for the Node tests to end (docs/BENCHMARKS.md "Test suite" has the times). Two interleaved logs are
 * unreadable, so the Node tests' output is shown as it comes, and the build's and the browser tests' output is held
 * back: the build's printed whole once it is done (a failed build says why), the browser tests' from the moment the
 * Node tests end, then as it comes.
 *
 * Arguments go to both vitest runs (`npm test -- --reporter=verbose`). Exits 1 when a step fails; the browser tests do
 * not start when the build failed.
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

/** Where a run's output goes: held back until `release()`, then shown as it comes (stdout and stderr, in order). */
class Output {
  private held: [NodeJS.WriteStream, Buffer][] | null;
  constructor(hold: boolean) {
    this.held = hold ? [] : null;
  }
  write(stream: NodeJS.WriteStream, chunk: Buffer): void {
    if (this.held) this.held.push([stream, chunk]);
    else stream.write(chunk);
  }
  release(): void {
    const held = this.held;
    this.held = null;
    for (const [stream, chunk] of held ?? []) stream.write(chunk);
  }
}

/**
 * Runs a command; its output is kept whole (`keep`: returned in `output`, for a build's log) or written to `out`.
 * `onOutput` sees the stdout that goes to `out`, so a caller can wait for a line.
 */
function run(command: string, args: string[], out: Output | 'keep', onOutput?: (text: string) => void): Promise<Step> {
  const started = performance.now();
  return new Promise((done) => {
    const child = spawn(command, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    const chunks: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => {
      if (out === 'keep') return void chunks.push(chunk);
      out.write(process.stdout, chunk);
      onOutput?.(chunk.toString('utf8'));
    });
    child.stderr.on('data', (chunk: Buffer) => (out === 'keep' ? chunks.push(chunk) : out.write(process.stderr, chunk)));
    const finish = (ok: boolean, extra = '') =>
      done({ ok, seconds: (performance.now() - started) / 1000, output: Buffer.concat(chunks).toString('utf8') + extra });
    child.once('error', (error) => finish(false, `\n${command} could not start: ${error.message}\n`));
    child.once('close', (code, signal) => finish(code === 0, code === 0 ? '' : `\n${command} ${args.join(' ')} failed (${signal ?? `exit code ${code}`})\n`));
  });
}

const vitestArgs = process.argv.slice(2);
const started = performance.now();

console.log('Node tests; beside them the app built, the real samples imported, then the browser tests …\n');
const samplesLog: string[] = [];
/** Resolves when vitest prints its banner ("RUN v4…"): its Vite server, and SvelteKit's files with it, are set up. */
let markStarted: () => void = () => undefined;
const nodeStarted = new Promise<void>((resolve) => (markStarted = resolve));
let seen = '';
const nodeRun = run(join(BIN, 'vitest'), ['run', '--project', 'node', '--project', 'node-mocks', ...vitestArgs], new Output(false), (text) => {
  seen = `${seen}${text}`.slice(-4096);
  if (/\bRUN\b/.test(seen.replace(/\x1b\[[0-9;]*m/g, ''))) markStarted();
});
// If it never prints the banner (it failed to start), the build still runs.
void nodeRun.then(markStarted);
const ready = Promise.all([
  // start.ts --build: the demo export if missing, then `vite build`, under the lock other test runs respect. Only
  // once vitest has started: starting, it rewrites SvelteKit's generated files in `.svelte-kit`, which the build
  // reads, and a build that read one half-written did not start ("Cannot read properties of undefined").
  nodeStarted.then(() => run(join(BIN, 'tsx'), [join(ROOT, 'scripts', 'start.ts'), '--build'], 'keep')),
  // A failure here is not final: the browser tests' setup imports them again and stops there, saying why.
  cachedRealExports((line) => samplesLog.push(line)).then(
    (got) => samplesLog.push(got.dir === null ? `real samples: ${got.why}` : `real samples ready in ${got.dir}`),
    (error: unknown) => samplesLog.push(`importing the real samples failed: ${error instanceof Error ? error.message : String(error)}`)
  )
]).then(([build]) => build);
const browserOutput = new Output(true);
const browserRun: Promise<Step | null> = ready.then((build) => {
  if (!build.ok) return null;
  const at = ((performance.now() - started) / 1000).toFixed(0);
  console.log(`\n[npm test] the build is ready (${build.seconds.toFixed(0)} s): the browser tests start at ${at} s, beside the Node tests; their output follows the Node tests'.\n`);
  return run(join(BIN, 'vitest'), ['run', '--project', 'browser', ...vitestArgs], browserOutput);
});
const [node, build] = await Promise.all([nodeRun, ready]);
console.log(`\nThe build (${build.seconds.toFixed(0)} s, beside the Node tests):\n${build.output.trimEnd()}\n${samplesLog.join('\n')}\n`);
if (build.ok) console.log(`The browser tests, started beside the Node tests (their output so far, then as it comes):\n`);
browserOutput.release();
const browser = await browserRun;

const total = (performance.now() - started) / 1000;
const status = (step: Step | null) => (step === null ? 'not run' : `${step.ok ? 'passed' : 'FAILED'} in ${step.seconds.toFixed(0)} s`);
console.log(
  `\nnpm test: Node tests ${status(node)}, build ${status(build)}, browser tests ${status(browser)}; ` +
    `${Math.floor(total / 60)} min ${Math.round(total % 60)} s in all.`
);
process.exit(node.ok && build.ok && browser?.ok ? 0 : 1);
