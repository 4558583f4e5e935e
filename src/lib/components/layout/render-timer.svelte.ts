/**
 * A view's render time: from its result's arrival to the frame after it is drawn, shown as `data-render-ms` (read by
 * the benchmarks) and, with the key of the result drawn, as `data-rendered-key`. Create it while a component is
 * initialised: it runs an effect that lives as long as the component.
 */
export class RenderTimer {
  /** Milliseconds from the result's arrival to the frame after it was drawn; null until then. */
  ms = $state<number | null>(null);
  /** The key of the result `ms` is for. */
  key = $state<string | null>(null);

  /** `arrived` gives the `performance.now()` of the latest result's arrival (null before one) and its key. */
  constructor(arrived: () => { at: number | null; key?: string | null } | null) {
    $effect(() => {
      const result = arrived();
      if (!result || result.at === null) return;
      const { at, key = null } = result;
      this.ms = null;
      // The frame after the drawing frame: the time includes layout and paint of what the result changed.
      const frame = requestAnimationFrame(() =>
        setTimeout(() => {
          this.ms = performance.now() - at;
          this.key = key;
        }, 0)
      );
      return () => cancelAnimationFrame(frame);
    });
  }

  /** `ms` as the `data-render-ms` attribute wants it. */
  get attr(): string | undefined {
    return this.ms?.toFixed(1);
  }
}
