/**
 * The timeline without a round trip to the database: every version placed in time, held once as a few typed arrays
 * (start day, end day, platform, category, severity as small integers), from which each filter change recomputes
 * the series and the severity index in one pass in the page.
 *
 * Measured (docs/BENCHMARKS.md): a parameterised DuckDB query costs tens of milliseconds in duckdb-wasm however small
 * the data (a connection, a prepared statement, worker messages, Arrow decoding), which alone spends the timeline's
 * 100 ms budget at demo scale; one pass over 45,000 versions takes about a millisecond, over 3.5 million a few tens.
 *
 * The rule is the SQL's (`queries/timeline.ts`), on whole UTC days: a version counts at the end of bucket b when
 * bucket(valid_from) <= b < bucket(valid_to), where an instant's bucket is its UTC day's. Days before the first bucket
 * fall into it, days from the end of the range on are beyond it. `loadVersionIndex` fills the arrays from
 * `versionIndexQuery`; the same tests that hold the SQL to the as-of rule hold this to the SQL.
 */
import { SEVERITIES } from '$lib/contract/schema';
import { matchesPlatformFilter, type PlatformFilter } from '$lib/queries/platform-filter';
import { SEVERITY_KEYS } from '$lib/queries/severity';
import type { IndexGroup } from '$lib/queries/timeline';
import type { VersionFilter } from '$lib/queries/version-filters';
import { parseDay } from '$lib/format/date';
import { bucketsFor, type Bucket, type Granularity } from './buckets';
import type { IndexPoint, SeverityCounts, TimelinePoint } from './series';

/** The end day of a version still current. */
export const NEVER = 2_147_483_647;
const DAY_MS = 86_400_000;
const UNRATED_CODE = SEVERITIES.length;
/** Rank of each severity code in the severity index (codes follow SEVERITY_KEYS: critical 0 … info 4, unrated 5). */
const RANK_OF_CODE = SEVERITIES.map((_, i) => SEVERITIES.length - 1 - i);

export interface IndexedPlatform {
  platform_id: string;
  name: string;
  sector: string | null;
  jurisdiction: string | null;
}

export interface VersionColumns {
  /** UTC day number (days since 1970-01-01) of valid_from. */
  fromDay: ArrayLike<number>;
  /** UTC day number of valid_to; NEVER when still current. */
  toDay: ArrayLike<number>;
  /** Position in `platforms`. */
  platform: ArrayLike<number>;
  /** Position in `categories`. */
  category: ArrayLike<number>;
  /** Position in SEVERITY_KEYS (unrated last). */
  severity: ArrayLike<number>;
}

export interface TimeRange {
  from: string;
  to: string;
  granularity: Granularity;
}

function dayNumber(day: string): number {
  return Math.round(parseDay(day).getTime() / DAY_MS);
}

export class VersionIndex {
  readonly size: number;
  readonly #cols: { fromDay: Int32Array; toDay: Int32Array; platform: Int32Array; category: Int32Array; severity: Int32Array };

