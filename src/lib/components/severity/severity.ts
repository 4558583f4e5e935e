/** Display names and colours of the severity keys (colours are defined in `severity.css`). */
import type { SeverityKey } from '$lib/queries/severity';

export const SEVERITY_LABELS: Record<SeverityKey, string> = {
  critical: 'Critical',
  high: 'High',
  medium: 'Medium',
  low: 'Low',
  info: 'Info',
  unrated: 'Unrated'
};

/** CSS colour of a severity: a custom property, so one stylesheet restyles every view. */
export function severityColor(key: SeverityKey): string {
  return `var(--severity-${key})`;
}

/** Id of the SVG hatch pattern drawn over unrated areas (defined once by `SeverityHatch.svelte`). */
export const UNRATED_HATCH_ID = 'termscope-unrated-hatch';
