/**
 * A table whose sort and page are kept in the view's URL (so a link or Back restores them): the `sort`/`onsort` and
 * `page`/`onpage` props of `DataTable` and the tables built on it, read from and written to the view's `UrlState`.
 * Spread them on the table: `<RemitTable {...urlSort(filters, 'remitSort', { remitPage: 1 })} {...urlPage(filters, 'remitPage')} />`.
 */
import type { Sort } from './params';
import type { UrlState } from './UrlState.svelte';

/** The keys of `T` whose values are `V`. */
type KeysOf<T, V> = { [K in keyof T]: T[K] extends V ? K : never }[keyof T];

/**
 * The table's order, from `key`; a new order also sets `reset` (the table's page back to 1, so the first rows of the
 * new order show). The table only offers its own columns, so what it hands back is one of the param's sorts.
 */
export function urlSort<T>(
  filters: UrlState<T>,
  key: KeysOf<T, Sort<string>>,
  reset: Partial<T> = {}
): { sort: Sort<string>; onsort: (sort: Sort<string>) => void } {
  return {
    sort: filters.value[key] as Sort<string>,
    onsort: (sort) => void filters.set({ ...reset, [key]: sort } as Partial<T>)
  };
}

/** The table's page: 1-based in the URL (`?page=2`), 0-based for the table. */
export function urlPage<T>(filters: UrlState<T>, key: KeysOf<T, number>): { page: number; onpage: (page: number) => void } {
  return {
    page: (filters.value[key] as number) - 1,
    onpage: (page) => void filters.set({ [key]: page + 1 } as Partial<T>)
  };
}