  /** `platforms` and `categories` in the order their positions refer to. */
  constructor(
    columns: VersionColumns,
    readonly platforms: readonly IndexedPlatform[],
    readonly categories: readonly string[]
  ) {
    const n = columns.fromDay.length;
    for (const c of [columns.toDay, columns.platform, columns.category, columns.severity]) {
      if (c.length !== n) throw new Error(`Version index: columns of different lengths (${n} and ${c.length})`);
    }
    const copy = (a: ArrayLike<number>) => (a instanceof Int32Array ? a : Int32Array.from(a));
    this.#cols = {
      fromDay: copy(columns.fromDay),
      toDay: copy(columns.toDay),
      platform: copy(columns.platform),
      category: copy(columns.category),
      severity: copy(columns.severity)
    };
    this.size = n;
  }

  #masks(filter: VersionFilter) {
    const category = new Uint8Array(this.categories.length);
    if (filter.categories.length === 0) category.fill(1);
    else this.categories.forEach((id, i) => (category[i] = filter.categories.includes(id) ? 1 : 0));
    const platform = new Uint8Array(this.platforms.length);
    const pf: PlatformFilter = filter.platforms;
    this.platforms.forEach((p, i) => (platform[i] = matchesPlatformFilter(p, pf) ? 1 : 0));
    const severity = new Uint8Array(SEVERITY_KEYS.length);
    SEVERITY_KEYS.forEach((k, i) => (severity[i] = filter.severities.length === 0 || filter.severities.includes(k) ? 1 : 0));
    return { category, platform, severity };
  }

  /** Bucket of each day of the range, from the first bucket's first day; -1 from the end of the range on. */
  #bucketLookup(range: TimeRange): { buckets: Bucket[]; first: number; end: number; of: (day: number) => number } {
    const buckets = bucketsFor(range.from, range.to, range.granularity);
    const first = dayNumber(buckets[0]!.start);
    const end = dayNumber(range.to) + 1;
    const table = new Int32Array(end - first);
    buckets.forEach((b, i) => {
      const start = dayNumber(b.start) - first;
      const stop = i + 1 < buckets.length ? dayNumber(buckets[i + 1]!.start) - first : table.length;
      table.fill(i, start, stop);
    });
    return { buckets, first, end, of: (day) => (day < first ? 0 : day >= end ? -1 : table[day - first]!) };
  }

  /** The series `loadTimeline` gives for the same filter and range. */
  timeline(filter: VersionFilter, range: TimeRange): TimelinePoint[] {
    const m = this.#masks(filter);
    const { buckets, of } = this.#bucketLookup(range);
    const width = SEVERITY_KEYS.length;
    const steps = new Float64Array(buckets.length * width);
    const { fromDay, toDay, platform, category, severity } = this.#cols;
    for (let i = 0; i < this.size; i++) {
      const sev = severity[i]!;
      if (!m.category[category[i]!] || !m.platform[platform[i]!] || !m.severity[sev]) continue;
      const s = of(fromDay[i]!);
      if (s < 0) continue;
      steps[s * width + sev]! += 1;
      const t = toDay[i]!;
      if (t === NEVER) continue;
      const e = of(t);
      if (e >= 0) steps[e * width + sev]! -= 1;
    }
    const running = new Float64Array(width);
    return buckets.map((b, j) => {
      const counts = {} as SeverityCounts;
      let total = 0;
      SEVERITY_KEYS.forEach((k, c) => {
        running[c]! += steps[j * width + c]!;
        counts[k] = running[c]!;
        total += running[c]!;
      });
      return { bucket: b.start, asOf: b.asOf, counts, total };
    });
  }

  /** The severity index `loadSeverityIndex` gives: per sector ('' = none) or per platform, groups in text order. */
  severityIndex(filter: VersionFilter, range: TimeRange, by: IndexGroup): IndexPoint[] {
    const m = this.#masks(filter);
    const { buckets, first, end, of } = this.#bucketLookup(range);
    const groupNames = by === 'sector' ? this.platforms.map((p) => p.sector ?? '') : this.platforms.map((p) => p.platform_id);
    const n = buckets.length;
    const steps = new Map<string, { rated: Float64Array; unrated: Float64Array; rank: Float64Array }>();
    const { fromDay, toDay, platform, category, severity } = this.#cols;
    for (let i = 0; i < this.size; i++) {
      const sev = severity[i]!;
      if (!m.category[category[i]!] || !m.platform[platform[i]!] || !m.severity[sev]) continue;
      const from = fromDay[i]!;
      const to = toDay[i]!;
      // The versions that could be in force in the range: they make a group appear, even when they cancel out.
      if (from >= end || (to !== NEVER && to < first)) continue;
      const name = groupNames[platform[i]!]!;
      let g = steps.get(name);
      if (!g) steps.set(name, (g = { rated: new Float64Array(n), unrated: new Float64Array(n), rank: new Float64Array(n) }));
      const add = (b: number, sign: number) => {
        if (sev === UNRATED_CODE) g.unrated[b]! += sign;
        else {
          g.rated[b]! += sign;
          g.rank[b]! += sign * RANK_OF_CODE[sev]!;
        }
      };
      add(of(from), 1);
      if (to === NEVER) continue;
      const e = of(to);
      if (e >= 0) add(e, -1);
    }
    const out: IndexPoint[] = [];
    for (const name of [...steps.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))) {
      const g = steps.get(name)!;
      let rated = 0;
      let unrated = 0;
      let rank = 0;
      buckets.forEach((b, j) => {
        rated += g.rated[j]!;
        unrated += g.unrated[j]!;
        rank += g.rank[j]!;
        out.push({ group: name, bucket: b.start, asOf: b.asOf, rated, unrated, index: rated > 0 ? rank / rated : null });
      });
    }
    return out;
  }
}
