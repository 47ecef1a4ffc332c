/**
 * The @forge/kvs implementation of the verification port (src/domain/verification/port.ts),
 * built for the budget of docs/performance.md:
 *
 *   read   — ONE `kvs.batchGet` of everything a decision can need: the settings, the token's
 *            lookup record, its usage, its rate-limit edit snapshot and 13 of its rate-limit
 *            counter shards (the ones the domain asks for). The counters are read even when the
 *            token has no limit: it is not known yet, and extra keys in the same batch cost nothing.
 *   write  — at most ONE `kvs.transact()` with everything the plan asks for. Counter writes are
 *            conditional on the values read (or on the row not existing), so two concurrent
 *            requests cannot both take the last slot: the loser's transaction fails as a whole.
 *            An aggregated success adds its tally (adapters/audit/tally-store.ts), a key of its
 *            own written without a condition, and the fold is asked for (success-fold.ts).
 *   stream — when it stores events and the settings key says SIEM destinations exist, a delivery
 *            run is asked for (adapters/siem/delivery-nudge.ts): a queue push, not a storage
 *            call, at most one every few seconds per instance, made while the transaction runs.
 *   more shards — a refusal decided on some of the shards reads the others (`readRateShards`, one
 *            batch per 25, sent at once) before it is answered.
 *
 * Rows of the `rate-window` entity, all fixed-window counters keyed by the secret's hash:
 *   `<hash>`, `<hash>:1` … `<hash>:62`  the token's rate-limit shards (domain/verification/rate-limit.ts).
 * Each lives for two of its windows (TTL): after that it can only describe a past window.
 * The edit snapshot is a plain key, `rate-epoch:<hash>` (rate-epoch.ts writes it).
 *
 * A fired security signal (domain/verification/signals.ts) adds its `alert` row, written only if
 * no row has its id yet (one per token, signal and UTC day), and its event, to the same transaction.
 */
import { kvs, Filter, FilterConditions } from '@forge/kvs';
import type { AuditEventRow } from '../../domain/audit/row';
import type { Settings } from '../../domain/settings/model';
import { asSeries } from '../../domain/tokens/daily-usage';
import type { TokenUsage } from '../../domain/tokens/model';
import type { AddressChain } from '../../domain/verification/client-ip';
import type { CounterUpdate, WindowCounter } from '../../domain/verification/model';
import { MAX_RATE_SHARDS, type RateEpoch } from '../../domain/verification/rate-limit';
import type { PlannedEvent, WritePlan } from '../../domain/verification/plan-writes';
import type { CommitOutcome, VerificationState, VerificationStore } from '../../domain/verification/port';
import { fromStored, type StoredSettings } from '../settings/settings-store';
import { deliverSoon } from '../siem/delivery-nudge';
import { discardEntry, kvsDiscardCounter } from '../audit/discard-counter';
import { isConflict } from '../kvs/errors';
import type { LookupEntity } from '../tokens/token-entity';
import { usageKey } from '../tokens/usage';
import { KVS_BATCH_MAX } from '../kvs/limits';
import { ENTITY, KEY } from '../kvs/names';
import { eventRows } from './event-rows';
import { storedTally, tallyKey } from '../audit/tally-store';
import { alertRow, type AlertRow } from '../alerts/alert-store';
import type { SignalMemory } from '../../domain/verification/signals';
import { SIGNAL_KINDS, type SignalKind } from '../../domain/alerts/model';

/** A row the transaction writes to the audit-event entity. */
export interface EventRowWrite {
  id: string;
  row: AuditEventRow;
}

export function rateShardKey(secretHash: string, shard: number): string {
  return shard === 0 ? secretHash : `${secretHash}:${shard}`;
}

export function rateEpochKey(secretHash: string): string {
  return `${KEY.rateEpochPrefix}${secretHash}`;
}

function asCounter(value: unknown): WindowCounter | null {
  if (typeof value !== 'object' || value === null) return null;
  const row = value as Partial<WindowCounter>;
  if (typeof row.windowStart !== 'number' || typeof row.count !== 'number') return null;
  return { windowStart: row.windowStart, count: row.count, firstAt: typeof row.firstAt === 'number' ? row.firstAt : row.windowStart };
}

