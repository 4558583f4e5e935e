/**
 * How the views word a provision's provenance (contract v1.1): who classified it, the source's own rating and
 * polarity, and the source's fields beyond the contract. Plain functions, so every view says it the same way and the
 * wording is tested in Node.
 */
import type { Polarity } from '$lib/contract/schema';
import type { Provenance } from '$lib/queries/provenance';

export const POLARITY_LABELS: Record<Polarity, string> = {
  negative: 'Against users (negative)',
  neutral: 'Neutral',
  positive: 'In users’ favour (positive)'
};

/**
 * What to say about who classified the provision: a rule-found provision says so plainly (its severity, often none,
 * is not a person's judgement); null when the export does not say.
 */
export function classificationNote(p: Pick<Provenance, 'classified_by' | 'classification_rule'>): string | null {
  if (p.classified_by === 'rule') {
    const rule = p.classification_rule ? ` (${p.classification_rule})` : '';
    return `Found by a text rule${rule}, not classified by a person`;
  }
  if (p.classified_by === 'analyst') return 'Classified by an analyst';
  return null;
}

/** True when the export says anything about where the provision comes from (all null in a v1 export). */
export function hasProvenance(p: Provenance): boolean {
  return Object.values(p).some((v) => v !== null);
}

/** A value of a source field as text: lists joined with "; ", instants in UTC ISO form, null as "—". */
export function sourceValueText(value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (Array.isArray(value)) return value.length === 0 ? '(empty list)' : value.map(sourceValueText).join('; ');
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? String(value) : value.toISOString();
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}
