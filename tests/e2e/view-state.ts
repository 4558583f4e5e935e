/**
 * Waiting on a view's own signals. The views that query for their URL (changes, search, timeline) mark their root
 * with `data-<view>-state` (`ready` once the answer is in) and `data-<view>-key` (the query the URL asks for), and
 * with the key of what they have drawn; "ready" alone may still be the previous URL's answer after a navigation.
 */
import type { Page } from 'playwright-core';

/**
 * Resolves when the `view` is ready and what it has drawn (the dataset key `drawn`: `shownKey`, or the timeline's
 * `renderedKey` and `seriesKey`) is what its URL asks for.
 */
export async function waitForView(page: Page, view: 'changes' | 'search' | 'timeline', drawn = 'shownKey', timeout = 60_000) {
  await page.waitForFunction(
    ([name, key]) => {
      const el = document.querySelector<HTMLElement>(`[data-${name}-state]`);
      const data = el?.dataset;
      return data?.[`${name}State`] === 'ready' && data[key] === data[`${name}Key`];
    },
    [view, drawn] as const,
    { timeout }
  );
}
