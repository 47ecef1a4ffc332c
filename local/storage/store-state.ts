/**
 * The in-memory data of the emulated store: one map per namespace (plain keys, secrets, one per
 * custom entity), a sorted key list for `kvs.query`, and for every manifest index a sorted list
 * per partition. Every change goes through `apply(mutations)` so that what is persisted (the
 * same mutations) and what is in memory can never differ.
 */
import type { EntityDefinition, EntityIndex } from '../manifest';
import { compareScalars, isScalar, type Scalar } from './compare';
import { SortedList } from './sorted-list';

export interface StoredItem {
  value: unknown;
  /** Epoch milliseconds. */
  createdAt: number;
  updatedAt: number;
  /** Epoch milliseconds after which the item behaves as absent (TTL). */
  expireAt?: number;
}

/** A committed change: `item: null` deletes the key. */
export interface Mutation {
  ns: string;
  key: string;
  item: StoredItem | null;
}

export const KV_NAMESPACE = 'kv';
export const SECRET_NAMESPACE = 'secret';
export const entityNamespace = (entityName: string): string => `entity:${entityName}`;

export interface IndexEntry {
  range: Scalar;
  key: string;
}

/** Index order: range value, ties broken by entity key. */
export function compareIndexEntries(a: IndexEntry, b: IndexEntry): number {
  return compareScalars(a.range, b.range) || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
}

export interface IndexState {
  definition: EntityIndex;
  partitions: Map<string, SortedList<IndexEntry>>;
}

/** The partition an entity value belongs to in an index, or undefined when it is not indexed there. */
export function partitionKeyOf(index: EntityIndex, value: Record<string, unknown>): string | undefined {
  if (index.partition.length === 0) return '[]';
  const parts: Scalar[] = [];
  for (const attribute of index.partition) {
    const part = value[attribute];
    if (!isScalar(part)) return undefined;
    parts.push(part);
  }
  return JSON.stringify(parts);
}

function indexEntryOf(index: EntityIndex, key: string, value: unknown): { partition: string; entry: IndexEntry } | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const record = value as Record<string, unknown>;
  const range = record[index.range];
  if (!isScalar(range)) return undefined; // sparse index: items without the range attribute are not in it
  const partition = partitionKeyOf(index, record);
  return partition === undefined ? undefined : { partition, entry: { range, key } };
}

const compareStrings = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

export class StoreState {
  private readonly namespaces = new Map<string, Map<string, StoredItem>>();
  private readonly plainKeys = new SortedList<string>(compareStrings);
  private readonly indexes = new Map<string, Map<string, IndexState>>();
  private readonly entityDefinitions = new Map<string, EntityDefinition>();
  /** Items with a TTL, so that sweeping expired items does not walk the whole store. */
  private readonly expiring = new Map<string, { ns: string; key: string; expireAt: number }>();

  constructor(entities: readonly EntityDefinition[]) {
    for (const entity of entities) {
      this.entityDefinitions.set(entity.name, entity);
      const byName = new Map<string, IndexState>();
      for (const index of entity.indexes) byName.set(index.name, { definition: index, partitions: new Map() });
      this.indexes.set(entity.name, byName);
    }
  }

  entity(name: string): EntityDefinition | undefined {
    return this.entityDefinitions.get(name);
  }

  index(entityName: string, indexName: string): IndexState | undefined {
    return this.indexes.get(entityName)?.get(indexName);
  }

  /** The item as stored, even if its TTL has passed. */
  peek(ns: string, key: string): StoredItem | undefined {
    return this.namespaces.get(ns)?.get(key);
  }

  /** The item if it exists and has not expired at `now`. */
  live(ns: string, key: string, now: number): StoredItem | undefined {
    const item = this.peek(ns, key);
    return item && !isExpired(item, now) ? item : undefined;
  }

  /** Sorted plain keys, for `kvs.query`. */
  get keys(): SortedList<string> {
    return this.plainKeys;
  }

  get itemCount(): number {
    let total = 0;
    for (const map of this.namespaces.values()) total += map.size;
    return total;
  }

  apply(mutations: readonly Mutation[]): void {
    for (const mutation of mutations) this.applyOne(mutation);
  }

  /** Deletions for every item whose TTL has passed. */
  expiredMutations(now: number): Mutation[] {
    const result: Mutation[] = [];
    for (const { ns, key, expireAt } of this.expiring.values()) {
      if (expireAt <= now) result.push({ ns, key, item: null });
    }
    return result;
  }

  *entries(): Generator<Mutation> {
    for (const [ns, map] of this.namespaces) {
      for (const [key, item] of map) yield { ns, key, item };
    }
  }

  private applyOne({ ns, key, item }: Mutation): void {
    let map = this.namespaces.get(ns);
    if (!map) {
      map = new Map();
      this.namespaces.set(ns, map);
    }
    const previous = map.get(key);
    const entityName = ns.startsWith('entity:') ? ns.slice('entity:'.length) : undefined;
    if (previous && entityName !== undefined) this.unindex(entityName, key, previous.value);
    const ttlKey = `${ns}\u0000${key}`;
    this.expiring.delete(ttlKey);

    if (item === null) {
      map.delete(key);
      if (ns === KV_NAMESPACE && previous) this.plainKeys.remove(key);
      return;
    }
    map.set(key, item);
    if (ns === KV_NAMESPACE && !previous) this.plainKeys.insert(key);
    if (entityName !== undefined) this.reindex(entityName, key, item.value);
    if (item.expireAt !== undefined) this.expiring.set(ttlKey, { ns, key, expireAt: item.expireAt });
  }

  private unindex(entityName: string, key: string, value: unknown): void {
    for (const state of this.indexes.get(entityName)?.values() ?? []) {
      const placed = indexEntryOf(state.definition, key, value);
      if (!placed) continue;
      const list = state.partitions.get(placed.partition);
      if (!list) continue;
      list.remove(placed.entry);
      if (list.size === 0) state.partitions.delete(placed.partition);
    }
  }

  private reindex(entityName: string, key: string, value: unknown): void {
    for (const state of this.indexes.get(entityName)?.values() ?? []) {
      const placed = indexEntryOf(state.definition, key, value);
      if (!placed) continue;
      let list = state.partitions.get(placed.partition);
      if (!list) {
        list = new SortedList<IndexEntry>(compareIndexEntries);
        state.partitions.set(placed.partition, list);
      }
      list.insert(placed.entry);
    }
  }
}

export function isExpired(item: StoredItem, now: number): boolean {
  return item.expireAt !== undefined && item.expireAt <= now;
}
