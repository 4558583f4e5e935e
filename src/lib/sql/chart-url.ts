/**
 * The console's result chart in the URL (`/sql?q=…&chart=line&x=month&y=n&color=kind`), so a shared or reloaded link
 * draws the same chart. Columns are named, not numbered: a name still means the same column when the query is edited
 * to add one before it. A value that does not fit the result (no such column, a text column as y, an unknown chart
 * type) is named in a note and ignored; the chart keeps its default for that choice.
 */
import type { ResultColumn } from '$lib/db/columnar';
import { note } from '$lib/filters/schema';
import { CHART_TYPES, defaultChart, type ChartSpec, type ChartType } from './chart-spec';

export const CHART_PARAM = 'chart';
/** `color=` (empty) means "no colour groups", which differs from leaving the default's colour column. */
const COLUMN_PARAMS = ['x', 'y', 'color'] as const;
export const CHART_URL_PARAMS = [CHART_PARAM, ...COLUMN_PARAMS] as const;

/** True when the link asks for a chart (the console then opens on the Chart tab). */
export function hasChartParams(search: URLSearchParams): boolean {
  return CHART_URL_PARAMS.some((key) => search.has(key));
}

const fits: Record<(typeof COLUMN_PARAMS)[number], (c: ResultColumn) => string | null> = {
  x: () => null,
  y: (c) => (c.kind === 'number' ? null : `y must be a numeric column, and "${c.name}" is ${c.type}`),
  color: (c) => (c.kind === 'text' || c.kind === 'boolean' ? null : `colour groups come from a text or true/false column, and "${c.name}" is ${c.type}`)
};

/** The chart the URL asks for on this result: the defaults, with each valid choice of the URL applied. */
export function chartFromSearch(search: URLSearchParams, columns: readonly ResultColumn[]): { spec: ChartSpec; notes: string[] } {
  const spec = defaultChart(columns);
  const notes: string[] = [];
  const type = search.get(CHART_PARAM);
  if (type !== null && type !== '') {
    if ((CHART_TYPES as readonly string[]).includes(type)) spec.type = type as ChartType;
    else notes.push(note(CHART_PARAM, type, `not a chart type (${CHART_TYPES.join(', ')})`));
  }
  for (const key of COLUMN_PARAMS) {
    const name = search.get(key);
    if (name === null) continue;
    if (name === '') {
      if (key === 'color') spec.color = null;
      continue;
    }
    // The first column of that name: a result may repeat a name, and the grid shows the first one first.
    const column = columns.find((c) => c.name === name);
    if (!column) {
      notes.push(note(key, name, 'the result has no column of that name'));
      continue;
    }
    const problem = fits[key](column);
    if (problem) notes.push(note(key, name, problem));
    else spec[key] = column.index;
  }
  return { spec, notes };
}

/** Search params with the chart's choices written (other params, such as `q` and `export`, kept). */
export function searchWithChart(search: URLSearchParams, spec: ChartSpec, columns: readonly ResultColumn[]): URLSearchParams {
  const next = withoutChart(search);
  next.set(CHART_PARAM, spec.type);
  for (const key of COLUMN_PARAMS) {
    const index = spec[key];
    const name = index === null ? '' : (columns[index]?.name ?? '');
    // x and y left empty say nothing; colour left empty says "none".
    if (name !== '' || key === 'color') next.set(key, name);
  }
  return next;
}

export function withoutChart(search: URLSearchParams): URLSearchParams {
  const next = new URLSearchParams(search);
  for (const key of CHART_URL_PARAMS) next.delete(key);
  return next;
}
