/** What the numbers were measured on: they mean little without it. */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, release, totalmem } from 'node:os';

export interface Machine {
  date: string;
  cpu: string;
  nproc: number;
  ramGiB: number;
  os: string;
  node: string;
  chromium: string;
  /** 1-minute load average when the run started: other work on the machine skews the timings. */
  loadAverage: number;
}

function osName(): string {
  try {
    const pretty = /^PRETTY_NAME="?([^"\n]*)"?$/m.exec(readFileSync('/etc/os-release', 'utf8'));
    if (pretty?.[1]) return `${pretty[1]} (kernel ${release()})`;
  } catch {
    // not Linux, or no os-release: the kernel release still says something
  }
  return `${process.platform} ${release()}`;
}

function chromiumVersion(path: string): string {
  try {
    // Debian's wrapper script prints shell noise on stderr; the version line is on stdout.
    return execFileSync(path, ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch (error) {
    return `unknown (${path}: ${error instanceof Error ? error.message : String(error)})`;
  }
}

export function describeMachine(chromiumPath: string): Machine {
  return {
    date: new Date().toISOString(),
    cpu: cpus()[0]?.model.trim() ?? 'unknown',
    nproc: availableParallelism(),
    ramGiB: Math.round((totalmem() / 1024 ** 3) * 10) / 10,
    os: osName(),
    node: process.version,
    chromium: chromiumVersion(chromiumPath),
    loadAverage: Math.round(loadavg()[0]! * 100) / 100
  };
}
