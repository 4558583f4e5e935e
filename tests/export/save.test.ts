import { afterEach, describe, expect, it, vi } from 'vitest';
import { REVOKE_AFTER_MS, saveBlob, type SaveEnvironment } from '../../src/lib/export/save';
import { DownloadTask } from '../../src/lib/components/download/DownloadTask.svelte';

/** Just enough of a page to watch what saveBlob does with it. */
function fakePage() {
  const events: string[] = [];
  const body = { children: [] as unknown[], append: (el: unknown) => body.children.push(el) };
  const link = {
    href: '',
    download: '',
    rel: '',
    hidden: false,
    click: () => events.push(`click ${link.href} as ${link.download} (in page: ${body.children.includes(link)})`),
    remove: () => {
      body.children = body.children.filter((c) => c !== link);
      events.push('remove');
    }
  };
  const env: SaveEnvironment = {
    document: { createElement: () => link, body } as unknown as SaveEnvironment['document'],
    url: {
      createObjectURL: () => (events.push('create'), 'blob:termscope/1'),
      revokeObjectURL: (url: string) => events.push(`revoke ${url}`)
    },
    setTimeout: (callback, ms) => setTimeout(callback, ms)
  };
  return { env, events, link, body };
}

afterEach(() => vi.useRealTimers());

describe('saveBlob', () => {
  it('clicks a temporary download link, removes it, and revokes the URL later', () => {
    vi.useFakeTimers();
    const { env, events, link, body } = fakePage();
    saveBlob(new Blob(['x']), 'termscope-overview.csv', env);
    expect(events).toEqual(['create', 'click blob:termscope/1 as termscope-overview.csv (in page: true)', 'remove']);
    expect(link.rel).toBe('noopener');
    expect(body.children).toEqual([]);
    vi.advanceTimersByTime(REVOKE_AFTER_MS - 1);
    expect(events).not.toContain('revoke blob:termscope/1');
    vi.advanceTimersByTime(1);
    expect(events.at(-1)).toBe('revoke blob:termscope/1');
  });
});

describe('DownloadTask (the state behind DownloadButton)', () => {
  it('is busy while the file is made, reports progress, then saves it under its name', async () => {
    const saved: [string, Blob][] = [];
    const task = new DownloadTask((blob, name) => saved.push([name, blob]));
    let finish!: (blob: Blob) => void;
    let report!: (f: number) => void;
    const running = task.run(({ progress }) => {
      report = progress;
      return new Promise<Blob>((resolve) => (finish = resolve));
    }, () => 'a.csv');
    expect(task.status).toBe('busy');
    expect(task.progress).toBe(null);
    report(0.4);
    expect(task.progress).toBe(0.4);
    report(7);
    expect(task.progress).toBe(1);
    finish(new Blob(['hello']));
    await running;
    expect(task.status).toBe('idle');
    expect(task.progress).toBe(null);
    expect(saved.map(([name]) => name)).toEqual(['a.csv']);
    expect(await saved[0]![1].text()).toBe('hello');
  });

  it('shows the error inline and clears it on the next run', async () => {
    const task = new DownloadTask(() => undefined);
    await task.run(() => Promise.reject(new Error('Column "x" is missing')), 'a.csv');
    expect(task.status).toBe('error');
    expect(task.error).toBe('Column "x" is missing');
    await task.run(() => new Blob([]), 'a.csv');
    expect(task.status).toBe('idle');
    expect(task.error).toBe(null);
  });

  it('cancels: aborts the producer, saves nothing, reports no error', async () => {
    const save = vi.fn();
    const task = new DownloadTask(save);
    let seen: AbortSignal | null = null;
    const running = task.run(
      ({ signal }) =>
        new Promise<Blob>((_resolve, reject) => {
          seen = signal;
          signal.addEventListener('abort', () => reject(signal.reason));
        }),
      'a.csv'
    );
    task.cancel();
    await running;
    expect(seen!.aborted).toBe(true);
    expect(task.status).toBe('idle');
    expect(task.error).toBe(null);
    expect(save).not.toHaveBeenCalled();
  });

  it('drops the result of a run that a newer run replaced', async () => {
    const save = vi.fn();
    const task = new DownloadTask(save);
    let finishFirst!: (blob: Blob) => void;
    const first = task.run(() => new Promise<Blob>((resolve) => (finishFirst = resolve)), 'first.csv');
    const second = task.run(() => new Blob(['2']), 'second.csv');
    finishFirst(new Blob(['1']));
    await Promise.all([first, second]);
    expect(save.mock.calls.map((c) => c[1])).toEqual(['second.csv']);
    expect(task.status).toBe('idle');
  });
});
