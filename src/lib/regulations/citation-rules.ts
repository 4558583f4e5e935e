/**
 * The rule that turns the regulations and agencies provisions list, as a source wrote them, into names views can group
 * by: "GDPR Art. 6", "GDPR Article 6(1)" and "gdpr art 6" are one regulation, "GDPR Art. 6". The rule's data —
 * regulation and agency aliases, the words that start an article or section — lives in
 * data/regulations/aliases.json (documented in data/regulations/README.md); this module reads and checks it once.
 * The rule itself runs in SQL (`citation-sql.ts`), so every view groups by the same names.
 */
import raw from '../../../data/regulations/aliases.json';

export const RULES_FILE = 'data/regulations/aliases.json';

export interface CitationUnit {
  /** How the unit is written in a normalised name, e.g. "Art." */
  readonly name: string;
  /** Lower-case words (without a trailing dot) that start this unit in a citation, e.g. "article". */
  readonly spellings: readonly string[];
  /** The normalised reference, "{n}" standing for the number: "Art. {n}", "§{n}". */
  readonly format: string;
}

export interface NamedAliases {
  /** The name views show and group by. */
  readonly name: string;
  /** Other spellings of the whole name, matched case-insensitively. */
  readonly aliases: readonly string[];
}

export interface CitationRules {
  readonly units: readonly CitationUnit[];
  readonly regulations: readonly NamedAliases[];
  readonly agencies: readonly NamedAliases[];
}

/** Characters a spelling may hold: it goes into a regular expression and a SQL literal, so no pattern syntax. */
const PLAIN = /^[\p{L}\p{N} .,'’&/()§-]+$/u;
const UNIT_WORD = /^(§{1,2}|[a-z]+)$/;

function fail(where: string, what: string): never {
  throw new Error(`${RULES_FILE}: ${where} ${what}`);
}

function text(value: unknown, where: string): string {
  if (typeof value !== 'string' || value.trim() === '') fail(where, `should be a non-empty string, got ${JSON.stringify(value)}`);
  if (value !== value.trim() || /\s{2,}/.test(value)) fail(where, `${JSON.stringify(value)} should have no leading, trailing or repeated spaces`);
  if (!PLAIN.test(value)) fail(where, `${JSON.stringify(value)} holds a character the rule does not allow (letters, digits, spaces and . , ' ’ & / ( ) § - only)`);
  return value;
}

function list(value: unknown, where: string): unknown[] {
  if (!Array.isArray(value)) fail(where, `should be a list, got ${JSON.stringify(value)}`);
  return value;
}

function object(value: unknown, where: string, keys: readonly string[]): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) fail(where, `should be an object, got ${JSON.stringify(value)}`);
  const extra = Object.keys(value).filter((k) => !keys.includes(k));
  if (extra.length > 0) fail(where, `has unknown field(s) ${extra.join(', ')} (allowed: ${keys.join(', ')})`);
  return value as Record<string, unknown>;
}

function namedList(value: unknown, where: string): NamedAliases[] {
  // A spelling (name or alias, case-insensitive) names one thing only: otherwise which one it is would depend on order.
  const owner = new Map<string, string>();
  return list(value, where).map((entry, i) => {
    const at = `${where}[${i}]`;
    const o = object(entry, at, ['name', 'aliases']);
    const name = text(o.name, `${at}.name`);
    const aliases = list(o.aliases, `${at}.aliases`).map((a, j) => text(a, `${at}.aliases[${j}]`));
    for (const spelling of [name, ...aliases]) {
      const key = spelling.toLowerCase();
      const before = owner.get(key);
      if (before !== undefined) fail(at, `spells ${JSON.stringify(spelling)}, already a spelling of ${JSON.stringify(before)}`);
      owner.set(key, name);
    }
    return { name, aliases };
  });
}

/** Checks the rule data, naming the entry and field at fault. */
export function checkCitationRules(value: unknown): CitationRules {
  const o = object(value, 'the file', ['units', 'regulations', 'agencies']);
  const seen = new Set<string>();
  const units = list(o.units, 'units').map((entry, i) => {
    const at = `units[${i}]`;
    const u = object(entry, at, ['name', 'spellings', 'format']);
    const name = text(u.name, `${at}.name`);
    const format = u.format;
    if (typeof format !== 'string' || format.split('{n}').length !== 2 || !PLAIN.test(format.replace('{n}', '0'))) {
      fail(`${at}.format`, `should be plain text holding "{n}" once, got ${JSON.stringify(format)}`);
    }
    const spellings = list(u.spellings, `${at}.spellings`).map((s, j) => {
      if (typeof s !== 'string' || !UNIT_WORD.test(s)) fail(`${at}.spellings[${j}]`, `should be a lower-case word or "§", got ${JSON.stringify(s)}`);
      if (seen.has(s)) fail(`${at}.spellings[${j}]`, `${JSON.stringify(s)} is already the spelling of another unit`);
      seen.add(s);
      return s;
    });
    if (spellings.length === 0) fail(`${at}.spellings`, 'should list at least one spelling');
    return { name, spellings, format };
  });
  if (units.length === 0) fail('units', 'should list at least one unit');
  return { units, regulations: namedList(o.regulations, 'regulations'), agencies: namedList(o.agencies, 'agencies') };
}

/** The rules the app ships. */
export const CITATION_RULES: CitationRules = checkCitationRules(raw);
