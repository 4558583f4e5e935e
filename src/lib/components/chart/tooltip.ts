/** What a chart's tooltip (`ChartTooltip.svelte`) shows for one datum. */
export interface TooltipLine {
  label: string;
  value: string;
  color?: string;
}

export interface TooltipContent {
  header: string;
  /** A line under the header (a category's group). */
  note?: string | null;
  lines: readonly TooltipLine[];
  /** After a separator: totals, the day a state is read at. */
  totals?: readonly TooltipLine[];
}
