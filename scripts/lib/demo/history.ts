/**
 * One provision's version history in the demo: it appears, its text is revised, analysts re-rate it, it may be
 * removed and come back. Days are whole days since 1970-01-01 (versions start at midnight UTC).
 */
import { SEVERITIES } from '../../../src/lib/contract/schema';
import type { DemoCategory, Tier } from './category-files';
import { reviseSlots } from './clauses';
import { DEMO_DATA } from './data';
import type { Rng } from './random';
import { render, type Slots } from './template';

const { notes: NOTES, lastResortAmendment: LAST_RESORT_AMENDMENT } = DEMO_DATA.history;

export type ChangeKind = 'added' | 'text_changed' | 'severity_changed';

export interface DraftVersion {
  from: number;
  /** Exclusive end; null = current. */
  to: number | null;
  /** 0 = info … 4 = critical; null = unrated. */
  level: number | null;
  kind: ChangeKind;
  text: string;
}

/** Severity name of a level (4 = critical … 0 = info). */
export function severityName(level: number | null): string | null {
  return level === null ? null : SEVERITIES[SEVERITIES.length - 1 - level]!;
}

export function tierOf(level: number | null): Tier {
  if (level === null || level === 2) return 'medium';
  return level < 2 ? 'low' : 'high';
}

const MEAN_DAYS_BETWEEN_CHANGES = 620;
const MIN_DAYS_BETWEEN_CHANGES = 10;
const P_REMOVE = 0.045;
const P_READD = 0.3;
const P_SEVERITY_ONLY = 0.28;
const P_UNRATED = 0.03;
const MAX_VERSIONS = 9;

function clampLevel(level: number): number {
  return Math.max(0, Math.min(4, level));
}

/** Draws an initial severity around the category's typical level for the sector. */
function initialLevel(rng: Rng, category: DemoCategory, sector: string): number | null {
  if (rng.chance(P_UNRATED)) return null;
  const base = category.base + (category.sectorShift?.[sector] ?? 0);
  const r = rng.next();
  const offset = r < 0.12 ? -2 : r < 0.35 ? -1 : r < 0.7 ? 0 : r < 0.92 ? 1 : 2;
  return clampLevel(base + offset);
}

/** A step of ±1 biased by the category's drift; stays inside the scale. */
function step(rng: Rng, level: number, drift: number): number {
  const up = rng.chance(0.5 + drift);
  const next = clampLevel(level + (up ? 1 : -1));
  return next === level ? clampLevel(level + (up ? -1 : 1)) : next;
}

interface TextState {
  slots: Slots;
  variant: number;
  amendments: string[];
}

function textOf(category: DemoCategory, level: number | null, state: TextState): string {
  const templates = category.clauses[tierOf(level)];
  const parts = [templates[state.variant % templates.length]!];
  if (level === 4) parts.push(category.aggravating[state.variant % category.aggravating.length]!);
  if (level === 0) parts.push(category.mitigating[state.variant % category.mitigating.length]!);
  parts.push(...state.amendments);
  return render(parts.join(' '), state.slots);
}

/** A revised text: different slot values, an added sentence, or another wording; never the same text. */
function revise(rng: Rng, category: DemoCategory, level: number | null, state: TextState, previous: string): TextState {
  for (let attempt = 0; attempt < 6; attempt++) {
    const r = rng.next();
    const unused = category.amendments.filter((a) => !state.amendments.includes(a));
    const next: TextState =
      r < 0.45
        ? { ...state, slots: reviseSlots(rng, state.slots) }
        : r < 0.75 && state.amendments.length < 2 && unused.length > 0
          ? { ...state, amendments: [...state.amendments, rng.pick(unused)] }
          : { ...state, variant: state.variant + 1 };
    if (textOf(category, level, next) !== previous) return next;
  }
  return { ...state, amendments: [...state.amendments, LAST_RESORT_AMENDMENT] };
}

