/**
 * The text a name sorts by. Real sources hold junk names — " Foo" with a leading space, "!Bar", "[SPAM TO BE
 * DELETED] Baz", "“Quoted”" — and plain ordering puts them all before "A". A name sorts by its text from the first
 * letter or digit on (Unicode letters and numbers; spaces, punctuation, brackets and symbols before it are skipped),
 * compared by the reader's locale collation. A name with no letter or digit at all has nothing to sort by and goes
 * last, with unknown values. The same rule in SQL, for lists ordered by the engine: `$lib/queries/sort-name`.
 */

const LEADING_JUNK = /^[^\p{L}\p{N}]+/u;

/** The name from its first letter or digit on; '' when it has none. */
export function sortName(name: string): string {
  return name.replace(LEADING_JUNK, '');
}

const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });

/** Orders two names by `sortName` and the locale's collation (names without a letter or digit last), then as written. */
export function compareNames(a: string, b: string): number {
  const [x, y] = [sortName(a), sortName(b)];
  if ((x === '') !== (y === '')) return x === '' ? 1 : -1;
  return collator.compare(x, y) || collator.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0);
}
