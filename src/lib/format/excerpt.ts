/**
 * Cutting a long text for a first view: at a word boundary near the limit (so it does not end mid-word), and after
 * at most `maxLines` lines (a text of many short lines is as tall as a long one). Used by every collapsed clause.
 */

/** The text's first part, ending in "…", or the whole text when it fits. */
export function excerpt(text: string, limit: number, maxLines = Infinity): string {
  let cut = text;
  if (Number.isFinite(maxLines)) {
    let at = -1;
    for (let line = 0; line < maxLines; line++) {
      at = cut.indexOf('\n', at + 1);
      if (at === -1) break;
    }
    if (at !== -1) cut = cut.slice(0, at);
  }
  if (cut.length > limit) {
    const head = cut.slice(0, limit);
    const space = head.search(/\s\S*$/);
    cut = space > limit * 0.6 ? head.slice(0, space) : head;
  }
  return cut.length === text.length ? text : `${cut.trimEnd()}…`;
}
