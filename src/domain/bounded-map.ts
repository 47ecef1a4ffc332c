/**
 * A Map that holds at most `capacity` entries: setting a new key when full forgets the entry
 * inserted first. The instance memories (per-invocation settings, held uses, rate-limit shards)
 * use it so that no caller can grow a warm function's memory without bound.
 * `touch` re-inserts a key, making it the newest (least recently used first out).
 */
export class BoundedMap<K, V> extends Map<K, V> {
  readonly capacity: number;

  constructor(capacity: number) {
    super();
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError('capacity must be a positive integer');
    this.capacity = capacity;
  }

  override set(key: K, value: V): this {
    if (!this.has(key) && this.size >= this.capacity) {
      const oldest = this.keys().next();
      if (!oldest.done) this.delete(oldest.value);
    }
    return super.set(key, value);
  }

  /** Sets `key` as the newest entry, whether or not it was held. */
  touch(key: K, value: V): this {
    this.delete(key);
    return this.set(key, value);
  }
}
