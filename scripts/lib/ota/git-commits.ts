/**
 * The commits of a git repository, oldest first, each with the files it added, modified or deleted — read as a
 * stream from one `git log` child process, one commit at a time.
 *
 * Only the first-parent chain of HEAD is read, each commit diffed against its first parent: that is the history
 * of the branch as its owner recorded it (an Open Terms Archive versions repository is linear; a merge, if any,
 * counts as the changes it brought into the branch). Renames are read as a deletion and an addition, so a file's
 * history is always that of its path.
 */
import { spawn } from 'node:child_process';

export interface FileChange {
  /** git's status letter: A (added), M (modified), D (deleted), T (type changed). */
  status: string;
  path: string;
  /** Mode of the file after the commit ("000000" when deleted). */
  mode: string;
  /** The blob after the commit; null when deleted. */
  blob: string | null;
}

export interface Commit {
  sha: string;
  /** Committer time, Unix seconds (a timestamp with its own offset: converted to UTC wherever it is shown). */
  time: number;
  /** The whole commit message. */
  message: string;
  changes: FileChange[];
}

/** A problem with the repository itself (not a git repository, no commits, git missing): a clear message. */
export class GitError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'GitError';
  }
}

const RECORD = '\x1e';
const FIELD = '\x1f';
const ZERO_SHA = /^0{40}$/;

/** Splits `git log -z --raw` output into its NUL-separated tokens, keeping a partial token between chunks. */
async function* nulTokens(stream: AsyncIterable<Buffer>): AsyncGenerator<string> {
  let rest: Buffer = Buffer.alloc(0);
  for await (const chunk of stream) {
    const buffer = rest.length > 0 ? Buffer.concat([rest, chunk]) : chunk;
    let start = 0;
    for (let i = buffer.indexOf(0, start); i !== -1; i = buffer.indexOf(0, start)) {
      yield buffer.toString('utf8', start, i);
      start = i + 1;
    }
    rest = buffer.subarray(start);
  }
  if (rest.length > 0) yield rest.toString('utf8');
}

function parseHeader(token: string): Omit<Commit, 'changes'> {
  const body = token.slice(token.indexOf(RECORD) + 1);
  const first = body.indexOf(FIELD);
  const second = body.indexOf(FIELD, first + 1);
  const sha = body.slice(0, first);
  const time = Number(body.slice(first + 1, second));
  if (!/^[0-9a-f]{40,64}$/.test(sha) || !Number.isInteger(time)) {
    throw new GitError(`git log printed a commit header that could not be read: ${JSON.stringify(token.slice(0, 120))}`);
  }
  return { sha, time, message: body.slice(second + 1) };
}

/** `:<old mode> <new mode> <old blob> <new blob> <status>` — the raw line before each path. */
function parseRaw(token: string): Omit<FileChange, 'path'> {
  const m = /^:(\d{6}) (\d{6}) ([0-9a-f]+) ([0-9a-f]+) ([A-Z])\d*$/.exec(token.trim());
  if (!m) throw new GitError(`git log printed a file change that could not be read: ${JSON.stringify(token.slice(0, 120))}`);
  return { mode: m[2]!, blob: ZERO_SHA.test(m[4]!) || m[5] === 'D' ? null : m[4]!, status: m[5]! };
}

/**
 * The first-parent history of HEAD in `repoDir`, oldest first. git computes the order itself; this process holds
 * one commit at a time.
 */
export async function* readCommits(repoDir: string): AsyncGenerator<Commit> {
  const args = [
    '-C',
    repoDir,
    // A user's configuration must not change what git prints (signatures would interleave with the output).
    '-c',
    'log.showSignature=false',
    'log',
    '--first-parent',
    '--diff-merges=first-parent',
    '--reverse',
    '--no-renames',
    '--raw',
    '--no-abbrev',
    '-z',
    `--format=${RECORD}%H${FIELD}%ct${FIELD}%B`,
    'HEAD',
    '--'
  ];
  const git = spawn('git', args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const stderr: Buffer[] = [];
  git.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
  const exited = new Promise<number>((resolve, reject) => {
    git.on('error', (error) => reject(new GitError(`cannot run git (${error.message}); is git installed?`)));
    git.on('close', (code) => resolve(code ?? 1));
  });
  let current: Commit | null = null;
  let pendingRaw: Omit<FileChange, 'path'> | null = null;
  try {
    for await (const token of nulTokens(git.stdout)) {
      if (pendingRaw) {
        current!.changes.push({ ...pendingRaw, path: token });
        pendingRaw = null;
      } else if (token.startsWith(RECORD) || token.startsWith(`\n${RECORD}`)) {
        if (current) yield current;
        current = { ...parseHeader(token), changes: [] };
      } else if (token.replace(/^\n/, '').startsWith(':')) {
        if (!current) throw new GitError(`git log printed a file change before any commit: ${JSON.stringify(token.slice(0, 120))}`);
        pendingRaw = parseRaw(token);
      } else if (token.trim() !== '') {
        throw new GitError(`git log printed something unexpected: ${JSON.stringify(token.slice(0, 120))}`);
      }
    }
    if (current) yield current;
  } finally {
    if (git.exitCode === null) git.kill();
  }
  const code = await exited;
  if (code !== 0) {
    const message = Buffer.concat(stderr).toString('utf8').trim();
    if (/does not have any commits|unknown revision|bad (?:default )?revision/i.test(message)) {
      throw new GitError(`${repoDir}: the repository has no commits (git: ${message.split('\n')[0]})`);
    }
    if (/cannot change to/i.test(message)) throw new GitError(`${repoDir}: no such folder`);
    if (/not a git repository/i.test(message)) throw new GitError(`${repoDir}: not a git repository (clone an Open Terms Archive versions repository there)`);
    throw new GitError(`${repoDir}: git log failed with exit code ${code}: ${message.split('\n')[0] ?? ''}`);
  }
}
