/**
 * The citation rule and the regulation/agency pivots written again in plain TypeScript, the reference the SQL is
 * checked against. It reads the rule's data file itself and shares no code with src/lib/regulations or
 * src/lib/queries/regulations.ts (the splitting is a hand-written scan, not the SQL's regular expression).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Records, Rec } from './compare-expected';
import { scoped } from './compare-expected';

interface RulesFile {
  units: { name: string; spellings: string[]; format: string }[];
  regulations: { name: string; aliases: string[] }[];
  agencies: { name: string; aliases: string[] }[];
}

const RULES = JSON.parse(readFileSync(resolve(import.meta.dirname, '../../data/regulations/aliases.json'), 'utf8')) as RulesFile;

function aliasMap(named: { name: string; aliases: string[] }[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const n of named) for (const s of [n.name, ...n.aliases]) out.set(s.toLowerCase(), n.name);
  return out;
}
const REGULATION_ALIASES = aliasMap(RULES.regulations);
const AGENCY_ALIASES = aliasMap(RULES.agencies);
const UNIT_FORMAT = new Map(RULES.units.flatMap((u) => u.spellings.map((s) => [s, u.format] as const)));

const isDigit = (c: string | undefined) => c !== undefined && c >= '0' && c <= '9';
const isLetter = (c: string | undefined) => c !== undefined && /^[a-zA-Z]$/.test(c);
const SEPARATORS = ' ,;';
const stripEnd = (s: string) => s.replace(/[ ,;:]+$/, '');

/** "  GDPR\tArt.  6 " -> "GDPR Art. 6": runs of (ASCII) white space made one space, ends trimmed. */
export function tidy(written: string): string {
  return written.replace(/[\t\n\f\r ]+/g, ' ').trim();
}

/** The number at `i` ("6", "1798.100", "2-719", "6a"), or null. */
function numberAt(w: string, i: number): string | null {
  let j = i;
  const part = () => {
    const start = j;
    while (isDigit(w[j])) j++;
    if (j === start) return false;
    if (isLetter(w[j])) j++;
    return true;
  };
  if (!part()) return null;
  for (;;) {
    const mark = j;
    if ((w[j] === '.' || w[j] === '-') && isDigit(w[j + 1])) {
      j++;
      part();
    } else {
      j = mark;
      break;
    }
  }
  return w.slice(i, j);
}

/** Unit and number starting at `i`: the unit word (any case), an optional dot, spaces, then the number. */
function referenceAt(w: string, i: number): string | null {
  for (const [spelling, format] of UNIT_FORMAT) {
    if (w.slice(i, i + spelling.length).toLowerCase() !== spelling) continue;
    let j = i + spelling.length;
    if (w[j] === '.') j++;
    while (w[j] === ' ') j++;
    const n = numberAt(w, j);
    if (n !== null) return format.replace('{n}', n.toLowerCase());
  }
  return null;
}

/** The normalised citation: `{ law, name }` for a regulation as written (null for an empty one). */
export function normaliseRegulation(written: string): { law: string; name: string } | null {
  const w = tidy(written);
  if (w === '') return null;
  let law = stripEnd(w);
  let reference: string | null = null;
  // The earliest split: a law of at least one character, separators, then a unit with its number.
  for (let start = 1; start < w.length; start++) {
    if (!SEPARATORS.includes(w[start]!)) continue;
    let j = start;
    while (j < w.length && SEPARATORS.includes(w[j]!)) j++;
    const found = referenceAt(w, j);
    if (found !== null) {
      if (stripEnd(w.slice(0, start)) !== '') {
        law = stripEnd(w.slice(0, start));
        reference = found;
      }
      break;
    }
  }
  const named = REGULATION_ALIASES.get(law.toLowerCase()) ?? law;
  return { law: named, name: reference === null ? named : `${named} ${reference}` };
}

export function normaliseAgency(written: string): { law: string; name: string } | null {
  const w = tidy(written);
  if (w === '') return null;
  const name = AGENCY_ALIASES.get(w.toLowerCase()) ?? w;
  return { law: name, name };
}

const SCALE = ['critical', 'high', 'medium', 'low', 'info'];
const order = (s: string | null) => (s === null ? 5 : SCALE.indexOf(s));

export interface RefCitation {
  record_id: string;
  platform_id: string;
  category_id: string;
  title: string;
  severity: string | null;
  written: string;
  law: string;
  name: string;
}

