/**
 * Charting a console result: which chart and columns to start from (from the column types), and the points to draw.
 * Pure: it reads cells through `cell(row, column)`, so tests pass a plain table and the page a `ColumnarResult`.
 */
import type { ColumnKind, ResultColumn } from '$lib/db/columnar';
import type { Cell } from '$lib/db/values';

export const CHART_TYPES = ['bar', 'line', 'area', 'scatter'] as const;
export type ChartType = (typeof CHART_TYPES)[number];

export interface ChartSpec {
  type: ChartType;
  /** Column indices into the result; null = not chosen. */
  x: number | null;
  y: number | null;
  color: number | null;
}

/** More points than this make an SVG chart slow and unreadable: the chart draws the first rows and says so. */
export const MAX_CHART_ROWS = 5000;
/** Bars (and colour groups) beyond this are not drawn; the caption says how many were left out. */
export const MAX_BARS = 60;
export const MAX_SERIES = 12;

export interface ChartSource {
  numRows: number;
  columns: readonly ResultColumn[];
  cell(row: number, column: number): Cell;
}

const isTime = (k: ColumnKind) => k === 'date' || k === 'timestamp';
const isCategory = (k: ColumnKind) => k === 'text' || k === 'boolean';

/**
 * Defaults from the column types: a date or timestamp becomes x of a line; else a text column becomes the bars; else
 * two numbers make a scatter. y is the first number not used as x; colour a further text column, when there is one.
 */
export function defaultChart(columns: readonly ResultColumn[]): ChartSpec {
  const numbers = columns.filter((c) => c.kind === 'number');
  const time = columns.find((c) => isTime(c.kind));
  const category = columns.find((c) => isCategory(c.kind));
  let type: ChartType;
  let x: ResultColumn | undefined;
  if (time) {
    type = 'line';
    x = time;
  } else if (category) {
    type = 'bar';
    x = category;
  } else {
    type = 'scatter';
    x = numbers[0];
  }
  const y = numbers.find((c) => c !== x);
  const color = columns.find((c) => isCategory(c.kind) && c !== x);
  return { type, x: x?.index ?? null, y: y?.index ?? null, color: type === 'scatter' && !color ? null : (color?.index ?? null) };
}

/** Why a spec cannot be drawn, in words; null when it can. */
export function chartProblem(spec: ChartSpec, columns: readonly ResultColumn[]): string | null {
  const x = spec.x === null ? undefined : columns[spec.x];
  const y = spec.y === null ? undefined : columns[spec.y];
  if (!x) return 'Choose a column for x.';
  if (!y) return 'Choose a numeric column for y.';
  if (y.kind !== 'number') return `y must be a number: "${y.name}" is ${y.type}.`;
  if (spec.type === 'scatter' && !(x.kind === 'number' || isTime(x.kind))) {
    return `A scatter plot needs a number or date for x: "${x.name}" is ${x.type}. Try a bar chart.`;
  }
  if ((spec.type === 'line' || spec.type === 'area') && !(x.kind === 'number' || isTime(x.kind))) {
    return `A ${spec.type} chart needs an ordered x (number or date): "${x.name}" is ${x.type}. Try a bar chart.`;
  }
  return null;
}

export type ChartX = string | number | Date;

export interface ChartPoint {
  x: ChartX;
  y: number;
}

export interface ChartSeries {
  key: string;
  points: ChartPoint[];
}

export interface ChartData {
  /** How x is scaled: bars get bands, dates a time scale. */
  xScale: 'band' | 'time' | 'linear';
  series: ChartSeries[];
  /** Rows read (at most `MAX_CHART_ROWS`). */
  rowsUsed: number;
  /** Rows skipped because x or y is NULL. */
  nullsSkipped: number;
  /** Bars whose rows shared an x (and colour) and were summed. */
  summed: number;
  /** Bars or series not drawn beyond `MAX_BARS` / `MAX_SERIES`. */
  barsDropped: number;
  seriesDropped: number;
}

function toX(cell: Cell, kind: ColumnKind): ChartX | null {
  if (cell === null) return null;
  if (kind === 'date' && typeof cell === 'string') return new Date(`${cell}T00:00:00Z`);
  if (cell instanceof Date || typeof cell === 'number') return cell;
  return Array.isArray(cell) ? JSON.stringify(cell) : String(cell);
}

const xKey = (x: ChartX) => (x instanceof Date ? `d${x.getTime()}` : `${typeof x}:${x}`);

export function chartData(source: ChartSource, spec: ChartSpec): ChartData {
  const x = spec.x === null ? undefined : source.columns[spec.x];
  const y = spec.y === null ? undefined : source.columns[spec.y];
  if (!x || !y || chartProblem(spec, source.columns)) throw new Error(chartProblem(spec, source.columns) ?? 'Incomplete chart');
  const color = spec.color === null ? undefined : source.columns[spec.color];
  const bar = spec.type === 'bar';
  const xScale: ChartData['xScale'] = bar ? 'band' : isTime(x.kind) ? 'time' : 'linear';
  const rowsUsed = Math.min(source.numRows, MAX_CHART_ROWS);

  const groups = new Map<string, ChartPoint[]>();
  const barIndex = new Map<string, Map<string, ChartPoint>>();
  const barsSeen = new Set<string>();
  let nullsSkipped = 0;
  let summed = 0;
  let barsDropped = 0;
  let seriesDropped = 0;
  const droppedSeries = new Set<string>();
  const droppedBars = new Set<string>();
  for (let r = 0; r < rowsUsed; r++) {
    const xv = toX(source.cell(r, x.index), bar ? 'text' : x.kind);
    const yv = source.cell(r, y.index);
    if (xv === null || typeof yv !== 'number' || !Number.isFinite(yv)) {
      nullsSkipped++;
      continue;
    }
    const key = color ? String(source.cell(r, color.index) ?? 'NULL') : y.name;
    let points = groups.get(key);
    if (!points) {
      if (groups.size >= MAX_SERIES) {
        droppedSeries.add(key);
        continue;
      }
      points = [];
      groups.set(key, points);
      barIndex.set(key, new Map());
    }
    if (bar) {
      const k = xKey(xv);
      if (!barsSeen.has(k)) {
        if (barsSeen.size >= MAX_BARS) {
          droppedBars.add(k);
          continue;
        }
        barsSeen.add(k);
      }
      const existing = barIndex.get(key)!.get(k);
      if (existing) {
        existing.y += yv;
        summed++;
        continue;
      }
      const point = { x: xv, y: yv };
      barIndex.get(key)!.set(k, point);
      points.push(point);
    } else {
      points.push({ x: xv, y: yv });
    }
  }
  barsDropped = droppedBars.size;
  seriesDropped = droppedSeries.size;
  const series = [...groups].map(([key, points]) => ({
    key,
    // Lines join points in x order, whatever order the rows came in.
    points: bar ? points : points.sort((a, b) => Number(a.x) - Number(b.x))
  }));
  return { xScale, series, rowsUsed, nullsSkipped, summed, barsDropped, seriesDropped };
}
