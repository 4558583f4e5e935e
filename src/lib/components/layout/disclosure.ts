/**
 * The attributes of a button that shows or hides a region ("Show all", "Show fewer"): a plain button whose
 * `aria-expanded` says which state it is in and whose `aria-controls` names the region, so a screen reader announces
 * both. Spread on the button: `<button class="fold" {...disclosure(open, `${id}-list`, () => (open = !open))}>`.
 */
export function disclosure(expanded: boolean, controls: string, ontoggle: () => void) {
  return { type: 'button', 'aria-expanded': expanded, 'aria-controls': controls, onclick: ontoggle } as const;
}
