/** Problems found in an input, listed up to a cap and counted beyond it. */
export class ProblemList {
  readonly shown: string[] = [];
  private total = 0;

  constructor(readonly cap = 50) {}

  add(message: string): void {
    this.total++;
    if (this.shown.length < this.cap) this.shown.push(message);
  }

  /** Counts problems known to exist but not listed (for example beyond a check's own limit). */
  addUnlisted(count: number): void {
    this.total += count;
  }

  /** Removes problems counted twice (found by two checks); never below what is shown. */
  discount(count: number): void {
    this.total = Math.max(this.shown.length, this.total - count);
  }

  get count(): number {
    return this.total;
  }

  get more(): number {
    return this.total - this.shown.length;
  }

  /** The listed problems, then "… and N more problems" when some were not listed. */
  lines(): string[] {
    return this.more > 0 ? [...this.shown, `… and ${this.more} more problem${this.more === 1 ? '' : 's'}`] : [...this.shown];
  }
}
