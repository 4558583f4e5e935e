/**
 * ToS;DR stores quotes, titles and summaries as HTML fragments (`<p>`, `<li>`, `<b>`, `&nbsp;`, `&#39;`). Termscope
 * stores plain text: block boundaries become line breaks, list items start with "• ", other tags go, entities are
 * decoded, runs of spaces collapse and blank lines drop.
 */

/** Named entities seen in ToS;DR text and the common typographic ones; an unknown name is left as written. */
const NAMED_ENTITIES: Readonly<Record<string, string>> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  hellip: '…',
  mdash: '—',
  ndash: '–',
  lsquo: '‘',
  rsquo: '’',
  ldquo: '“',
  rdquo: '”',
  laquo: '«',
  raquo: '»',
  bull: '•',
  middot: '·',
  copy: '©',
  reg: '®',
  trade: '™',
  sect: '§',
  euro: '€',
  pound: '£',
  eacute: 'é',
  egrave: 'è',
  agrave: 'à',
  ccedil: 'ç',
  uuml: 'ü',
  ouml: 'ö',
  auml: 'ä',
  szlig: 'ß'
};

const BLOCK_TAG = /<\/?(?:p|div|br|ul|ol|blockquote|h[1-6]|tr|table|section|article|header|footer|pre|hr|dl|dt|dd)\b[^<>]*>/gi;
const LIST_ITEM = /<li\b[^<>]*>/gi;
/** Any other tag (or comment). A `<` not followed by a tag name (e.g. "a < b") is text and stays. */
const OTHER_TAG = /<!--[\s\S]*?-->|<\/?[a-z][a-z0-9-]*(?:\s[^<>]*)?\/?>/gi;
const ENTITY = /&(#[0-9]{1,7}|#x[0-9a-f]{1,6}|[a-z][a-z0-9]{1,31});/gi;

function decodeEntity(match: string, body: string): string {
  if (body[0] === '#') {
    const code = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
    // Surrogates and out-of-range code points are not characters: keep the text as written.
    if (!Number.isFinite(code) || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff) || code === 0) return match;
    return String.fromCodePoint(code);
  }
  return NAMED_ENTITIES[body.toLowerCase()] ?? match;
}

/** Plain text of an HTML fragment (or of plain text: then only spacing changes). Empty text gives null. */
export function htmlToText(html: string): string | null {
  const text = html
    .replace(/\r\n?/g, '\n')
    .replace(LIST_ITEM, '\n• ')
    .replace(BLOCK_TAG, '\n')
    .replace(OTHER_TAG, '')
    // Entities last, so an escaped "&lt;p&gt;" stays the text "<p>" instead of being removed as a tag.
    .replace(ENTITY, decodeEntity);
  const lines = text
    .split('\n')
    .map((line) => line.replace(/[\s\u00a0]+/g, ' ').trim())
    .filter((line) => line !== '' && line !== '•');
  return lines.length === 0 ? null : lines.join('\n');
}

/** True when the text holds markup that `htmlToText` converts (a tag or an entity), for the report's count. */
export function hasMarkup(text: string): boolean {
  OTHER_TAG.lastIndex = 0;
  ENTITY.lastIndex = 0;
  return OTHER_TAG.test(text) || ENTITY.test(text);
}

/** One line of text (names, titles): HTML converted, line breaks and runs of spaces collapsed into one space. */
export function inlineText(value: string): string | null {
  const text = htmlToText(value);
  return text === null ? null : text.replace(/\n(?:• )?/g, ' ').trim();
}
