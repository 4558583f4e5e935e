/**
 * A view's filter state, read from and written to the page URL, so links and back/forward reproduce what the analyst
 * saw. The URL is the only store: `value` is derived from `page.url`, and changing a filter navigates.
 *
 * In a view (created during component initialisation, like any runes class that reads `page`):
 *
 *   const filters = new UrlState(compareParams);          // compareParams = defineParams({...}), see schema.ts
 *   const query = $derived(compareQuery(filters.value));  // URL -> filter state -> query builder
 *
 *   {#each filters.notes as note}<p class="note">{note}</p>{/each}
 *   <select value={filters.value.severity ?? ''} onchange={(e) => filters.set({ severity: e.currentTarget.value || null })}>
 *   <input value={filters.value.q} oninput={(e) => filters.set({ q: e.currentTarget.value }, { replace: true })} />
 *   <a href={filters.href({ sort: { column: 'severity', direction: 'desc' } })}>Worst first</a>
 *
 * `set` adds a history entry (so Back undoes a filter change); pass `{ replace: true }` for changes made
 * keystroke by keystroke. Focus and scroll stay where they are.
 *
 * Prerendering has no query string (SvelteKit throws on reading it), so outside the browser `value` is the defaults;
 * views that depend on filters render their data in the browser anyway, once the engine is loaded.
 */
import { browser } from '$app/environment';
import { goto } from '$app/navigation';
import { page } from '$app/state';
import { urlWith, type ParamSchema, type Parsed } from './schema';

export interface SetOptions {
  /** Replace the current history entry instead of adding one. @default false */
  replace?: boolean;
}

export class UrlState<T> {
  readonly #schema: ParamSchema<T>;
  readonly #parsed: Parsed<T> = $derived.by(() =>
    browser ? this.#schema.parse(page.url.searchParams) : { value: this.#schema.defaults, notes: [] }
  );

  constructor(schema: ParamSchema<T>) {
    this.#schema = schema;
  }

  /** The filters the URL asks for, with defaults for anything missing or malformed. */
  get value(): T {
    return this.#parsed.value;
  }

  /** What was ignored in the URL and why, for the page to show. */
  get notes(): readonly string[] {
    return this.#parsed.notes;
  }

  /** The URL of this page with `patch` applied (canonical: defaults and ignored parameters left out). */
  url(patch: Partial<T> = {}): URL {
    return urlWith(page.url, this.#schema, { ...this.value, ...patch });
  }

  /** A link target for `patch` on this page: "/compare?severity=high" (path, query and hash; no origin). */
  href(patch: Partial<T> = {}): string {
    const url = this.url(patch);
    return `${url.pathname}${url.search}${url.hash}`;
  }

  /** Changes some filters; resolves when the navigation is done. Does nothing when the URL would not change. */
  async set(patch: Partial<T>, { replace = false }: SetOptions = {}): Promise<void> {
    const next = this.url(patch);
    if (next.href === page.url.href) return;
    await goto(next, { keepFocus: true, noScroll: true, replaceState: replace });
  }

  /** Back to every default (keeps app-wide parameters such as `?export=`). */
  reset(options?: SetOptions): Promise<void> {
    return this.set(this.#schema.defaults, options);
  }
}
