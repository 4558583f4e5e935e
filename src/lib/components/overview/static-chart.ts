/**
 * The geometry layerchart's BarChart gives the severity-by-category chart, computed without it, for the chart drawn on
 * the server (`StaticSeverityChart.svelte`): d3's band scale (padding inner = outer, centred) and d3's "nice" linear
 * scale with its ticks, so the prerendered chart and the interactive one that replaces it line up.
 */

/** d3-scale's band layout: `step` between bands, `start` of the first, and the bar's thickness. */
export function bandLayout(count: number, size: number, padding: number): { step: number; start: number; bandwidth: number } {
  const step = size / Math.max(1, count - padding + padding * 2);
  const start = (size - step * (count - padding)) * 0.5;
  return { step, start, bandwidth: step * (1 - padding) };
}

const E10 = Math.sqrt(50);
const E5 = Math.sqrt(10);
const E2 = Math.sqrt(2);

/**
 * d3-array's tick increment for [0, stop]: 1, 2 or 5 times a power of ten near stop / count. Below 1 it is the
 * negative of its inverse (−10 for 0.1), as d3 keeps it, so that ticks are i / 10 rather than i × 0.1 (no 0.30000000000000004).
 */
function tickIncrement(stop: number, count: number): number {
  const step = stop / count;
  const power = Math.floor(Math.log10(step));
  const error = step / 10 ** power;
  const factor = error >= E10 ? 10 : error >= E5 ? 5 : error >= E2 ? 2 : 1;
  return power >= 0 ? factor * 10 ** power : -(10 ** -power) / factor;
}

/**
 * d3's `scaleLinear().domain([0, max]).nice()` and its `ticks()` (ten, as layerchart asks): the rounded-up end of the
 * axis and the tick values. A max of 0 gives the axis [0, 1].
 */
export function niceTicks(max: number, count = 10): { max: number; values: number[] } {
  let stop = max > 0 ? max : 1;
  let previous: number | undefined;
  for (let i = 0; i < 10; i++) {
    const step = tickIncrement(stop, count);
    if (step === previous) break;
    stop = step > 0 ? Math.ceil(stop / step) * step : Math.ceil(stop * -step) / -step;
    previous = step;
  }
  const step = tickIncrement(stop, count);
  const values: number[] = [];
  if (step > 0) {
    for (let i = 0; i * step <= stop; i++) values.push(i * step);
  } else {
    for (let i = 0; i / -step <= stop; i++) values.push(i / -step);
  }
  return { max: stop, values };
}

/**
 * A label cut to fit `maxWidth` pixels at the chart's 12 px type, with an ellipsis. On the server there is no text to
 * measure: 6.2 px a character is the average of the categories' names in the system sans-serif, the width layerchart
 * then measures in the browser.
 */
export function truncateLabel(text: string, maxWidth: number): string {
  const fits = Math.floor(maxWidth / 6.2);
  return text.length <= fits ? text : `${text.slice(0, Math.max(1, fits - 1)).trimEnd()}…`;
}