function asEpoch(value: unknown): RateEpoch | null {
  if (typeof value !== 'object' || value === null) return null;
  const epoch = value as Partial<RateEpoch>;
  if (typeof epoch.windowStart !== 'number' || typeof epoch.requests !== 'number' || typeof epoch.windowSeconds !== 'number') return null;
  if (!Array.isArray(epoch.base) || !epoch.base.every((count) => Number.isSafeInteger(count) && count >= 0)) return null;
  return { windowStart: epoch.windowStart, requests: epoch.requests, windowSeconds: epoch.windowSeconds, base: epoch.base.slice(0, MAX_RATE_SHARDS) };
}

function asChain(value: unknown): AddressChain | null {
  if (typeof value !== 'object' || value === null) return null;
  const chain = value as Partial<AddressChain>;
  if (!Array.isArray(chain.entries) || !chain.entries.every((entry) => typeof entry === 'string')) return null;
  const taken = typeof chain.taken === 'number' && Number.isInteger(chain.taken) && chain.taken >= 0 && chain.taken < chain.entries.length ? chain.taken : null;
  return { entries: chain.entries, taken };
}

/** The signal memory kept in the usage row; anything else there is dropped (it is rewritten with the next signal). */
function asSignalMemory(value: Partial<SignalMemory>): SignalMemory {
  const memory: SignalMemory = {};
  if (Array.isArray(value.networks) && value.networks.every((n) => typeof n === 'string')) memory.networks = value.networks;
  if (typeof value.signalDays === 'object' && value.signalDays !== null) {
    const days = value.signalDays as Record<string, unknown>;
    const kept: Partial<Record<SignalKind, string>> = {};
    for (const kind of SIGNAL_KINDS) {
      const day = days[kind];
      if (typeof day === 'string') kept[kind] = day;
    }
    memory.signalDays = kept;
  }
  return memory;
}

/** A usage value that is not what verification writes is treated as none (it is rewritten on this use). */
function asUsage(value: unknown): (TokenUsage & SignalMemory) | null {
  if (typeof value !== 'object' || value === null) return null;
  const usage = value as Partial<TokenUsage & SignalMemory>;
  if (typeof usage.useCount !== 'number' || !Number.isFinite(usage.useCount)) return null;
  return {
    lastUsedAt: typeof usage.lastUsedAt === 'number' ? usage.lastUsedAt : null,
    lastUsedIp: typeof usage.lastUsedIp === 'string' ? usage.lastUsedIp : null,
    lastUsedChain: asChain(usage.lastUsedChain),
    useCount: usage.useCount,
    requestsPerDay: asSeries(usage.requestsPerDay),
    ...asSignalMemory(usage),
  };
}

/**
 * Whether the settings key, as this instance last read it, says SIEM destinations exist. Every
 * verification with a lookup reads it; the no-storage paths use the last value seen.
 */
let streaming = false;

/** Likewise whether alert webhooks exist: a new alert is handed to the delivery queue only then. */
let alerting = false;

export function alertWebhooksConfigured(): boolean {
  return alerting;
}

type BatchKey = { key: string; entityName?: string };

function rateShardKeys(secretHash: string, shards: readonly number[]): BatchKey[] {
  return shards.map((shard) => ({ key: rateShardKey(secretHash, shard), entityName: ENTITY.rateWindow }));
}

/** One `kvs.batchGet`: the values found, by key and entity. Throws when storage fails: a miss is not a failure. */
async function batchRead(keys: BatchKey[]): Promise<(wanted: BatchKey) => unknown> {
  const result = await kvs.batchGet<unknown>(keys);
  const failed = result.failedKeys.filter((item) => item.error.code !== 'KEY_NOT_FOUND');
  if (failed.length > 0) throw new Error(`storage could not read ${failed.length} key(s): ${failed[0].error.code}`);
  return (wanted) => result.successfulKeys.find((item) => item.key === wanted.key && (item.entityName ?? undefined) === wanted.entityName)?.value;
}

/** The keys of the verification read besides the counters. */
function fixedReadKeys(secretHash: string) {
  return {
    settings: { key: KEY.settings },
    lookup: { key: secretHash, entityName: ENTITY.tokenLookup },
    usage: { key: usageKey(secretHash) },
    epoch: { key: rateEpochKey(secretHash) },
  };
}

export const VERIFICATION_READ_FIXED_KEYS = Object.keys(fixedReadKeys('')).length;

