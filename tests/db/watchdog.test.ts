/** The watchdog with a fake worker: pings answered or not, calls that end or hang, aborts that stop or do not. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { EngineUnresponsive, rangeReadStallMs, Watchdog } from '../../src/lib/db/watchdog';

/** A fake worker whose pings answer only while `alive`. */
function fakeWorker() {
  const state = { alive: true, pings: 0, trips: [] as string[] };
  const ping = () => {
    state.pings++;
    return state.alive ? Promise.resolve() : new Promise(() => undefined);
  };
  return { state, ping, onTrip: (e: EngineUnresponsive) => void state.trips.push(e.message) };
}

const never = () => new Promise<never>(() => undefined);

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('Watchdog', () => {
  it('lets calls through while the worker answers its pings, however long they take', async () => {
    const w = fakeWorker();
    const dog = new Watchdog(w.ping, w.onTrip, { intervalMs: 500, stallMs: 10_000 });
    dog.arm();
    let done = false;
    const call = dog.run(() => new Promise<string>((resolve) => setTimeout(() => resolve('rows'), 60_000))).then((v) => ((done = true), v));
    await vi.advanceTimersByTimeAsync(60_000);
    await expect(call).resolves.toBe('rows');
    expect(done).toBe(true);
    expect(w.state.pings).toBeGreaterThan(100);
    expect(w.state.trips).toEqual([]);
  });

  it('gives up a worker that stops answering, within the stall limit plus one interval', async () => {
    const w = fakeWorker();
    const dog = new Watchdog(w.ping, w.onTrip, { intervalMs: 500, stallMs: 10_000 });
    dog.arm();
    const call = dog.run(never);
    const outcome = call.catch((e: Error) => e);
    await vi.advanceTimersByTimeAsync(3_000);
    w.state.alive = false; // terminated: no answer, no event
    await vi.advanceTimersByTimeAsync(10_000);
    expect(w.state.trips).toEqual([]);
    await vi.advanceTimersByTimeAsync(1_000);
    const error = await outcome;
    expect(error).toBeInstanceOf(EngineUnresponsive);
    expect((error as Error).message).toMatch(/did not answer for 10 s/);
    expect(w.state.trips).toHaveLength(1);
    // Later calls fail at once: the engine is to be replaced.
    await expect(dog.run(() => Promise.resolve(1))).rejects.toBeInstanceOf(EngineUnresponsive);
  });

  it('armed with a longer stall (an engine reading its file in ranges), waits that long for a busy worker', async () => {
    const w = fakeWorker();
    const dog = new Watchdog(w.ping, w.onTrip, { intervalMs: 500, stallMs: 10_000 });
    dog.arm(60_000);
    const outcome = dog.run(never).catch((e: Error) => e);
    w.state.alive = false; // busy in one long read: the pings wait
    await vi.advanceTimersByTimeAsync(59_000);
    expect(w.state.trips).toEqual([]);
    await vi.advanceTimersByTimeAsync(2_000);
    expect(((await outcome) as Error).message).toMatch(/did not answer for 60 s/);
  });

  it('gives up a statement that has not stopped 1.5 s after its time limit, and not before', async () => {
    const w = fakeWorker();
    const dog = new Watchdog(w.ping, w.onTrip, { stallMs: 60_000, graceMs: 1_500 });
    dog.arm();
    const controller = new AbortController();
    const outcome = dog.run(never, controller.signal).catch((e: Error) => e);
    await vi.advanceTimersByTimeAsync(10_000);
    controller.abort('timeout');
    await vi.advanceTimersByTimeAsync(1_400);
    expect(w.state.trips).toEqual([]);
    await vi.advanceTimersByTimeAsync(200);
    expect(((await outcome) as Error).message).toMatch(/within 1.5 s of its time limit/);
  });

  it('does not trip when an aborted call stops in time, and stays quiet while idle or unarmed', async () => {
    const w = fakeWorker();
    const dog = new Watchdog(w.ping, w.onTrip, { stallMs: 2_000, graceMs: 1_500 });
    w.state.alive = false;
    // Not armed yet (loading): a long silent step is allowed.
    const loading = dog.run(() => new Promise((resolve) => setTimeout(resolve, 30_000)));
    await vi.advanceTimersByTimeAsync(30_000);
    await loading;
    expect(w.state.pings).toBe(0);
    dog.arm();
    w.state.alive = true;
    const controller = new AbortController();
    const call = dog.run(() => new Promise((_, reject) => controller.signal.addEventListener('abort', () => setTimeout(() => reject(new Error('cancelled')), 1_000))), controller.signal);
    const outcome = call.catch((e: Error) => e.message);
    controller.abort('cancelled');
    await vi.advanceTimersByTimeAsync(5_000);
    expect(await outcome).toBe('cancelled');
    // Idle: no pings go out, so a dead worker is only found when it is next used — the stall limit after that.
    w.state.alive = false;
    const pings = w.state.pings;
    await vi.advanceTimersByTimeAsync(60_000);
    expect(w.state.pings).toBe(pings);
    expect(w.state.trips).toEqual([]);
    const next = dog.run(never).catch((e: Error) => e);
    expect(w.state.pings).toBe(pings + 1); // pinged at once
    await vi.advanceTimersByTimeAsync(1_999);
    expect(w.state.trips).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(await next).toBeInstanceOf(EngineUnresponsive);
  });
});

describe('rangeReadStallMs', () => {
  const MiB = 1024 * 1024;
  it('keeps 10 s for a small engine file (the demo: a dead worker is still found in 10 s)', () => {
    expect(rangeReadStallMs(0)).toBe(10_000);
    expect(rangeReadStallMs(19 * MiB)).toBe(10_000);
    expect(rangeReadStallMs(80 * MiB)).toBe(10_000);
  });
  it('allows reading the whole file at 8 MiB/s in between', () => {
    expect(rangeReadStallMs(200 * MiB)).toBe(25_000);
  });
  it('is never over 60 s (the 1,000,000-provision engine file is 774 MiB)', () => {
    expect(rangeReadStallMs(774 * MiB)).toBe(60_000);
  });
});
