/**
 * A heartbeat around every call into the DuckDB worker. duckdb-wasm gives no sign when its worker stops answering: a
 * terminated worker fires no event, a statement stuck in one long step (`repeat('x', 3000000000)`) never returns to
 * the worker's event loop, so neither the result nor `cancelSent` ever arrives and the page waits forever. While calls
 * are in flight the watchdog pings the worker; when a ping stays unanswered past `stallMs`, or a call has not ended
 * `graceMs` after its AbortSignal fired (the console's Cancel or time limit), it trips: every pending call rejects with
 * `EngineUnresponsive` and `onTrip` terminates the worker (the app then starts a new engine and reloads the export).
 *
 * Free of `@duckdb/duckdb-wasm`: the engine hands it a `ping` function, so it is tested in Node with fakes.
 */

/** The worker stopped answering and was given up; the calls in flight with it were rejected. */
export class EngineUnresponsive extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EngineUnresponsive';
  }
}

/** The default heartbeat limit (`WatchdogOptions.stallMs`). */
const STALL_MS = 10_000;

/**
 * The watchdog's heartbeat when the tables are read over HTTP as statements need them (`watch`): a statement may hold
 * the worker while it reads the whole file, one synchronous request after another, so the heartbeat allows for that
 * at `RANGE_READ_MIN_BYTES_PER_S` (loopback measured 35 MiB/s at 1,000,000 provisions; a slow network is slower),
 * never less than the usual 10 s nor more than `RANGE_READ_MAX_STALL_MS`.
 */
export const RANGE_READ_MAX_STALL_MS = 60_000;
const RANGE_READ_MIN_BYTES_PER_S = 8 * 1024 * 1024;

export function rangeReadStallMs(bytes: number): number {
  return Math.min(RANGE_READ_MAX_STALL_MS, Math.max(STALL_MS, Math.ceil((bytes / RANGE_READ_MIN_BYTES_PER_S) * 1000)));
}

export interface WatchdogOptions {
  /** How often a busy worker is pinged (the first ping goes out when a call starts). @default 500 */
  intervalMs?: number;
  /**
   * A ping unanswered this long means the worker is gone or stuck. The slowest view query measured at 1,000,000
   * provisions holds the worker for under 2 s (docs/BENCHMARKS.md); 10 s leaves room for a loaded machine.
   * @default 10_000
   */
  stallMs?: number;
  /** After an abort, how long a call may take to stop before the worker is given up. @default 1_500 */
  graceMs?: number;
}

export class Watchdog {
  private readonly intervalMs: number;
  private stallMs: number;
  private readonly graceMs: number;
  private armed = false;
  private busy = 0;
  private timer: ReturnType<typeof setInterval> | null = null;
  /** Fires `stallMs` after the unanswered ping was sent. */
  private stallTimer: ReturnType<typeof setTimeout> | null = null;
  /** When the unanswered ping was sent, or null when none is out. */
  private pingSentAt: number | null = null;
  private tripped: EngineUnresponsive | null = null;
  private readonly pending = new Set<(error: Error) => void>();

  constructor(
    private readonly ping: () => Promise<unknown>,
    private readonly onTrip: (error: EngineUnresponsive) => void,
    { intervalMs = 500, stallMs = STALL_MS, graceMs = 1_500 }: WatchdogOptions = {}
  ) {
    this.intervalMs = intervalMs;
    this.stallMs = stallMs;
    this.graceMs = graceMs;
  }

  /**
   * Starts watching (once the export is loaded: loading holds the worker for long single steps by design). `stallMs`
   * replaces the constructor's: an engine that reads its tables over the network holds the worker for as long as a
   * statement's reads take.
   */
  arm(stallMs?: number): void {
    if (stallMs !== undefined) this.stallMs = stallMs;
    this.armed = true;
    if (this.busy > 0) this.startBeating();
  }

  get hasTripped(): boolean {
    return this.tripped !== null;
  }

  /**
   * Runs `work`, rejecting with `EngineUnresponsive` if the worker stops answering meanwhile, or if the call has not
   * ended `graceMs` after `signal` aborted.
   */
  run<T>(work: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    if (this.tripped) return Promise.reject(this.tripped);
    return new Promise<T>((resolve, reject) => {
      let grace: ReturnType<typeof setTimeout> | null = null;
      const onAbort = () => {
        grace ??= setTimeout(() => {
          const why = signal?.reason === 'timeout' ? 'its time limit' : 'Cancel';
          this.trip(new EngineUnresponsive(`DuckDB did not stop the statement within ${this.graceMs / 1000} s of ${why}: its worker was stuck in one long step`));
        }, this.graceMs);
      };
      this.pending.add(reject);
      this.begin();
      if (signal?.aborted) onAbort();
      else signal?.addEventListener('abort', onAbort, { once: true });
      work()
        .then(resolve, reject)
        .finally(() => {
          if (grace) clearTimeout(grace);
          signal?.removeEventListener('abort', onAbort);
          this.pending.delete(reject);
          this.end();
        });
    });
  }

  /** Gives the worker up at once (an error event, a trap): pending calls reject with `error`. */
  trip(error: EngineUnresponsive): void {
    if (this.tripped) return;
    this.tripped = error;
    this.stopBeating();
    for (const reject of this.pending) reject(error);
    this.pending.clear();
    this.onTrip(error);
  }

  private begin(): void {
    if (this.busy++ === 0 && this.armed) this.startBeating();
  }

  private end(): void {
    if (--this.busy === 0) this.stopBeating();
  }

  private startBeating(): void {
    if (this.timer || this.tripped) return;
    // The first ping goes out at once: a worker that died while idle is found `stallMs` after it is next used.
    this.beat();
    this.timer = setInterval(() => this.beat(), this.intervalMs);
  }

  private stopBeating(): void {
    if (this.timer) clearInterval(this.timer);
    if (this.stallTimer) clearTimeout(this.stallTimer);
    this.timer = null;
    this.stallTimer = null;
    this.pingSentAt = null;
  }

  /** Sends a ping unless one is still out; a ping unanswered for `stallMs` trips the watchdog. */
  private beat(): void {
    if (this.pingSentAt !== null) return;
    const sent = performance.now();
    this.pingSentAt = sent;
    this.stallTimer = setTimeout(() => {
      if (this.pingSentAt !== sent) return;
      this.trip(new EngineUnresponsive(`DuckDB's worker did not answer for ${this.stallMs / 1000} s: it was terminated or stuck`));
    }, this.stallMs);
    this.ping().then(
      () => {
        if (this.pingSentAt !== sent) return;
        this.pingSentAt = null;
        if (this.stallTimer) clearTimeout(this.stallTimer);
        this.stallTimer = null;
      },
      () => undefined // a dead worker's ping may reject or never settle; the stall timer decides either way
    );
  }
}