/** One storage call. Throws when storage fails (the caller answers 503): a miss is not a failure. */
async function readVerificationState(secretHash: string, rateShards: readonly number[]): Promise<VerificationState> {
  const keys = fixedReadKeys(secretHash);
  const shards = rateShardKeys(secretHash, rateShards);
  const found = await batchRead([...Object.values(keys), ...shards]);
  const lookup = found(keys.lookup) as LookupEntity | undefined;
  const stored = fromStored(found(keys.settings) as StoredSettings | undefined);
  streaming = stored.streaming;
  alerting = stored.alerting;
  const rate: Array<WindowCounter | null | undefined> = [];
  rateShards.forEach((shard, index) => {
    rate[shard] = asCounter(found(shards[index]));
  });
  return {
    settings: stored.settings,
    lookup: lookup?.record ?? null,
    rate,
    rateEpoch: asEpoch(found(keys.epoch)),
    usage: asUsage(found(keys.usage)),
  };
}

/** One batch read per 25 shards, sent at once. */
export async function readRateShards(secretHash: string, shards: readonly number[]): Promise<Map<number, WindowCounter | null>> {
  const chunks = Array.from({ length: Math.ceil(shards.length / KVS_BATCH_MAX) }, (_, index) => shards.slice(index * KVS_BATCH_MAX, (index + 1) * KVS_BATCH_MAX));
  const read = await Promise.all(
    chunks.map(async (chunk) => {
      const keys = rateShardKeys(secretHash, chunk);
      const found = await batchRead(keys);
      return chunk.map((shard, index) => [shard, asCounter(found(keys[index]))] as const);
    }),
  );
  return new Map(read.flat());
}

/** Settings alone (one call), for the no-storage path when the instance has no recent copy. */
async function readSettings(): Promise<Settings> {
  const stored = fromStored(await kvs.get<StoredSettings>(KEY.settings));
  streaming = stored.streaming;
  alerting = stored.alerting;
  return stored.settings;
}

/** The write is conditional on the row still being what was read, or on there being no row. */
function counterCondition(read: WindowCounter | null) {
  if (read === null) return new Filter<WindowCounter>().and('windowStart', FilterConditions.notExists());
  return new Filter<WindowCounter>()
    .and('windowStart', FilterConditions.equalTo(read.windowStart))
    .and('count', FilterConditions.equalTo(read.count));
}

type Transaction = ReturnType<typeof kvs.transact>;

function setCounter(transaction: Transaction, key: string, update: CounterUpdate): void {
  transaction.set<WindowCounter>(
    key,
    update.next,
    { entityName: ENTITY.rateWindow, conditions: counterCondition(update.read) },
    { ttl: { value: update.windowSeconds * 2, unit: 'SECONDS' } },
  );
}


/**
 * One storage call. 'conflict' when a counter changed since it was read (nothing was written);
 * throws on any other failure. `carriedDiscards` (see domain/verification/instance-memory.ts)
 * rides along as one discard entry, so that it is stored exactly when the rest is.
 */
async function commitWrites(secretHash: string, plan: WritePlan, events: EventRowWrite[], system: string, carriedDiscards: number): Promise<CommitOutcome> {
  const transaction = kvs.transact();
  if (carriedDiscards > 0) {
    const entry = discardEntry(carriedDiscards);
    transaction.set(entry.key, entry.value);
  }
  if (plan.rateCounter) setCounter(transaction, rateShardKey(secretHash, plan.rateCounter.shard), plan.rateCounter);
  if (plan.tally) transaction.set(tallyKey(plan.tally), storedTally(plan.tally, system));
  if (plan.usage) transaction.set(usageKey(secretHash), plan.usage);
  for (const event of events) transaction.set(event.id, event.row, { entityName: ENTITY.auditEvent });
  for (const { alert } of plan.signals) {
    transaction.set<AlertRow>(alert.id, alertRow(alert), { entityName: ENTITY.alert, conditions: new Filter<AlertRow>().and('createdAt', FilterConditions.notExists()) });
  }
  try {
    await Promise.all([transaction.execute(), events.length > 0 ? deliverSoon(streaming) : undefined]);
    return 'committed';
  } catch (error) {
    if (isConflict(error)) return 'conflict';
    throw error;
  }
}

export const kvsVerificationStore: VerificationStore = {
  read: readVerificationState,
  readRateShards,
  readSettings,
  commit: (secretHash, plan, { system, carriedDiscards }) =>
    commitWrites(secretHash, plan, eventRows([...plan.events, ...plan.signals.map((signal) => signal.event)], system), system, carriedDiscards),
  async writeEvent(event: PlannedEvent, system: string) {
    const [row] = eventRows([event], system);
    if (row) await Promise.all([kvs.entity<AuditEventRow>(ENTITY.auditEvent).set(row.id, row.row), deliverSoon(streaming)]);
  },
  countDiscarded: (count) => kvsDiscardCounter.add(count),
};
