/**
 * One axis of a virtualized grid: @tanstack/virtual-core (it has no Svelte 5 adapter) with the items in view as
 * reactive state, and the calls its framework adapters make on mount and on a new item count. The SQL result grid
 * uses one (rows), the matrix two (rows and category columns).
 */
import { elementScroll, observeElementOffset, observeElementRect, Virtualizer, type VirtualItem } from '@tanstack/virtual-core';

export interface VirtualAxisOptions {
  /** The scrolling element (bound after mount, hence a getter). */
  scroller: () => HTMLDivElement | null;
  /** Height (or width) of an item in px; every item has it. */
  size: number;
  /** Items drawn beyond the view on either side. */
  overscan: number;
  /** What precedes the first item inside the scroller: a sticky header's height, the leading columns' width. */
  margin: number;
  /** @default false */
  horizontal?: boolean;
}

export class VirtualAxis {
  /** The items to draw (those in view, and `overscan` either side). */
  items = $state.raw<VirtualItem[]>([]);
  /** Height (or width) of all items, in px. */
  totalSize = $state(0);
  readonly #virtualizer: Virtualizer<HTMLDivElement, HTMLDivElement>;

  constructor({ scroller, size, overscan, margin, horizontal = false }: VirtualAxisOptions) {
    this.#virtualizer = new Virtualizer<HTMLDivElement, HTMLDivElement>({
      horizontal,
      count: 0,
      getScrollElement: scroller,
      estimateSize: () => size,
      overscan,
      scrollMargin: margin,
      observeElementRect,
      observeElementOffset,
      scrollToFn: elementScroll,
      onChange: (instance) => this.#read(instance)
    });
  }

  /** Start following the scroller: call in `onMount`, and return what it returns (the cleanup). */
  mount(): () => void {
    const cleanup = this.#virtualizer._didMount();
    this.#virtualizer._willUpdate();
    return cleanup;
  }

  /** A new number of items: measure again and read the items now, not at the next scroll. */
  setCount(count: number): void {
    const v = this.#virtualizer;
    v.setOptions({ ...v.options, count });
    v._willUpdate();
    v.measure();
    this.#read(v);
  }

  /** Scroll so that item `index` is in view. */
  scrollToIndex(index: number, align: 'auto' | 'center'): void {
    this.#virtualizer.scrollToIndex(index, { align });
  }

  #read(v: Virtualizer<HTMLDivElement, HTMLDivElement>): void {
    this.items = v.getVirtualItems();
    this.totalSize = v.getTotalSize();
  }
}
