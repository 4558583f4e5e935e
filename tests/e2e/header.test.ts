/**
 * The header at a laptop's width (1280 px): the brand, the main links, "More", the search box and the source's name
 * stand on one line (ten links and the search box used to wrap the source's name onto four), and the "More" menu
 * works with the keyboard alone: Enter opens it, Tab reaches its links, Escape closes it and gives the focus back,
 * a link followed closes it, and "More" is marked current on the pages it holds.
 */
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { warmApp } from './app';

const MORE = ['Regulations', 'Agencies', 'SQL', 'Data'];

/** The boxes of what the header draws, and which element has the focus. */
function headerBoxes(page: Page) {
  return page.evaluate(() => {
    const header = document.querySelector('header.top')!;
    const box = (el: Element | null) => (el ? el.getBoundingClientRect() : null);
    const visible = [...header.querySelectorAll('a, summary, input, .export')].filter((el) => el.checkVisibility());
    return {
      height: box(header)!.height,
      // Each thing's vertical middle: on one line they all fall within one line's height of each other.
      middles: visible.map((el) => {
        const b = el.getBoundingClientRect();
        return { text: (el as HTMLElement).innerText || el.getAttribute('placeholder') || '', middle: b.top + b.height / 2, height: b.height };
      }),
      open: (document.querySelector('[data-testid="nav-more"]') as HTMLDetailsElement).open,
      focused: document.activeElement ? `${document.activeElement.tagName.toLowerCase()}:${(document.activeElement as HTMLElement).innerText}` : null
    };
  });
}

describe('the header at 1280 px', () => {
  const app = warmApp('/', { handOver: true });

  test('everything stands on one line, the source name included', async () => {
    const { page } = app.session;
    await page.setViewportSize({ width: 1280, height: 900 });
    const boxes = await headerBoxes(page);
    const texts = boxes.middles.map((m) => m.text);
    expect(texts).toEqual(expect.arrayContaining(['Termscope', 'Overview', 'Platforms', 'Changes', 'More']));
    for (const hidden of MORE) expect(texts, `${hidden} is in the closed menu`).not.toContain(hidden);
    const tallest = Math.max(...boxes.middles.map((m) => m.height));
    const middles = boxes.middles.map((m) => m.middle);
    expect(Math.max(...middles) - Math.min(...middles), JSON.stringify(boxes.middles)).toBeLessThan(tallest / 2);
    // One line of links and the search box, with the header's padding: well under two lines.
    expect(boxes.height).toBeLessThan(2 * tallest + 24);
  });

  test('"More" opens with Enter, Escape closes it and gives the focus back, a link followed closes it', async () => {
    const { page } = app.session;
    const summary = page.getByTestId('nav-more').locator('summary');
    await summary.focus();
    await page.keyboard.press('Enter');
    await expect.poll(async () => (await headerBoxes(page)).open).toBe(true);
    const menu = page.getByTestId('nav-more').getByRole('link');
    await menu.first().waitFor();
    expect(await menu.allInnerTexts()).toEqual(MORE);

    await page.keyboard.press('Tab');
    expect((await headerBoxes(page)).focused).toBe('a:Regulations');
    await page.keyboard.press('Escape');
    const closed = await headerBoxes(page);
    expect(closed.open).toBe(false);
    expect(closed.focused).toBe('summary:More');

    // Open again, go to Data with the keyboard: the menu closes and "More" is marked as holding the current page.
    await page.keyboard.press('Enter');
    await menu.last().waitFor();
    for (let i = 0; i < MORE.length; i++) await page.keyboard.press('Tab');
    expect((await headerBoxes(page)).focused).toBe('a:Data');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/data(\?|$)/);
    await expect.poll(async () => (await headerBoxes(page)).open).toBe(false);
    await expect.poll(() => summary.getAttribute('class')).toContain('current');
    // The closed menu's links are hidden, so the role query includes hidden ones.
    expect(await page.getByTestId('nav-more').getByRole('link', { name: 'Data', includeHidden: true }).getAttribute('aria-current')).toBe('page');
    expect(await page.getByRole('navigation', { name: 'Main' }).locator('a[aria-current="page"]').count()).toBe(1);
  });
});
