/**
 * An in-memory VerificationStore (src/domain/verification/port.ts) for the use case's unit tests:
 * counters are checked like the kvs transaction checks them (the row still holds what was read),
 * every call is counted, and tests can make any call fail, or let "another request" write between
 * a read and a commit. Each call yields once (a microtask), so concurrent verifications interleave
 * without timers. Success tallies go to a fake tally store (tally-store.ts), to be folded.
 */
import { DEFAULT_SETTINGS, type Settings } from '../../src/domain/settings/model';
import { hashToken } from '../../src/domain/tokens/hash';
import type { Alert } from '../../src/domain/alerts/model';
import type { TokenLookup, TokenUsage } from '../../src/domain/tokens/model';
import type { CounterUpdate, WindowCounter } from '../../src/domain/verification/model';
import type { PlannedEvent, WritePlan } from '../../src/domain/verification/plan-writes';
import type { CommitOutcome, VerificationState, VerificationStore } from '../../src/domain/verification/port';
import type { RateEpoch } from '../../src/domain/verification/rate-limit';
import { fakeTallyStore, type FakeTallyStore } from './tally-store';

export type StoreCall = 'read' | 'readRateShards' | 'readSettings' | 'commit' | 'writeEvent' | 'countDiscarded';

export interface StoredEvent {
  id: string | null;
  action: string;
}

export interface FakeVerificationStore extends VerificationStore {
  settings: Settings;
  lookups: Map<string, TokenLookup>;
  rate: Map<string, Array<WindowCounter | null>>;
  rateEpochs: Map<string, RateEpoch>;
  /** The rate-limit shards each read asked for, in order. */
  shardsRead: number[][];
  usage: Map<string, TokenUsage>;
  /** Success tallies, written by commits (never conditional). */
  tallies: FakeTallyStore;
  /** Events by id (an alert's event has its own; a fresh event gets a running id). */
  events: Map<string, StoredEvent>;
  /** Alert rows by id, created only when none has that id yet (as the kvs adapter's condition). */
  alerts: Map<string, Alert>;
  discarded: number;
  calls: StoreCall[];
  commits: Array<{ plan: WritePlan; carriedDiscards: number; outcome: CommitOutcome | 'failed' }>;
  /** Makes the next calls of that kind throw, `times` times (default 1). */
  failNext(call: StoreCall, times?: number): void;
  /** Makes every call of that kind throw until told otherwise. */
  failAlways(call: StoreCall, on: boolean): void;
  /** Runs before each commit is checked: "another request" writing meanwhile. */
  beforeCommit: ((store: FakeVerificationStore, plan: WritePlan) => void) | null;
  addToken(token: string, record: TokenLookup): string;
}

const sameCounter = (stored: WindowCounter | null | undefined, read: WindowCounter | null): boolean =>
  read === null ? stored == null : stored != null && stored.windowStart === read.windowStart && stored.count === read.count;

export function fakeVerificationStore(settings: Settings = DEFAULT_SETTINGS): FakeVerificationStore {
  const failures = new Map<StoreCall, number>();
  const always = new Set<StoreCall>();
  let nextEventId = 0;

  async function call(kind: StoreCall): Promise<void> {
    store.calls.push(kind);
    await Promise.resolve();
    const left = failures.get(kind) ?? 0;
    if (always.has(kind) || left > 0) {
      failures.set(kind, left - 1);
      throw Object.assign(new Error('storage failed (fake)'), { code: 'INTERNAL_SERVER_ERROR' });
    }
  }

  function storeEvent(event: PlannedEvent): void {
    const id = event.id ?? `event-${(nextEventId += 1)}`;
    store.events.set(id, { id: event.id, action: event.draft.action });
  }

  const rows = (map: Map<string, Array<WindowCounter | null>>, hash: string): Array<WindowCounter | null> => {
    const existing = map.get(hash);
    if (existing) return existing;
    const created: Array<WindowCounter | null> = [];
    map.set(hash, created);
    return created;
  };

  const store: FakeVerificationStore = {
    settings,
    lookups: new Map(),
    rate: new Map(),
    rateEpochs: new Map(),
    shardsRead: [],
    usage: new Map(),
    tallies: fakeTallyStore(),
    events: new Map(),
    alerts: new Map(),
    discarded: 0,
    calls: [],
    commits: [],
    beforeCommit: null,
    failNext(kind, times = 1) {
      failures.set(kind, (failures.get(kind) ?? 0) + times);
    },
    failAlways(kind, on) {
      if (on) always.add(kind);
      else always.delete(kind);
    },
    addToken(token, record) {
      const hash = hashToken(token);
      store.lookups.set(hash, record);
      return hash;
    },
    async read(secretHash, rateShards): Promise<VerificationState> {
      await call('read');
      store.shardsRead.push([...rateShards]);
      const stored = rows(store.rate, secretHash);
      const rate: Array<WindowCounter | null | undefined> = [];
      for (const shard of rateShards) rate[shard] = stored[shard] ?? null;
      return {
        settings: store.settings,
        lookup: store.lookups.get(secretHash) ?? null,
        rate,
        rateEpoch: store.rateEpochs.get(secretHash) ?? null,
        usage: store.usage.get(secretHash) ?? null,
      };
    },
    async readRateShards(secretHash, shards) {
      for (let chunk = 0; chunk < shards.length; chunk += 25) await call('readRateShards');
      const stored = rows(store.rate, secretHash);
      return new Map(shards.map((shard) => [shard, stored[shard] ?? null]));
    },
    async readSettings() {
      await call('readSettings');
      return store.settings;
    },
    async commit(secretHash, plan, { system, carriedDiscards }) {
      try {
        await call('commit');
      } catch (error) {
        store.commits.push({ plan, carriedDiscards, outcome: 'failed' });
        throw error;
      }
      store.beforeCommit?.(store, plan);
      const rate = rows(store.rate, secretHash);
      const holds = (list: Array<WindowCounter | null>, shard: number, update: Pick<CounterUpdate, 'read'>): boolean => sameCounter(list[shard], update.read);
      const counter = plan.rateCounter;
      const ok =
        (!counter || holds(rate, counter.shard, counter)) &&
        plan.signals.every(({ alert }) => !store.alerts.has(alert.id));
      if (!ok) {
        store.commits.push({ plan, carriedDiscards, outcome: 'conflict' });
        return 'conflict';
      }
      if (counter) rate[counter.shard] = counter.next;
      if (plan.tally) store.tallies.put(plan.tally, system);
      if (plan.usage) store.usage.set(secretHash, plan.usage);
      plan.events.forEach(storeEvent);
      for (const signal of plan.signals) {
        store.alerts.set(signal.alert.id, signal.alert);
        storeEvent(signal.event);
      }
      store.discarded += carriedDiscards;
      store.commits.push({ plan, carriedDiscards, outcome: 'committed' });
      return 'committed';
    },
    async writeEvent(event) {
      await call('writeEvent');
      storeEvent(event);
    },
    async countDiscarded(count) {
      await call('countDiscarded');
      store.discarded += count;
    },
  };
  return store;
}
