import fc from 'fast-check';
import type { WindowCounter } from '../../../src/domain/verification/model';
import {
  checkRateLimit,
  MAX_RATE_SHARDS,
  RATE_SHARDS_READ,
  rateEpochAt,
  shardCount,
  shardQuota,
  shardsToRead,
  unreadShards,
  type RateEpoch,
  type RateShards,
} from '../../../src/domain/verification/rate-limit';
import { windowStartOf } from '../../../src/domain/verification/fixed-window';

type Limit = { requests: number; windowSeconds: number };

/** Every shard read: the rows given, no row elsewhere. */
const all = (rows: ReadonlyArray<WindowCounter | null>): RateShards => Array.from({ length: MAX_RATE_SHARDS }, (_, shard) => rows[shard] ?? null);

/** Only `shards` read, from `rows`. */
function only(rows: ReadonlyArray<WindowCounter | null>, shards: readonly number[]): RateShards {
  const read: Array<WindowCounter | null | undefined> = [];
  for (const shard of shards) read[shard] = rows[shard] ?? null;
  return read;
}

/**
 * Applies admitted writes one after the other, as storage would without concurrency. Each request
 * reads the shards `shardsToRead` picks, and a refusal reads the rest before it counts.
 */
function admitSequentially(limit: Limit, attempts: number, picks: number[], options: { now?: number; epoch?: RateEpoch | null; rows?: Array<WindowCounter | null> } = {}): { admitted: number; rows: Array<WindowCounter | null> } {
  const rows = options.rows ?? [];
  const now = options.now ?? 1_000;
  const epoch = options.epoch ?? null;
  let admitted = 0;
  let pickAt = 0;
  const random = (): number => picks[pickAt++ % picks.length] ?? 0;
  for (let i = 0; i < attempts; i += 1) {
    let read = only(rows, shardsToRead(shardCount(limit), random));
    let check = checkRateLimit(limit, epoch, read, now + i, random());
    if (!check.admitted) {
      read = all(rows);
      check = checkRateLimit(limit, epoch, read, now + i, random());
    }
    if (!check.admitted) continue;
    admitted += 1;
    rows[check.counter.shard] = check.counter.next;
  }
  return { admitted, rows };
}

const picks = fc.array(fc.double({ min: 0, max: 0.999, noNaN: true }), { minLength: 1, maxLength: 20 });

describe('checkRateLimit (fixed window, sharded counter)', () => {
  const limit = { requests: 5, windowSeconds: 300 };

  it('aligns windows to the epoch so every instance agrees', () => {
    expect(windowStartOf(299_999, 300)).toBe(0);
    expect(windowStartOf(300_000, 300)).toBe(300_000);
  });

  it('splits the limit into shard quotas that add up to it, up to 63 shards', () => {
    expect(shardCount({ requests: 3, windowSeconds: 1 })).toBe(3);
    expect(shardCount({ requests: 1000, windowSeconds: 1 })).toBe(MAX_RATE_SHARDS);
    const big = { requests: 1003, windowSeconds: 1 };
    const quotas = Array.from({ length: MAX_RATE_SHARDS }, (_, shard) => shardQuota(big, shard));
    // 1003 = 63 × 15 + 58.
    expect(quotas.slice(0, 58).every((quota) => quota === 16)).toBe(true);
    expect(quotas.slice(58).every((quota) => quota === 15)).toBe(true);
    expect(quotas.reduce((sum, quota) => sum + quota, 0)).toBe(1003);
    expect(shardQuota(limit, 5)).toBe(0);
  });

  it('admits exactly `requests` requests in one window, whichever shards are read and picked', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 200 }), picks, (requests, spread) => {
        expect(admitSequentially({ requests, windowSeconds: 60 }, requests + 10, spread).admitted).toBe(requests);
      }),
    );
  });

  it('spreads requests over shards by the pick', () => {
    expect(checkRateLimit(limit, null, all([]), 1_000, 0)).toMatchObject({ admitted: true, counter: { shard: 0 } });
    expect(checkRateLimit(limit, null, all([]), 1_000, 0.99)).toMatchObject({ admitted: true, counter: { shard: 4 } });
  });

  it('asks to retry at the next window, rounded up to whole seconds and at least 1', () => {
    const full = all(admitSequentially(limit, 5, [0]).rows);
    expect(checkRateLimit(limit, null, full, 1_000, 0)).toMatchObject({ admitted: false, retryAfterSeconds: 299 });
    expect(checkRateLimit(limit, null, full, 299_999, 0)).toMatchObject({ admitted: false, retryAfterSeconds: 1 });
    expect(checkRateLimit(limit, null, full, 300_000, 0)).toMatchObject({ admitted: true, status: { remaining: 4 } });
  });

  it('never admits with a limit of 0 requests', () => {
    expect(checkRateLimit({ requests: 0, windowSeconds: 60 }, null, all([]), 0, 0).admitted).toBe(false);
  });
});

