/**
 * A sorted collection kept as a list of small sorted chunks (the "sorted containers" layout).
 * Insert and remove cost a binary search plus a splice inside one chunk of at most a thousand
 * items, so an index of a million entries stays cheap to maintain, and a page query starts at a
 * position found by binary search instead of scanning from the beginning.
 */

/** Where an item lies relative to a target: negative before it, zero at it, positive after it. */
export type Probe<T> = (item: T) => number;

export interface Bound<T> {
  probe: Probe<T>;
  /** Whether an item at the target (probe = 0) is included. */
  inclusive: boolean;
}

const CHUNK_TARGET = 512;

export class SortedList<T> {
  private chunks: T[][] = [];
  private count = 0;

  constructor(private readonly compare: (a: T, b: T) => number) {}

  get size(): number {
    return this.count;
  }

  insert(item: T): void {
    if (this.chunks.length === 0) {
      this.chunks.push([item]);
      this.count = 1;
      return;
    }
    let c = this.firstChunkWhere((last) => this.compare(last, item) >= 0);
    if (c === this.chunks.length) c = this.chunks.length - 1;
    const chunk = this.chunks[c];
    chunk.splice(this.lowerIndex(chunk, (x) => this.compare(x, item), true), 0, item);
    this.count += 1;
    if (chunk.length > CHUNK_TARGET * 2) this.chunks.splice(c + 1, 0, chunk.splice(CHUNK_TARGET));
  }

  /** Removes the item that compares equal to `item`; returns whether one was found. */
  remove(item: T): boolean {
    const c = this.firstChunkWhere((last) => this.compare(last, item) >= 0);
    if (c === this.chunks.length) return false;
    const chunk = this.chunks[c];
    const i = this.lowerIndex(chunk, (x) => this.compare(x, item), true);
    if (i >= chunk.length || this.compare(chunk[i], item) !== 0) return false;
    chunk.splice(i, 1);
    this.count -= 1;
    if (chunk.length === 0) this.chunks.splice(c, 1);
    return true;
  }

  /** Items in ascending order, starting at the bound (or the first item). */
  *ascending(from?: Bound<T>): Generator<T> {
    let c = 0;
    let i = 0;
    if (from) {
      const accept = (x: T): boolean => (from.inclusive ? from.probe(x) >= 0 : from.probe(x) > 0);
      c = this.firstChunkWhere((last) => accept(last));
      if (c === this.chunks.length) return;
      i = this.lowerIndex(this.chunks[c], from.probe, from.inclusive);
    }
    for (; c < this.chunks.length; c += 1, i = 0) {
      const chunk = this.chunks[c];
      for (; i < chunk.length; i += 1) yield chunk[i];
    }
  }

  /** Items in descending order, starting at the bound (or the last item). */
  *descending(from?: Bound<T>): Generator<T> {
    let c = this.chunks.length - 1;
    let i = c >= 0 ? this.chunks[c].length - 1 : -1;
    if (from) {
      const accept = (x: T): boolean => (from.inclusive ? from.probe(x) <= 0 : from.probe(x) < 0);
      // Last chunk whose first item is accepted.
      c = this.firstChunkWhere((_last, first) => !accept(first)) - 1;
      if (c < 0) return;
      // Last accepted index = (first index not accepted) - 1.
      i = this.lowerIndex(this.chunks[c], from.probe, !from.inclusive) - 1;
    }
    for (; c >= 0; c -= 1, i = c >= 0 ? this.chunks[c].length - 1 : -1) {
      const chunk = this.chunks[c];
      for (; i >= 0; i -= 1) yield chunk[i];
    }
  }

  /** Index of the first chunk satisfying a predicate that is monotone over the chunk order. */
  private firstChunkWhere(predicate: (last: T, first: T) => boolean): number {
    let lo = 0;
    let hi = this.chunks.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const chunk = this.chunks[mid];
      if (predicate(chunk[chunk.length - 1], chunk[0])) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }

  /** First index whose probe is >= 0 (inclusive) or > 0 (exclusive). */
  private lowerIndex(chunk: T[], probe: Probe<T>, inclusive: boolean): number {
    let lo = 0;
    let hi = chunk.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const p = probe(chunk[mid]);
      if (inclusive ? p >= 0 : p > 0) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }
}
