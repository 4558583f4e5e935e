/**
 * Problems found in an input, listed up to a cap and counted beyond it. Problems that share a group (the same check
 * of the same column with the same value) are listed once with a count: fifty rows whose website is "None" are one
 * line saying so, not fifty.
 */
interface Entry {
  message: string;
  count: number;
}

/** Distinct groups remembered for merging; beyond this, new groups are counted as separate problems. */
const MAX_GROUPS = 100_000;

export class ProblemList {
  private readonly entries: Entry[] = [];
  private readonly groups = new Map<string, Entry>();
  private total = 0;

  /** `unit` names what a group counts, in "(12 lines like this; the first is shown)". */
  constructor(
    readonly cap = 50,
    private readonly unit = 'lines'
  ) {}

  /** Adds a problem; with `group`, a problem of a group already seen only raises that group's count. */
  add(message: string, group?: string, count = 1): void {
    if (group !== undefined) {
      const seen = this.groups.get(group);
      if (seen) {
        seen.count += count;
        return;
      }
    }
    this.total++;
    const entry = { message, count };
    if (this.entries.length < this.cap) this.entries.push(entry);
    if (group !== undefined && this.groups.size < MAX_GROUPS) this.groups.set(group, entry);
  }

  /** Counts problems known to exist but not listed (for example beyond a check's own limit). */
  addUnlisted(count: number): void {
    this.total += count;
  }

  get count(): number {
    return this.total;
  }

  get more(): number {
    return this.total - this.entries.length;
  }

  /** The listed problems, each with its count when it stands for several. */
  get shown(): string[] {
    return this.entries.map((e) => (e.count > 1 ? `${e.message} (${e.count} ${this.unit} like this; the first is shown)` : e.message));
  }

  /** The listed problems, then "… and N more problems" when some were not listed. */
  lines(): string[] {
    return this.more > 0 ? [...this.shown, `… and ${this.more} more problem${this.more === 1 ? '' : 's'}`] : this.shown;
  }
}
