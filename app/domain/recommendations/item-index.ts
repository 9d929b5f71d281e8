/** Interns product ids as dense integers so the hot loops work on typed arrays, not strings. */
export class ItemIndex {
  private readonly byId = new Map<string, number>();
  private readonly idList: string[] = [];

  constructor(ids: Iterable<string> = []) {
    for (const id of ids) this.intern(id);
  }

  /** Number of distinct ids seen. */
  get size(): number {
    return this.idList.length;
  }

  /** The index of `id`, adding it when new. */
  intern(id: string): number {
    const known = this.byId.get(id);
    if (known !== undefined) return known;
    const index = this.idList.length;
    this.byId.set(id, index);
    this.idList.push(id);
    return index;
  }

  /** The index of `id`, or -1 when it was never seen. */
  lookup(id: string): number {
    return this.byId.get(id) ?? -1;
  }

  /** The id at `index`. */
  id(index: number): string {
    return this.idList[index];
  }

  /** All ids in index order (read-only view). */
  ids(): readonly string[] {
    return this.idList;
  }
}
