/**
 * Reads file contents (blobs) from a git repository through one long-lived `git cat-file --batch` child process:
 * ask for an object id, get its bytes. One request at a time, so only one blob is in memory.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { GitError } from './git-commits';

export class BlobReader {
  private readonly git: ChildProcessWithoutNullStreams;
  private readonly chunks: Buffer[] = [];
  private buffered = 0;
  private wake: (() => void) | null = null;
  private ended = false;
  private failure: Error | null = null;
  private readonly stderr: Buffer[] = [];
  private busy = false;

  constructor(private readonly repoDir: string) {
    this.git = spawn('git', ['-C', repoDir, 'cat-file', '--batch'], { stdio: ['pipe', 'pipe', 'pipe'] });
    this.git.stdout.on('data', (chunk: Buffer) => {
      this.chunks.push(chunk);
      this.buffered += chunk.length;
      this.notify();
    });
    this.git.stderr.on('data', (chunk: Buffer) => this.stderr.push(chunk));
    this.git.on('error', (error) => {
      this.failure = new GitError(`cannot run git cat-file (${error.message}); is git installed?`);
      this.notify();
    });
    this.git.on('close', () => {
      this.ended = true;
      this.notify();
    });
    // A closed pipe is reported through 'close' and the read that waits for it.
    this.git.stdin.on('error', () => {});
  }

  private notify(): void {
    const wake = this.wake;
    this.wake = null;
    wake?.();
  }

  /** Waits until at least `n` bytes are buffered, or fails when git has ended first. */
  private async fill(n: number): Promise<void> {
    while (this.buffered < n) {
      if (this.failure) throw this.failure;
      if (this.ended) {
        const message = Buffer.concat(this.stderr).toString('utf8').trim();
        throw new GitError(`${this.repoDir}: git cat-file ended early${message ? `: ${message.split('\n')[0]}` : ''}`);
      }
      await new Promise<void>((resolve) => (this.wake = resolve));
    }
  }

  /** Takes `n` buffered bytes. */
  private take(n: number): Buffer {
    const all = this.chunks.length === 1 ? this.chunks[0]! : Buffer.concat(this.chunks);
    const out = all.subarray(0, n);
    const rest = all.subarray(n);
    this.chunks.length = 0;
    if (rest.length > 0) this.chunks.push(rest);
    this.buffered = rest.length;
    return out;
  }

  /** Index of the first newline in the buffered bytes, or -1. */
  private newline(): number {
    let offset = 0;
    for (const chunk of this.chunks) {
      const i = chunk.indexOf(10);
      if (i !== -1) return offset + i;
      offset += chunk.length;
    }
    return -1;
  }

  /** The contents of the blob `id`. */
  async read(id: string): Promise<Buffer> {
    if (!/^[0-9a-f]{40,64}$/.test(id)) throw new GitError(`not a git object id: ${JSON.stringify(id)}`);
    if (this.busy) throw new Error('BlobReader.read: one request at a time');
    this.busy = true;
    try {
      this.git.stdin.write(`${id}\n`);
      let end = this.newline();
      while (end === -1) {
        await this.fill(this.buffered + 1);
        end = this.newline();
      }
      const header = this.take(end + 1).toString('utf8').trim();
      const m = /^([0-9a-f]+) (\w+) (\d+)$/.exec(header);
      if (!m) throw new GitError(`${this.repoDir}: object ${id} cannot be read (git cat-file: ${header})`);
      if (m[2] !== 'blob') throw new GitError(`${this.repoDir}: object ${id} is a ${m[2]}, not a file`);
      const size = Number(m[3]);
      await this.fill(size + 1);
      // `take` may return a view of a larger buffer: copy, so the rest of git's output can be released.
      return Buffer.from(this.take(size + 1).subarray(0, size));
    } finally {
      this.busy = false;
    }
  }

  close(): void {
    this.git.stdin.end();
  }
}