/** Every (provision in scope, citation) pair. */
export function refCitations(rows: Records, list: 'regulations' | 'agencies', asOf: string | null): RefCitation[] {
  const lists = new Map(rows('provisions').map((p) => [p.record_id as string, (p[list] as (string | null)[] | null) ?? []]));
  const normalise = list === 'regulations' ? normaliseRegulation : normaliseAgency;
  const out: RefCitation[] = [];
  for (const s of scoped(rows, asOf, null, [])) {
    const seen = new Set<string>();
    for (const raw of lists.get(s.record_id) ?? []) {
      if (raw === null) continue;
      const n = normalise(raw);
      if (n === null || seen.has(tidy(raw))) continue;
      seen.add(tidy(raw));
      out.push({ record_id: s.record_id, platform_id: s.platform_id, category_id: s.category_id, title: s.title, severity: s.severity, written: tidy(raw), ...n });
    }
  }
  return out;
}

interface Group {
  records: Set<string>;
  platforms: Set<string>;
  categories: Set<string>;
  worst: number;
}

function groupBy(citations: RefCitation[], key: (c: RefCitation) => string): Map<string, Group> {
  const groups = new Map<string, Group>();
  for (const c of citations) {
    const k = key(c);
    let g = groups.get(k);
    if (!g) groups.set(k, (g = { records: new Set(), platforms: new Set(), categories: new Set(), worst: 5 }));
    g.records.add(c.record_id);
    g.platforms.add(c.platform_id);
    g.categories.add(c.category_id);
    g.worst = Math.min(g.worst, order(c.severity));
  }
  return groups;
}

/** Matrix cells as `{ name, law, column_id, provisions, worst_order }`, in any order (compare sorted). */
export function refCells(rows: Records, asOf: string | null, by: 'platform' | 'category', list: 'regulations' | 'agencies' = 'regulations'): Rec[] {
  const citations = refCitations(rows, list, asOf);
  const column = (c: RefCitation) => (by === 'platform' ? c.platform_id : c.category_id);
  return [...groupBy(citations, (c) => JSON.stringify([c.name, c.law, column(c)])).entries()].map(([k, g]) => {
    const [name, law, column_id] = JSON.parse(k) as string[];
    return { name, law, column_id, provisions: g.records.size, worst_order: g.worst };
  });
}

export function refNames(rows: Records, asOf: string | null, list: 'regulations' | 'agencies'): Rec[] {
  return [...groupBy(refCitations(rows, list, asOf), (c) => JSON.stringify([c.name, c.law])).entries()].map(([k, g]) => {
    const [name, law] = JSON.parse(k) as string[];
    return { name, law, provisions: g.records.size, platforms: g.platforms.size, categories: g.categories.size, worst_order: g.worst };
  });
}

/** The provisions citing `name` (a normalised name, or a law), `{ record_id, severity, platform_id, category_id, cited }`. */
export function refCiting(rows: Records, asOf: string | null, list: 'regulations' | 'agencies', name: string, column?: { by: 'platform' | 'category'; id: string }): Rec[] {
  const hits = refCitations(rows, list, asOf).filter(
    (c) => (c.name === name || c.law === name) && (!column || (column.by === 'platform' ? c.platform_id : c.category_id) === column.id)
  );
  const byRecord = new Map<string, { c: RefCitation; written: Set<string> }>();
  for (const c of hits) {
    const entry = byRecord.get(c.record_id) ?? { c, written: new Set<string>() };
    entry.written.add(c.written);
    byRecord.set(c.record_id, entry);
  }
  return [...byRecord.values()].map(({ c, written }) => ({
    record_id: c.record_id,
    severity: c.severity,
    platform_id: c.platform_id,
    category_id: c.category_id,
    cited: [...written].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)).join('; ')
  }));
}

export function refRemit(rows: Records, asOf: string | null, list: 'regulations' | 'agencies', name: string): Rec[] {
  const hits = refCitations(rows, list, asOf).filter((c) => c.name === name || c.law === name);
  return [...groupBy(hits, (c) => JSON.stringify([c.platform_id, c.category_id])).entries()].map(([k, g]) => {
    const [platform_id, category_id] = JSON.parse(k) as string[];
    return { platform_id, category_id, provisions: g.records.size, worst_order: g.worst };
  });
}
