/**
 * An in-memory TallyStore (src/domain/audit/fold-tallies.ts) with the kvs adapter's behaviour:
 * keys in order, pages of 100 with a cursor that is a position (the last key), deletes 25 per
 * call, every call counted. The fake verification store writes its tallies here, so a test can
 * verify, then fold.
 */
import type { TallyEntry, TallyStore } from '../../src/domain/audit/fold-tallies';
import { asSuccessTally, type PlannedTally, type SuccessTally } from '../../src/domain/audit/success-tally';

const PREFIX = 'agg-tally:';
const PAGE = 100;
const DELETES_PER_CALL = 25;

export interface FakeTallyStore extends TallyStore {
  rows: Map<string, unknown>;
  calls: { page: number; remove: number };
  /** Stores a planned tally as the verification transaction does. */
  put(planned: PlannedTally, system: string): void;
  /** Runs before each delete call: a fold "stopping" or another fold running meanwhile. */
  beforeRemove: (() => void) | null;
}

export function fakeTallyStore(): FakeTallyStore {
  const store: FakeTallyStore = {
    rows: new Map(),
    calls: { page: 0, remove: 0 },
    beforeRemove: null,
    put(planned, system) {
      store.rows.set(`${PREFIX}${planned.group}:${planned.id}`, { ...planned.tally, system } satisfies SuccessTally);
    },
    async page(cursor) {
      store.calls.page += 1;
      await Promise.resolve();
      const keys = [...store.rows.keys()].filter((key) => key.startsWith(PREFIX) && (cursor === null || key > cursor)).sort();
      const taken = keys.slice(0, PAGE);
      const entries: TallyEntry[] = taken.map((key) => ({
        key,
        group: key.slice(PREFIX.length, key.lastIndexOf(':')),
        tally: asSuccessTally(store.rows.get(key)),
      }));
      return { entries, cursor: keys.length > PAGE ? (taken.at(-1) ?? null) : null };
    },
    async remove(keys) {
      for (let start = 0; start < keys.length; start += DELETES_PER_CALL) {
        store.calls.remove += 1;
        store.beforeRemove?.();
        await Promise.resolve();
        for (const key of keys.slice(start, start + DELETES_PER_CALL)) store.rows.delete(key);
      }
    },
  };
  return store;
}
