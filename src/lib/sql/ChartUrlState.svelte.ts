/**
 * Which chart the console draws for its result, kept in the URL (`chart-url.ts`). The link's choices apply to the
 * first result after the page opens (the shared query's); the analyst's picks are written back as they are made; a
 * later result (another query) starts from its own defaults and its chart params leave the URL until picked again.
 */
import type { ColumnarResult } from '$lib/db/columnar';
import { defaultChart, type ChartSpec } from './chart-spec';
import { chartFromSearch, hasChartParams, searchWithChart, withoutChart } from './chart-url';

export class ChartUrlState {
  spec = $state<ChartSpec | null>(null);
  /** The link's chart choices that were ignored, one sentence each. */
  notes = $state<string[]>([]);
  /** The link asked for a chart: the result opens on the Chart tab. */
  readonly requested: boolean;

  #pending: URLSearchParams | null;
  #result: ColumnarResult | null = null;

  constructor(
    search: URLSearchParams,
    /** Replaces the page's search params (the caller keeps the path and history entry). */
    private readonly write: (update: (search: URLSearchParams) => URLSearchParams) => void
  ) {
    this.requested = hasChartParams(search);
    this.#pending = this.requested ? new URLSearchParams(search) : null;
  }

  /** A result is shown: the link's chart for the first one, defaults for the next. */
  show(result: ColumnarResult): void {
    if (result === this.#result) return;
    this.#result = result;
    if (this.#pending) {
      const { spec, notes } = chartFromSearch(this.#pending, result.columns);
      this.#pending = null;
      this.spec = spec;
      this.notes = notes;
      // The URL keeps what was applied: an ignored choice leaves it, so the link now says what is drawn.
      this.write((search) => searchWithChart(search, spec, result.columns));
      return;
    }
    this.spec = defaultChart(result.columns);
    this.write((search) => (hasChartParams(search) ? withoutChart(search) : search));
  }

  /** The analyst chose a chart type or column. */
  pick(spec: ChartSpec): void {
    const result = this.#result;
    if (!result) return;
    this.spec = spec;
    this.write((search) => searchWithChart(search, spec, result.columns));
  }
}
