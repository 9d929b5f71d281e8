/**
 * Bounded top-N selection with a min-heap over preallocated typed arrays: O(m log N) for m
 * offers, no allocation per offer. Ties go to the smaller id so results are deterministic.
 */
export class TopN {
  private readonly ids: Int32Array;
  private readonly scores: Float64Array;
  private count = 0;

  constructor(readonly capacity: number) {
    this.ids = new Int32Array(Math.max(capacity, 1));
    this.scores = new Float64Array(Math.max(capacity, 1));
  }

  /** Empties the selection for reuse. */
  clear(): void {
    this.count = 0;
  }

  /** Number of entries held. */
  get size(): number {
    return this.count;
  }

  /** Offers an entry; kept if it beats the current worst (or there is room). */
  offer(id: number, score: number): void {
    if (this.capacity <= 0) return;
    if (this.count < this.capacity) {
      this.ids[this.count] = id;
      this.scores[this.count] = score;
      this.siftUp(this.count++);
      return;
    }
    if (!worse(this.scores[0], this.ids[0], score, id)) return;
    this.ids[0] = id;
    this.scores[0] = score;
    this.siftDown(0);
  }

  /** Drains the entries best first (the selection is empty afterwards). */
  drain(): { ids: Int32Array; scores: Float64Array } {
    const n = this.count;
    const ids = new Int32Array(n);
    const scores = new Float64Array(n);
    for (let k = n - 1; k >= 0; k--) {
      ids[k] = this.ids[0];
      scores[k] = this.scores[0];
      this.count--;
      this.ids[0] = this.ids[this.count];
      this.scores[0] = this.scores[this.count];
      this.siftDown(0);
    }
    return { ids, scores };
  }

  private siftUp(at: number): void {
    while (at > 0) {
      const parent = (at - 1) >> 1;
      if (!worse(this.scores[at], this.ids[at], this.scores[parent], this.ids[parent])) return;
      this.swap(at, parent);
      at = parent;
    }
  }

  private siftDown(at: number): void {
    for (;;) {
      const left = 2 * at + 1;
      if (left >= this.count) return;
      const right = left + 1;
      let child = left;
      if (right < this.count && worse(this.scores[right], this.ids[right], this.scores[left], this.ids[left])) {
        child = right;
      }
      if (!worse(this.scores[child], this.ids[child], this.scores[at], this.ids[at])) return;
      this.swap(at, child);
      at = child;
    }
  }

  private swap(a: number, b: number): void {
    const id = this.ids[a];
    const score = this.scores[a];
    this.ids[a] = this.ids[b];
    this.scores[a] = this.scores[b];
    this.ids[b] = id;
    this.scores[b] = score;
  }
}

// True when entry (scoreA, idA) ranks below (scoreB, idB).
function worse(scoreA: number, idA: number, scoreB: number, idB: number): boolean {
  return scoreA < scoreB || (scoreA === scoreB && idA > idB);
}
