/**
 * What a view's filter card does with its URL: `refine` sets filters and starts again where a new result starts (the
 * first page: `reset`), and the platform filter reads and writes its four URL parameters. Create it while the page
 * is initialised (its `platform` is derived from the URL).
 *
 *   const bar = new FilterBar(filters, { page: 1 });
 *   <PlatformFilter value={bar.platform} onchange={bar.setPlatforms} />
 *   <SeverityFilter value={v.severity} onchange={(severity) => bar.refine({ severity })} />
 */
import type { UrlState } from '$lib/filters/UrlState.svelte';
import type { PlatformFilterValue } from './options';
import { platformFilterPatch, platformFilterValue, type PlatformFilterParams } from './params';

type SetOptions = { replace?: boolean };

export class FilterBar<T extends PlatformFilterParams> {
  readonly #filters: UrlState<T>;
  readonly #reset: Partial<T>;

  /** The platform filter's value, from the URL. */
  readonly platform: PlatformFilterValue = $derived.by(() => platformFilterValue(this.#filters.value));

  constructor(filters: UrlState<T>, reset: Partial<T> = {}) {
    this.#filters = filters;
    this.#reset = reset;
  }

  /** Sets `patch` (and `reset`) in the URL. */
  readonly refine = (patch: Partial<T>, options?: SetOptions): void => {
    void this.#filters.set({ ...patch, ...this.#reset }, options);
  };

  /** A change made in the platform filter. */
  readonly setPlatforms = (patch: Partial<PlatformFilterValue>, options?: SetOptions): void => {
    this.refine(platformFilterPatch(patch) as Partial<T>, options);
  };
}
