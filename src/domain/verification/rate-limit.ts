/**
 * A token's rate limit: at most `requests` admitted requests per fixed window of `windowSeconds`.
 *
 * The window's count is kept in up to MAX_RATE_SHARDS counter rows ("shards"), each with a fixed
 * share of the limit (its quota; the quotas add up to the limit). A request is admitted on a
 * randomly picked shard that still has room, and the adapter writes that shard on the condition
 * that it is still what was read. So the limit is exact (no shard can pass its quota, and the
 * quotas add up to the limit), while concurrent requests of one token mostly land on different
 * rows instead of all racing for one.
 *
 * A verification reads only some of the shards (RATE_SHARDS_READ fit in its one batch read next to
 * everything else): all of them when the limit uses that few, else a random selection. Admitting
 * needs only the shard written, so any shard read with room will do; refusing needs every shard in
 * use, so a refusal decided on a partial read is confirmed by reading the rest (`unreadShards`).
 *
 * A limit edited during a window: the token-update path stores a snapshot of the shard counts at
 * the edit (a `RateEpoch`, rate-epoch row). For the rest of that window the snapshot's total is
 * carried as used, and only the room left (`requests` minus that) is spread over the shards, as
 * counts above the snapshot. So every shard still fits its quota, and no write has to check the
 * other shards.
 */
import type { RateLimit } from '../tokens/model';
import { countInWindow, incremented, windowStartOf } from './fixed-window';
import type { RateCounterUpdate, RateLimitStatus, WindowCounter } from './model';

/**
 * Shards of a large limit. With 63, a request of a token with 32 in flight finds the shard it
 * picked taken about one time in five (about 16 others commit while it is between its read and its
 * write); a refusal that has to see every shard reads the 50 it did not in two more batches.
 */
export const MAX_RATE_SHARDS = 63;

/** Counter shards one verification reads in its batch (25 keys: see adapters/verification). */
export const RATE_SHARDS_READ = 13;

/** Counter rows as read, by shard number: `undefined` = not read, `null` = no row. */
export type RateShards = ReadonlyArray<WindowCounter | null | undefined>;

/** The shard counts when the limit was edited during the window starting at `windowStart`. */
export interface RateEpoch {
  windowStart: number;
  /** The limit set by that edit: the snapshot applies only while it is still the token's limit. */
  requests: number;
  windowSeconds: number;
  /** Each shard's count in that window at the edit, by shard number (missing = 0). */
  base: number[];
}

export type RateCheck =
  | { admitted: true; status: RateLimitStatus; counter: RateCounterUpdate }
  | { admitted: false; status: RateLimitStatus; retryAfterSeconds: number };

/** How one window of a limit is counted: the shards in use, their quotas and what the edit carried. */
export interface RateLayout {
  windowStart: number;
  resetAt: number;
  /** Requests admitted in this window before the limit's last edit (0 without one). */
  carried: number;
  /** Shards in use: one per request of the room left, up to MAX_RATE_SHARDS. */
  shards: number;
  quota(shard: number): number;
  /** A shard's count in this window above the edit's snapshot. */
  counted(shard: number, row: WindowCounter | null): number;
}

function epochApplies(epoch: RateEpoch | null, limit: RateLimit, windowStart: number): epoch is RateEpoch {
  return epoch !== null && epoch.windowStart === windowStart && epoch.requests === limit.requests && epoch.windowSeconds === limit.windowSeconds;
}

export function rateLayout(limit: RateLimit, epoch: RateEpoch | null, now: number): RateLayout {
  const windowStart = windowStartOf(now, limit.windowSeconds);
  const base = epochApplies(epoch, limit, windowStart) ? epoch.base : [];
  const carried = base.reduce((sum, count) => sum + count, 0);
  const room = Math.max(0, limit.requests - carried);
  const shards = Math.max(1, Math.min(MAX_RATE_SHARDS, room));
  return {
    windowStart,
    resetAt: windowStart + limit.windowSeconds * 1000,
    carried,
    shards,
    quota: (shard) => (shard >= shards ? 0 : Math.floor(room / shards) + (shard < room % shards ? 1 : 0)),
    counted: (shard, row) => Math.max(0, countInWindow(row, windowStart) - (base[shard] ?? 0)),
  };
}