export interface HistoryInput {
  category: DemoCategory;
  sector: string;
  slots: Slots;
  /** First day the provision can exist (its document's first capture day). */
  earliest: number;
  /** Last day a change may happen (two days before the export's date, so weekly captures can see it). */
  latest: number;
  /** Day the category mostly starts from (AI training clauses: 2023). */
  mostlySince?: number;
}

export interface History {
  versions: DraftVersion[];
  /** Day of removal when the provision is gone at the end, else null. */
  removedOn: number | null;
}

export function provisionHistory(rng: Rng, input: HistoryInput): History {
  const { category, sector, earliest, latest } = input;
  let start = rng.chance(0.65) ? earliest : earliest + Math.floor(rng.next() * Math.max(1, latest - earliest));
  if (input.mostlySince !== undefined && start < input.mostlySince && rng.chance(0.85)) {
    const from = Math.max(input.mostlySince, earliest);
    start = from + Math.floor(rng.next() * Math.max(1, latest - from));
  }
  start = Math.min(start, latest);

  let level = initialLevel(rng, category, sector);
  let state: TextState = { slots: input.slots, variant: rng.int(0, 5), amendments: [] };
  const versions: DraftVersion[] = [{ from: start, to: null, level, kind: 'added', text: textOf(category, level, state) }];
  // Drift applies to AI training clauses only from their boom on; before that they move either way.
  const driftFrom = input.mostlySince ?? -Infinity;
  let day = start;
  let removedOn: number | null = null;
  while (versions.length < MAX_VERSIONS) {
    day += MIN_DAYS_BETWEEN_CHANGES + Math.floor(rng.exp(MEAN_DAYS_BETWEEN_CHANGES));
    if (day > latest) break;
    const current = versions[versions.length - 1]!;
    const drift = day >= driftFrom ? category.drift : 0;
    if (removedOn === null && rng.chance(P_REMOVE)) {
      current.to = day;
      removedOn = day;
      if (!rng.chance(P_READD)) break;
      day += MIN_DAYS_BETWEEN_CHANGES + Math.floor(rng.exp(400));
      if (day > latest) break;
      level = initialLevel(rng, category, sector);
      state = revise(rng, category, level, state, current.text);
      versions.push({ from: day, to: null, level, kind: 'added', text: textOf(category, level, state) });
      removedOn = null;
      continue;
    }
    let kind: ChangeKind;
    if (level !== null && rng.chance(P_SEVERITY_ONLY)) {
      kind = 'severity_changed';
      level = step(rng, level, drift);
    } else {
      kind = 'text_changed';
      if (level !== null && rng.chance(0.45)) level = step(rng, level, drift);
      state = revise(rng, category, level, state, current.text);
    }
    current.to = day;
    const text = kind === 'severity_changed' ? current.text : textOf(category, level, state);
    versions.push({ from: day, to: null, level, kind, text });
  }
  return { versions, removedOn };
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

export function monthYear(day: number): string {
  const d = new Date(day * 86_400_000);
  return `${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
}

/** The analyst's note, written from the history itself (wording: data/demo/history.json). */
export function describeHistory(history: History, documentTitle: string): string {
  const { versions } = history;
  const parts = [render(NOTES.first, { month: monthYear(versions[0]!.from), document: documentTitle })];
  for (let i = 1; i < versions.length; i++) {
    const v = versions[i]!;
    const prev = versions[i - 1]!;
    const month = monthYear(v.from);
    if (v.kind === 'added') {
      parts.push(render(NOTES.reinstated, { removed: monthYear(prev.to!), month }));
    } else if (v.level !== prev.level && prev.level !== null && v.level !== null) {
      const direction = v.level > prev.level ? 'raised' : 'lowered';
      const note = NOTES[`${direction}_${v.kind === 'severity_changed' ? 'on_reassessment' : 'after_revision'}`];
      parts.push(render(note, { from: severityName(prev.level)!, to: severityName(v.level)!, month }));
    } else {
      parts.push(render(NOTES.reworded, { month }));
    }
  }
  if (history.removedOn !== null) parts.push(render(NOTES.gone, { month: monthYear(history.removedOn) }));
  return parts.join(' ');
}
