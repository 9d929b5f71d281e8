/** Keeps the best `limit` scored candidates; ties broken by product id for stable output. */
export class TopNStrings<T extends { productId: string; score: number }> {
  private readonly kept: T[] = [];

  constructor(readonly limit: number) {}

  /** Offers a candidate (kept when it is among the best so far). */
  offer(candidate: T): void {
    if (this.limit <= 0) return;
    const kept = this.kept;
    if (kept.length === this.limit && !better(candidate, kept[kept.length - 1])) return;
    let at = kept.length === this.limit ? kept.length - 1 : kept.length;
    kept[at] = candidate;
    // Insertion into a short sorted list: limits are small (a handful of offers per surface).
    while (at > 0 && better(kept[at], kept[at - 1])) {
      [kept[at], kept[at - 1]] = [kept[at - 1], kept[at]];
      at--;
    }
  }

  /** The kept candidates, best first. */
  drain(): T[] {
    return this.kept.splice(0, this.kept.length);
  }
}

function better(a: { productId: string; score: number }, b: { productId: string; score: number }): boolean {
  return a.score > b.score || (a.score === b.score && a.productId < b.productId);
}