/** Shards in use for a limit without an edit in the window: one per allowed request up to MAX_RATE_SHARDS. */
export function shardCount(limit: RateLimit): number {
  return rateLayout(limit, null, 0).shards;
}

/** Shard `shard`'s share of a limit without an edit in the window; the shares add up to `requests`. */
export function shardQuota(limit: RateLimit, shard: number): number {
  return rateLayout(limit, null, 0).quota(shard);
}

/**
 * The shards a verification reads, before it knows the limit: all of them when the token's limit
 * (as this instance last saw it, `known` shards) uses no more than RATE_SHARDS_READ, else a random
 * selection of RATE_SHARDS_READ of them. Knowing nothing, the first RATE_SHARDS_READ.
 */
export function shardsToRead(known: number | null, random: () => number): number[] {
  const inUse = Math.min(MAX_RATE_SHARDS, known ?? RATE_SHARDS_READ);
  const all = Array.from({ length: inUse }, (_, shard) => shard);
  if (inUse <= RATE_SHARDS_READ) return all;
  // A partial Fisher–Yates shuffle: the first RATE_SHARDS_READ places get a uniform selection.
  for (let place = 0; place < RATE_SHARDS_READ; place += 1) {
    const other = place + Math.min(inUse - place - 1, Math.floor(random() * (inUse - place)));
    [all[place], all[other]] = [all[other], all[place]];
  }
  return all.slice(0, RATE_SHARDS_READ).sort((a, b) => a - b);
}

/** The shards in use that were not read: what a refusal must still look at before it is answered. */
export function unreadShards(limit: RateLimit, epoch: RateEpoch | null, shards: RateShards, now: number): number[] {
  const layout = rateLayout(limit, epoch, now);
  if (layout.carried >= limit.requests) return [];
  return Array.from({ length: layout.shards }, (_, shard) => shard).filter((shard) => shards[shard] === undefined);
}

/**
 * @param shards the counter rows as read, by shard number (see RateShards)
 * @param pick a number in [0, 1) that chooses among the shards read with room (random in production)
 *
 * Refuses when no shard read has room: final only when every shard in use was read (authenticate.ts
 * reads the rest first). `remaining` counts the shards read and assumes the same use on the others.
 */
export function checkRateLimit(limit: RateLimit, epoch: RateEpoch | null, shards: RateShards, now: number, pick: number): RateCheck {
  const layout = rateLayout(limit, epoch, now);
  const read = Array.from({ length: layout.shards }, (_, shard) => shard).filter((shard) => shards[shard] !== undefined);
  const counts = new Map(read.map((shard) => [shard, layout.counted(shard, shards[shard] ?? null)]));
  const open = read.filter((shard) => (counts.get(shard) ?? 0) < layout.quota(shard));
  if (open.length === 0) {
    return {
      admitted: false,
      status: { limit: limit.requests, remaining: 0, resetAt: layout.resetAt },
      // Whole seconds, at least 1: Retry-After takes an integer and 0 would invite a busy loop.
      retryAfterSeconds: Math.max(1, Math.ceil((layout.resetAt - now) / 1000)),
    };
  }
  const usedRead = read.reduce((sum, shard) => sum + (counts.get(shard) ?? 0), 0);
  const used = layout.carried + Math.round((usedRead * layout.shards) / read.length);
  const shard = open[Math.min(open.length - 1, Math.floor(Math.max(0, pick) * open.length))];
  const row = shards[shard] ?? null;
  return {
    admitted: true,
    status: { limit: limit.requests, remaining: Math.max(0, limit.requests - used - 1), resetAt: layout.resetAt },
    counter: { shard, read: row, next: incremented(row, now, limit.windowSeconds), windowSeconds: limit.windowSeconds },
  };
}

/**
 * The snapshot the token-update path stores when it sets `limit` (see the header): every shard's
 * count in the window that contains `now`, as the new limit aligns it.
 */
export function rateEpochAt(limit: RateLimit, shards: RateShards, now: number): RateEpoch {
  const windowStart = windowStartOf(now, limit.windowSeconds);
  const base = Array.from({ length: MAX_RATE_SHARDS }, (_, shard) => countInWindow(shards[shard] ?? null, windowStart));
  while (base.length > 0 && base[base.length - 1] === 0) base.pop();
  return { windowStart, requests: limit.requests, windowSeconds: limit.windowSeconds, base };
}
