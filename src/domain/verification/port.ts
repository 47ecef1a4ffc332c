/**
 * What the verification use case (authenticate.ts) needs from storage, as one port. The
 * @forge/kvs implementation is src/adapters/verification/verification-store.ts; unit tests use an
 * in-memory fake. Every method is ONE storage call (readRateShards: one per 25 shards) (docs/performance.md counts them).
 */
import type { Settings } from '../settings/model';
import type { TokenLookup, TokenUsage } from '../tokens/model';
import type { WindowCounter } from './model';
import type { PlannedEvent, WritePlan } from './plan-writes';
import type { RateEpoch, RateShards } from './rate-limit';

/** Everything a decision can need, read at once. */
export interface VerificationState {
  settings: Settings;
  lookup: TokenLookup | null;
  /** Rate-limit counter shards by shard number: the ones asked for (null: no row), undefined elsewhere. */
  rate: RateShards;
  /** The snapshot of the token's last limit edit (rate-limit.ts), or null. */
  rateEpoch: RateEpoch | null;
  usage: TokenUsage | null;
}

/** 'conflict': a counter changed since it was read, and nothing was written. */
export type CommitOutcome = 'committed' | 'conflict';

export interface VerificationStore {
  /**
   * One batch read of everything, with the rate-limit shards `rateShards` (at most
   * RATE_SHARDS_READ). Throws when storage fails; a missing row is not a failure.
   */
  read(secretHash: string, rateShards: readonly number[]): Promise<VerificationState>;
  /** More rate-limit shards: one batch read per 25 shards, sent at once. For refusals on a partial read. */
  readRateShards(secretHash: string, shards: readonly number[]): Promise<Map<number, WindowCounter | null>>;
  /** The settings alone, for the no-lookup path (malformed credentials). */
  readSettings(): Promise<Settings>;
  /**
   * One transaction with everything the plan asks for (a success tally included); counter writes
   * are conditional on the values they were decided on. `carriedDiscards` rides along as one discard entry, so that it
   * is stored exactly when the rest is. Throws on any failure other than a conflict.
   */
  commit(secretHash: string, plan: WritePlan, options: { system: string; carriedDiscards: number }): Promise<CommitOutcome>;
  /** One event written by itself (answers decided without a transaction). */
  writeEvent(event: PlannedEvent, system: string): Promise<void>;
  /** Adds to the audit log's discard counter ("Events discarded"): one unconditional write. */
  countDiscarded(count: number): Promise<void>;
}
