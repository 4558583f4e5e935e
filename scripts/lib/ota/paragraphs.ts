/**
 * A version's Markdown split into paragraphs, the unit provisions are tracked in. A paragraph is a block of text
 * lines between blank lines, one list item, one table row, or one heading (setext `===`/`---` or ATX `#`).
 * Headings are kept (they count for "did the text change") but never become provisions. A thematic break (`- - -`,
 * which Open Terms Archive also writes between the source documents of an assembled version) ends a paragraph. A
 * block too long to be a real paragraph is split into sentences (sentences.ts).
 */
import { comparisonKey } from './comparison-key';
import { inlineText } from './markdown-inline';
import { MAX_PARAGRAPH_CHARS, splitSentences } from './sentences';

export type ParagraphKind = 'heading' | 'text' | 'item' | 'row';

export interface Paragraph {
  kind: ParagraphKind;
  /** Plain text: Markdown removed, whitespace collapsed (see markdown-inline.ts). */
  text: string;
  /** What two paragraphs are compared by (see comparison-key.ts). */
  key: string;
  /** Which source document of an assembled version it belongs to: 0, then +1 after each thematic break. */
  part: number;
}

const BLANK = /^\s*$/;
const THEMATIC_BREAK = /^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$/;
const SETEXT_UNDERLINE = /^ {0,3}(?:=+|-+)[ \t]*$/;
const ATX_HEADING = /^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/;
const LIST_ITEM = /^[ \t]*(?:[*+\-•]|\d{1,9}[.)])(?:[ \t]+(.*))?$/;
const TABLE_ROW = /^[ \t]*\|.*\|[ \t]*$/;
const TABLE_SEPARATOR = /^[ \t]*\|?(?:[ \t]*:?-+:?[ \t]*\|)+[ \t]*(?::?-+:?[ \t]*)?$/;
const BLOCKQUOTE = /^ {0,3}>[ \t]?/;

/** Text and key of the paragraphs of one block, by kind and Markdown: what a version can reuse from the one before. */
export type BlockCache = Map<string, { text: string; key: string }[]>;

/** The paragraph(s) of one block: none when it has no text, one per sentence when it is oversized (sentences.ts). */
function blockParagraphs(kind: ParagraphKind, markdown: string): { text: string; key: string }[] {
  const text = inlineText(markdown);
  if (text === '') return [];
  const pieces = text.length > MAX_PARAGRAPH_CHARS ? splitSentences(text) : [text];
  return pieces.map((piece) => ({ text: piece, key: comparisonKey(piece) }));
}

/**
 * The paragraphs of a Markdown document, in order. Paragraphs with no text (an empty link, a lone marker) are left
 * out. With `previous` (the cache of the document's previous version), blocks it holds are not worked out again;
 * `next` receives this version's blocks for the version after.
 */
export function splitParagraphs(markdown: string, previous?: BlockCache, next?: BlockCache): Paragraph[] {
  const paragraphs = (kind: ParagraphKind, block: string, part: number): Paragraph[] => {
    const id = `${kind}\n${block}`;
    const found = next?.get(id) ?? previous?.get(id) ?? blockParagraphs(kind, block);
    next?.set(id, found);
    return found.map((p) => ({ kind, text: p.text, key: p.key, part }));
  };
  const out: Paragraph[] = [];
  let block: string[] = [];
  let blockKind: 'text' | 'item' = 'text';
  let part = 0;
  const flush = (): void => {
    if (block.length > 0) out.push(...paragraphs(blockKind, block.join(' '), part));
    block = [];
    blockKind = 'text';
  };
  const emit = (kind: ParagraphKind, markdown: string): void => {
    out.push(...paragraphs(kind, markdown, part));
  };

  for (const raw of markdown.replace(/\r\n?/g, '\n').split('\n')) {
    const line = raw.replace(BLOCKQUOTE, '');
    if (BLANK.test(line)) {
      flush();
      continue;
    }
    // A setext underline turns the text lines above it into a heading (it wins over a thematic break, as in CommonMark).
    if (SETEXT_UNDERLINE.test(line) && block.length > 0 && blockKind === 'text') {
      const heading = block.join(' ');
      block = [];
      emit('heading', heading);
      continue;
    }
    if (THEMATIC_BREAK.test(line)) {
      flush();
      part++;
      continue;
    }
    const atx = ATX_HEADING.exec(line);
    if (atx) {
      flush();
      emit('heading', atx[2] ?? '');
      continue;
    }
    if (TABLE_ROW.test(line)) {
      flush();
      if (!TABLE_SEPARATOR.test(line)) {
        const cells = line.trim().slice(1, -1).split(/(?<!\\)\|/).map((c) => c.trim());
        emit('row', cells.filter((c) => c !== '').join(' | '));
      }
      continue;
    }
    const item = LIST_ITEM.exec(line);
    if (item) {
      flush();
      blockKind = 'item';
      // "*   •Customer Data…": a bullet character some sites put inside the item is a marker too.
      block.push((item[1] ?? '').replace(/^[•·▪◦‣][ \t]*/, ''));
      continue;
    }
    block.push(line.trim());
  }
  flush();
  return out;
}
