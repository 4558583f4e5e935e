/**
 * State of the clause diff: which two versions are compared (the last two by default), their texts fetched for just
 * those two, and the word-level diff. The texts arrive asynchronously; a new choice aborts the previous fetch so an
 * old answer never lands under a new choice.
 *
 * Must be constructed during component initialisation (its fetch lives in an `$effect`).
 */
import type { AppDb } from '$lib/db/context';
import type { Row } from '$lib/db/values';
import { clauseTextsQuery } from '$lib/queries/clause-texts';
import { clauseDiff, type ClauseDiff } from './clause-diff';

/** What the version list already knows about a version (the provision page's `versionsQuery` rows). */
export interface VersionFacts {
  version: number;
  severity: string | null;
  valid_from: Date | null;
  valid_to: Date | null;
  change_kind: string | null;
  clause_sha256: string | null;
}

export interface VersionText extends VersionFacts {
  clause_text: string | null;
  text_source: 'version' | 'provision' | null;
}

const text = (v: unknown): string | null => (typeof v === 'string' ? v : null);
const instant = (v: unknown): Date | null => (v instanceof Date ? v : null);

/** A version row (`versionsQuery` on the provision page, or `clauseTextsQuery`) as typed facts. */
export function versionFacts(row: Row): VersionFacts {
  if (typeof row.version !== 'number') throw new Error(`A version row without a version number: ${JSON.stringify(row)}`);
  return {
    version: row.version,
    severity: text(row.severity),
    valid_from: instant(row.valid_from),
    valid_to: instant(row.valid_to),
    change_kind: text(row.change_kind),
    clause_sha256: text(row.clause_sha256)
  };
}

function versionText(row: Row): VersionText {
  const source = row.text_source;
  return {
    ...versionFacts(row),
    clause_text: text(row.clause_text),
    text_source: source === 'version' || source === 'provision' ? source : null
  };
}

/**
 * The pair shown before the reader picks one: the last two versions. Null with fewer than two: there is nothing to
 * compare, so nothing is read (a version "compared" with itself showed a full table of no change).
 */
export function defaultPair(versions: readonly number[]): [number, number] | null {
  const sorted = [...versions].sort((a, b) => a - b);
  if (sorted.length < 2) return null;
  return [sorted.at(-2)!, sorted.at(-1)!];
}

export class ClauseDiffModel {
  #app: AppDb;
  #recordId: () => string;
  #versions: () => readonly VersionFacts[];

  /** The reader's choice; null = the default pair. */
  chosen = $state<[number, number] | null>(null);
  texts = $state.raw<VersionText[] | null>(null);
  /** Which pair `texts` belongs to, as "record:older:newer". */
  loadedKey = $state<string | null>(null);
  error = $state<string | null>(null);

  readonly numbers: number[] = $derived.by(() => this.#versions().map((v) => v.version).sort((a, b) => a - b));
  readonly pair: [number, number] | null = $derived.by(() => {
    const c = this.chosen;
    if (c && this.numbers.includes(c[0]) && this.numbers.includes(c[1])) return c;
    return defaultPair(this.numbers);
  });
  /** The two versions in time order, whichever way round they were picked. */
  readonly ordered: [number, number] | null = $derived.by(() =>
    this.pair ? [Math.min(...this.pair), Math.max(...this.pair)] as [number, number] : null
  );
  readonly key: string | null = $derived.by(() => (this.ordered ? `${this.#recordId()}:${this.ordered[0]}:${this.ordered[1]}` : null));
  readonly loading = $derived.by(() => this.key !== null && this.loadedKey !== this.key && this.error === null);

  readonly older: VersionText | null = $derived.by(() => this.#pick(0));
  readonly newer: VersionText | null = $derived.by(() => this.#pick(1));

  /** Null when either text is unknown (the page then says so and shows what else changed). */
  readonly diff: ClauseDiff | null = $derived.by(() => {
    const [a, b] = [this.older, this.newer];
    if (!a || !b || a.clause_text === null || b.clause_text === null) return null;
    return clauseDiff(a.clause_text, b.clause_text);
  });

  constructor(app: AppDb, recordId: () => string, versions: () => readonly VersionFacts[]) {
    this.#app = app;
    this.#recordId = recordId;
    this.#versions = versions;

    $effect(() => {
      const key = this.key;
      const pair = this.ordered;
      const id = this.#recordId();
      if (!key || !pair || this.#app.status !== 'ready') return;
      const controller = new AbortController();
      this.error = null;
      const wanted = pair[0] === pair[1] ? [pair[0]] : pair;
      this.#app.db.query(clauseTextsQuery(id, wanted), { signal: controller.signal }).then(
        (rows) => {
          if (controller.signal.aborted) return;
          this.texts = rows.map(versionText);
          this.loadedKey = key;
        },
        (error: unknown) => {
          if (controller.signal.aborted) return;
          this.error = `The clause texts could not be read: ${error instanceof Error ? error.message : String(error)}`;
        }
      );
      return () => controller.abort();
    });
  }

  #pick(side: 0 | 1): VersionText | null {
    if (!this.ordered || this.loadedKey !== this.key || !this.texts) return null;
    return this.texts.find((t) => t.version === this.ordered![side]) ?? null;
  }

  choose(older: number, newer: number): void {
    this.chosen = [older, newer];
  }
}
