/**
 * Severities as layerchart series and tooltip lines, the same way in every chart: the severity's label and colour,
 * unrated hatched (the pattern `SeverityHatch.svelte` puts in the page once).
 */
import { formatCount } from '$lib/format/number';
import type { SeverityKey } from '$lib/queries/severity';
import { SEVERITY_LABELS, severityColor, UNRATED_HATCH_ID } from '$lib/components/severity/severity';
import type { TooltipLine } from './tooltip';

export interface SeveritySeries<D> {
  key: SeverityKey;
  label: string;
  value: (d: D) => number;
  color: string;
  props: { fill?: string };
}

/** One series per severity in `keys`, in that order; `value` reads a datum's number for a severity. */
export function severitySeries<D>(keys: readonly SeverityKey[], value: (d: D, key: SeverityKey) => number): SeveritySeries<D>[] {
  return keys.map((key) => ({
    key,
    label: SEVERITY_LABELS[key],
    value: (d: D) => value(d, key),
    color: severityColor(key),
    props: key === 'unrated' ? { fill: `url(#${UNRATED_HATCH_ID})` } : {}
  }));
}

/**
 * A tooltip line per severity in `keys` (worst first, like the legend; layerchart's own tooltip lists a stack's
 * series last-first), leaving out those at zero unless `zeros`.
 */
export function severityLines(
  keys: readonly SeverityKey[],
  count: (key: SeverityKey) => number,
  { zeros = false, format = (key: SeverityKey) => formatCount(count(key)) }: { zeros?: boolean; format?: (key: SeverityKey) => string } = {}
): TooltipLine[] {
  return keys
    .filter((key) => zeros || count(key) > 0)
    .map((key) => ({ label: SEVERITY_LABELS[key], value: format(key), color: severityColor(key) }));
}