describe('reading some of the shards', () => {
  const big = { requests: 630, windowSeconds: 60 };

  it('reads every shard of a limit that uses few, and a random 13 of one that uses more', () => {
    expect(shardsToRead(5, () => 0.5)).toEqual([0, 1, 2, 3, 4]);
    expect(shardsToRead(null, () => 0.5)).toEqual(Array.from({ length: RATE_SHARDS_READ }, (_, shard) => shard));
    fc.assert(
      fc.property(picks, (spread) => {
        let at = 0;
        const chosen = shardsToRead(MAX_RATE_SHARDS, () => spread[at++ % spread.length]);
        expect(chosen).toHaveLength(RATE_SHARDS_READ);
        expect(new Set(chosen).size).toBe(RATE_SHARDS_READ);
        expect(chosen.every((shard) => shard >= 0 && shard < MAX_RATE_SHARDS)).toBe(true);
      }),
    );
  });

  it('admits on a shard read with room, and estimates what is left from the shards read', () => {
    const windowStart = 0;
    const rows = Array.from({ length: MAX_RATE_SHARDS }, () => ({ windowStart, count: 5, firstAt: 0 }));
    const check = checkRateLimit(big, null, only(rows, [3, 9]), 1_000, 0.9);
    expect(check).toMatchObject({ admitted: true, counter: { shard: 9, read: rows[9] } });
    // 5 of 10 used on the shards read, so about 315 of 630 in all.
    if (check.admitted) expect(check.status.remaining).toBe(630 - 315 - 1);
  });

  it('names the shards in use that were not read, so that a refusal is confirmed on all of them', () => {
    const read = only([], [0, 1, 2]);
    expect(unreadShards(big, null, read, 1_000)).toEqual(Array.from({ length: MAX_RATE_SHARDS - 3 }, (_, index) => index + 3));
    expect(unreadShards({ requests: 3, windowSeconds: 60 }, null, read, 1_000)).toEqual([]);
  });

  it('refuses on the shards read when they are full, which only every shard can confirm', () => {
    const rows = Array.from({ length: MAX_RATE_SHARDS }, (_, shard) => ({ windowStart: 0, count: shard === 40 ? 9 : 10, firstAt: 0 }));
    expect(checkRateLimit(big, null, only(rows, [0, 1, 2]), 1_000, 0).admitted).toBe(false);
    expect(checkRateLimit(big, null, all(rows), 1_000, 0)).toMatchObject({ admitted: true, counter: { shard: 40 }, status: { remaining: 0 } });
  });
});

describe('a limit edited during the window', () => {
  it('carries what the window admitted before the edit and spreads only the room left', () => {
    const windowStart = 0;
    // 6 admitted under a limit of 16 (shards 0-5), then lowered to 8.
    const rows: Array<WindowCounter | null> = Array.from({ length: 6 }, () => ({ windowStart, count: 1, firstAt: 0 }));
    const lowered = { requests: 8, windowSeconds: 3600 };
    const epoch = rateEpochAt(lowered, all(rows), 1_000);
    expect(epoch).toEqual({ windowStart, requests: 8, windowSeconds: 3600, base: [1, 1, 1, 1, 1, 1] });
    const check = checkRateLimit(lowered, epoch, all(rows), 2_000, 0);
    expect(check).toMatchObject({ admitted: true, status: { remaining: 1 }, counter: { shard: 0, read: rows[0], next: { count: 2 } } });
    expect(admitSequentially(lowered, 20, [0.3, 0.7], { epoch, rows, now: 2_000 }).admitted).toBe(2);
  });

  it('stays exact whatever was admitted before a lowering or raising edit', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 150 }), fc.integer({ min: 0, max: 150 }), fc.integer({ min: 0, max: 150 }), picks, (before, used, after, spread) => {
        const rows: Array<WindowCounter | null> = [];
        const first = admitSequentially({ requests: before, windowSeconds: 60 }, used, spread, { rows }).admitted;
        const edited = { requests: after, windowSeconds: 60 };
        const epoch = rateEpochAt(edited, all(rows), 2_000);
        const more = admitSequentially(edited, after + 10, spread, { rows, epoch, now: 3_000 }).admitted;
        expect(first + more).toBe(Math.max(first, after));
      }),
    );
  });

  it('ignores the snapshot in a later window, or once the limit changed again', () => {
    const limit = { requests: 2, windowSeconds: 60 };
    const epoch: RateEpoch = { windowStart: 0, requests: 2, windowSeconds: 60, base: [2] };
    expect(checkRateLimit(limit, epoch, all([]), 1_000, 0).admitted).toBe(false);
    expect(checkRateLimit(limit, epoch, all([]), 60_000, 0).admitted).toBe(true);
    expect(checkRateLimit({ requests: 3, windowSeconds: 60 }, epoch, all([]), 1_000, 0).admitted).toBe(true);
  });
});
