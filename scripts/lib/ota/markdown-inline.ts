/**
 * Markdown inline syntax to plain text, as Open Terms Archive writes it (turndown's output): links and images keep
 * their text and lose their URL, emphasis markers and backslash escapes go, HTML tags go (`<br>` becomes a space),
 * invisible characters go and whitespace collapses. What remains is the clause as a reader sees it; typographic
 * quotes, case and dates stay (the comparison key in `comparison-key.ts` folds those).
 */

/** Zero-width spaces and joiners, word joiner, BOM, soft hyphen: invisible, and inserted by some sites at random. */
const INVISIBLE = /[\u200B-\u200D\u2060\uFEFF\u00AD]/g;
/** An HTML tag (not "a < b"): `<br>`, `<br/>`, `<span class="x">`, `</p>`. */
const HTML_TAG = /<\/?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?\/?>/g;
/** `<https://…>` autolinks keep their URL as text. */
const AUTOLINK = /<((?:https?|mailto):[^\s<>]+)>/g;
/** Markdown escapes of ASCII punctuation: `\_`, `\*`, `\[`, … */
const ESCAPE = /\\([!-/:-@[-`{-~])/g;

/** Index of the bracket closing the one at `open`, honouring nesting and escapes; -1 when unbalanced. */
function closing(text: string, open: number, left: string, right: string): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    const c = text[i];
    if (c === '\\') {
      i++;
      continue;
    }
    if (c === left) depth++;
    else if (c === right && --depth === 0) return i;
  }
  return -1;
}

/** `[text](url)`, `![alt](url)` and `[text][ref]` become their text (nested links too); other brackets stay. */
function unlink(text: string): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c === '\\') {
      out += text.slice(i, i + 2);
      i += 2;
      continue;
    }
    const image = c === '!' && text[i + 1] === '[';
    const open = image ? i + 1 : i;
    if (c === '[' || image) {
      const close = closing(text, open, '[', ']');
      const next = close === -1 ? '' : text[close + 1];
      if (close !== -1 && (next === '(' || next === '[')) {
        const end = closing(text, close + 1, next, next === '(' ? ')' : ']');
        if (end !== -1) {
          out += unlink(text.slice(open + 1, close));
          i = end + 1;
          continue;
        }
      }
    }
    out += c;
    i++;
  }
  return out;
}

/**
 * Emphasis markers: `**`/`__` anywhere, and a single `*`/`_` that touches a non-word character or an end (so
 * "snake_case" keeps its underscore). Escaped markers (`\*`, `\_`) are literal characters and stay.
 */
function unemphasise(text: string): string {
  return text
    .replace(/(?<!\\)(\*\*+|__+)/g, '')
    .replace(/(?<![\\\p{L}\p{N}])[*_]|(?<!\\)[*_](?![\p{L}\p{N}])/gu, '');
}

/** Plain text of one paragraph's Markdown inline content. */
export function inlineText(markdown: string): string {
  let text = markdown.replace(INVISIBLE, '').replace(/<br\s*\/?>/gi, ' ');
  text = text.replace(AUTOLINK, '$1').replace(HTML_TAG, ' ');
  text = unemphasise(unlink(text));
  text = text.replace(ESCAPE, '$1');
  return text.replace(/\s+/g, ' ').trim();
}
