import { describe, expect, it } from 'vitest';
import { isBlank, splitStatements, statementToRun } from '../../src/lib/sql/statements';

describe('splitStatements', () => {
  it.each([
    ['SELECT 1', ['SELECT 1']],
    ['SELECT 1; SELECT 2;', ['SELECT 1', 'SELECT 2']],
    ["SELECT ';' AS semi; SELECT 2", ["SELECT ';' AS semi", 'SELECT 2']],
    ["SELECT 'it''s; fine'; SELECT 2", ["SELECT 'it''s; fine'", 'SELECT 2']],
    ['SELECT 1 AS "a;b"; SELECT 2', ['SELECT 1 AS "a;b"', 'SELECT 2']],
    ['SELECT 1 -- a comment; not a split\n; SELECT 2', ['SELECT 1 -- a comment; not a split', 'SELECT 2']],
    ['SELECT /* ; */ 1; SELECT 2', ['SELECT /* ; */ 1', 'SELECT 2']],
    ['SELECT $$a;b$$; SELECT $tag$x;y$tag$', ['SELECT $$a;b$$', 'SELECT $tag$x;y$tag$']],
    ['  ;;\n -- only a comment\n;', []],
    ["SELECT 'unterminated; string", ["SELECT 'unterminated; string"]]
  ])('%j', (text, expected) => {
    const statements = splitStatements(text);
    expect(statements.map((s) => s.text)).toEqual(expected);
    // Offsets point at the same text.
    for (const s of statements) expect(text.slice(s.from, s.to)).toBe(s.text);
  });

  it('treats comment-only text as blank but not a string that looks like one', () => {
    expect(isBlank('  -- x\n /* y */ ')).toBe(true);
    expect(isBlank("'-- x'")).toBe(false);
  });
});

describe('statementToRun', () => {
  const text = 'SELECT 1;\nSELECT 2\n  FROM t;\n\nSELECT 3';
  const at = (needle: string, delta = 0) => text.indexOf(needle) + delta;

  it.each([
    ['cursor inside the first', at('SELECT 1', 3), 'SELECT 1'],
    ['cursor right after the first semicolon, same line', at(';') + 1, 'SELECT 1'],
    ['cursor on the second line of the second', at('FROM'), 'SELECT 2\n  FROM t'],
    ['cursor at the start of the text', 0, 'SELECT 1'],
    ['cursor on the blank line before the third', at('\n\nSELECT 3', 1), 'SELECT 3'],
    ['cursor at the very end', text.length, 'SELECT 3']
  ])('%s', (_name, cursor, expected) => {
    expect(statementToRun(text, { from: cursor, to: cursor })?.text).toBe(expected);
  });

  it('runs the selection (its first statement) with offsets into the whole text', () => {
    const from = at('SELECT 2');
    const to = at('SELECT 3') + 'SELECT 3'.length;
    const picked = statementToRun(text, { from, to })!;
    expect(picked.text).toBe('SELECT 2\n  FROM t');
    expect(text.slice(picked.from, picked.to)).toBe(picked.text);
    const part = statementToRun(text, { from: at('SELECT 3'), to: at('SELECT 3') + 6 })!;
    expect(part.text).toBe('SELECT');
  });

  it('gives null for empty or comment-only text', () => {
    expect(statementToRun('', { from: 0, to: 0 })).toBeNull();
    expect(statementToRun('-- nothing', { from: 3, to: 3 })).toBeNull();
  });
});
