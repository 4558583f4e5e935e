/**
 * The values clause slots are drawn from (data/demo/slots.json) and the wording of the analyst's notes
 * (data/demo/history.json); data/demo/README.md describes both.
 */
import { join } from 'node:path';
import { fieldPath, type DataFiles } from './json-fields';

export interface DemoSlots {
  /** Slot name → phrases to draw from; a phrase may use {name} and {domain}. */
  text: Record<string, string[]>;
  /** Slot name → numbers to draw from; a text revision may redraw one. */
  numbers: Record<string, number[]>;
}

/** The slots each note may use. */
export const NOTE_SLOTS = {
  first: ['month', 'document'],
  reinstated: ['removed', 'month'],
  raised_on_reassessment: ['from', 'to', 'month'],
  lowered_on_reassessment: ['from', 'to', 'month'],
  raised_after_revision: ['from', 'to', 'month'],
  lowered_after_revision: ['from', 'to', 'month'],
  reworded: ['month'],
  gone: ['month']
} as const;
export type NoteKind = keyof typeof NOTE_SLOTS;

export interface DemoHistoryWording {
  notes: Record<NoteKind, string>;
  /** Added to a clause when a revision could not otherwise change its text. */
  lastResortAmendment: string;
}

/** Slots every clause can use, filled from the platform itself rather than from slots.json. */
export const PLATFORM_SLOTS = ['name', 'domain', 'country', 'venue', 'law'] as const;
/** What a phrase of slots.json may use. */
const PHRASE_SLOTS: ReadonlySet<string> = new Set(['name', 'domain']);
/** Slots the generator draws by name (a revision may switch the partners). */
const REQUIRED_TEXT_SLOTS = ['partners'];

export function readSlots(files: DataFiles): DemoSlots {
  const { r, value } = files.open(join(files.dir, 'slots.json'));
  const o = r.object(value, '', ['text', 'numbers']) ?? {};
  const platform: ReadonlySet<string> = new Set(PLATFORM_SLOTS);
  const taken = new Set<string>();
  const slotName = (key: string) => {
    if (!/^[a-z]+$/.test(key)) return 'must be a slot name of lower-case letters';
    if (platform.has(key)) return `is a slot the platform fills (${PLATFORM_SLOTS.map((k) => `{${k}}`).join(', ')})`;
    if (taken.has(key)) return 'is also a text slot';
    taken.add(key);
    return null;
  };
  const text = r.record(o.text, 'text', (v, path) => r.templates(v, path, PHRASE_SLOTS), { keyProblem: slotName });
  for (const slot of REQUIRED_TEXT_SLOTS) {
    if (!(slot in text)) r.problem(fieldPath('text', slot), 'is missing (the generator draws it by name)');
  }
  const numbers = r.record(
    o.numbers,
    'numbers',
    (v, path) => r.list(v, path).map((n, i) => r.number(n, fieldPath(path, i), { integer: true, min: 0 })),
    { keyProblem: slotName }
  );
  return { text, numbers };
}

/** `clauseSlots`: the slots the last-resort amendment may use, as any clause (null: not known). */
export function readHistoryWording(files: DataFiles, clauseSlots: ReadonlySet<string> | null): DemoHistoryWording {
  const kinds = Object.keys(NOTE_SLOTS) as NoteKind[];
  const { r, value } = files.open(join(files.dir, 'history.json'));
  const o = r.object(value, '', ['notes', 'last_resort_amendment']) ?? {};
  const n = r.object(o.notes, 'notes', kinds) ?? {};
  const note = (k: NoteKind) => r.template(n[k], fieldPath('notes', k), new Set(NOTE_SLOTS[k]));
  return {
    notes: Object.fromEntries(kinds.map((k) => [k, note(k)])) as Record<NoteKind, string>,
    lastResortAmendment: r.template(o.last_resort_amendment, 'last_resort_amendment', clauseSlots)
  };
}
