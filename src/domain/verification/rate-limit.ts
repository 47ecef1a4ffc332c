/**
 * A token's rate limit: at most `requests` admitted requests per fixed window of `windowSeconds`.
 *
 * The window's count is kept in up to MAX_RATE_SHARDS counter rows ("shards"), each with a fixed
 * share of the limit (its quota; the quotas add up to the limit). A request is admitted on a
 * randomly picked shard that still has room, and the adapter writes that shard on the condition
 * that it is still what was read. So the limit is exact (no shard can pass its quota, and the
 * quotas add up to the limit), while concurrent requests of one token mostly land on different
 * rows instead of all racing for one: a busy token's requests conflict and retry far less.
 *
 * If the limit was edited during a window, the shards may not fit the new quotas (a lowered
 * limit, counts on shards the new limit no longer uses). For the rest of that window the write
 * is then also conditional on every other shard being unchanged: exact, at the price of the races.
 */
import type { RateLimit } from '../tokens/model';
import { countInWindow, incremented, windowStartOf } from './fixed-window';
import type { RateCounterUpdate, RateLimitStatus, WindowCounter } from './model';

/**
 * As many as the verification's one batch read can hold next to everything else (25 keys: the
 * settings, the lookup record, the usage, 8 aggregation shards and these). More shards, fewer
 * collisions: with 14, a hot token's 32 concurrent requests mostly commit on their first attempt.
 */
export const MAX_RATE_SHARDS = 14;

export type RateCheck =
  | { admitted: true; status: RateLimitStatus; counter: RateCounterUpdate }
  | { admitted: false; status: RateLimitStatus; retryAfterSeconds: number };

/** Shards in use for a limit: one per allowed request up to MAX_RATE_SHARDS. */
export function shardCount(limit: RateLimit): number {
  return Math.max(1, Math.min(MAX_RATE_SHARDS, limit.requests));
}

/** Shard `shard`'s share of the limit; the shares of shards 0..count-1 add up to `requests`. */
export function shardQuota(limit: RateLimit, shard: number): number {
  const count = shardCount(limit);
  if (shard >= count) return 0;
  return Math.floor(limit.requests / count) + (shard < limit.requests % count ? 1 : 0);
}

/**
 * @param shards the counter rows as read, by shard number (missing or null = no row)
 * @param pick a number in [0, 1) that chooses among the shards with room (random in production)
 */
export function checkRateLimit(limit: RateLimit, shards: ReadonlyArray<WindowCounter | null>, now: number, pick: number): RateCheck {
  const windowStart = windowStartOf(now, limit.windowSeconds);
  const resetAt = windowStart + limit.windowSeconds * 1000;
  const counts = Array.from({ length: MAX_RATE_SHARDS }, (_, shard) => countInWindow(shards[shard] ?? null, windowStart));
  const used = counts.reduce((sum, count) => sum + count, 0);
  const open = counts.map((count, shard) => (count < shardQuota(limit, shard) ? shard : -1)).filter((shard) => shard >= 0);
  if (used >= limit.requests || open.length === 0) {
    return {
      admitted: false,
      status: { limit: limit.requests, remaining: 0, resetAt },
      // Whole seconds, at least 1: Retry-After takes an integer and 0 would invite a busy loop.
      retryAfterSeconds: Math.max(1, Math.ceil((resetAt - now) / 1000)),
    };
  }
  const shard = open[Math.min(open.length - 1, Math.floor(Math.max(0, pick) * open.length))];
  const read = shards[shard] ?? null;
  const fits = counts.every((count, index) => count <= shardQuota(limit, index));
  const unchanged = fits
    ? []
    : counts.map((_, index) => ({ shard: index, read: shards[index] ?? null })).filter((other) => other.shard !== shard);
  return {
    admitted: true,
    status: { limit: limit.requests, remaining: limit.requests - used - 1, resetAt },
    counter: { shard, read, next: incremented(read, now, limit.windowSeconds), windowSeconds: limit.windowSeconds, unchanged },
  };
}
