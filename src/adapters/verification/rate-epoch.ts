/**
 * The token-update path's half of a rate-limit edit (domain/verification/rate-limit.ts): reads
 * every counter shard of the token (63: three batch reads, sent at once) and stores their counts in
 * the current window as the edit's snapshot, under `rate-epoch:<secret hash>`, for two windows.
 * Four storage calls, only when a limit changes.
 */
import { kvs } from '@forge/kvs';
import type { RateLimit } from '../../domain/tokens/model';
import { MAX_RATE_SHARDS, rateEpochAt } from '../../domain/verification/rate-limit';
import { rateEpochKey, readRateShards } from './verification-store';

export async function recordRateLimitEdit(secretHash: string, limit: RateLimit, now: number): Promise<void> {
  const read = await readRateShards(secretHash, Array.from({ length: MAX_RATE_SHARDS }, (_, shard) => shard));
  const shards = Array.from({ length: MAX_RATE_SHARDS }, (_, shard) => read.get(shard) ?? null);
  await kvs.set(rateEpochKey(secretHash), rateEpochAt(limit, shards, now), { ttl: { value: limit.windowSeconds * 2, unit: 'SECONDS' } });
}
