import fc from 'fast-check';
import type { WindowCounter } from '../../../src/domain/verification/model';
import { checkRateLimit, MAX_RATE_SHARDS, shardCount, shardQuota } from '../../../src/domain/verification/rate-limit';
import { windowStartOf } from '../../../src/domain/verification/fixed-window';

/** Applies admitted writes one after the other, as storage would without concurrency. */
function admitSequentially(limit: { requests: number; windowSeconds: number }, attempts: number, picks: number[], now = 1_000): { admitted: number; shards: Array<WindowCounter | null> } {
  const shards: Array<WindowCounter | null> = [];
  let admitted = 0;
  for (let i = 0; i < attempts; i += 1) {
    const check = checkRateLimit(limit, shards, now + i, picks[i % picks.length] ?? 0);
    if (!check.admitted) continue;
    admitted += 1;
    shards[check.counter.shard] = check.counter.next;
  }
  return { admitted, shards };
}

describe('checkRateLimit (fixed window, sharded counter)', () => {
  const limit = { requests: 5, windowSeconds: 300 };

  it('aligns windows to the epoch so every instance agrees', () => {
    expect(windowStartOf(299_999, 300)).toBe(0);
    expect(windowStartOf(300_000, 300)).toBe(300_000);
  });

  it('splits the limit into shard quotas that add up to it', () => {
    expect(shardCount({ requests: 3, windowSeconds: 1 })).toBe(3);
    expect(shardCount({ requests: 1000, windowSeconds: 1 })).toBe(MAX_RATE_SHARDS);
    const big = { requests: 1003, windowSeconds: 1 };
    const quotas = Array.from({ length: MAX_RATE_SHARDS }, (_, shard) => shardQuota(big, shard));
    expect(quotas).toEqual([72, 72, 72, 72, 72, 72, 72, 72, 72, 71, 71, 71, 71, 71]);
    expect(quotas.reduce((sum, quota) => sum + quota, 0)).toBe(1003);
    expect(shardQuota(limit, 5)).toBe(0);
  });

  it('admits exactly `requests` requests in one window, whichever shards are picked', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 40 }), fc.array(fc.double({ min: 0, max: 0.999, noNaN: true }), { minLength: 1 }), (requests, picks) => {
        expect(admitSequentially({ requests, windowSeconds: 60 }, requests + 10, picks).admitted).toBe(requests);
      }),
    );
  });

  it('spreads requests over shards by the pick', () => {
    const shards = [null, null, null, null, null];
    expect(checkRateLimit(limit, shards, 1_000, 0)).toMatchObject({ admitted: true, counter: { shard: 0 } });
    expect(checkRateLimit(limit, shards, 1_000, 0.99)).toMatchObject({ admitted: true, counter: { shard: 4 } });
  });

  it('asks to retry at the next window, rounded up to whole seconds and at least 1', () => {
    const full = admitSequentially(limit, 5, [0]).shards;
    expect(checkRateLimit(limit, full, 1_000, 0)).toMatchObject({ admitted: false, retryAfterSeconds: 299 });
    expect(checkRateLimit(limit, full, 299_999, 0)).toMatchObject({ admitted: false, retryAfterSeconds: 1 });
    expect(checkRateLimit(limit, full, 300_000, 0)).toMatchObject({ admitted: true, status: { remaining: 4 } });
  });

  it('writes a shard on its own while the shards fit their quotas', () => {
    const check = checkRateLimit(limit, [{ windowStart: 0, count: 1, firstAt: 0 }], 1_000, 0.5);
    expect(check).toMatchObject({ admitted: true, counter: { unchanged: [] } });
  });

  it('after the limit was lowered mid-window, also requires every other shard unchanged, and stays exact', () => {
    // Counted under a limit of 16 (two per shard), now limited to 4 (one per shard, shards 0-3).
    const counted: Array<WindowCounter | null> = [null, null, null, null, { windowStart: 0, count: 2, firstAt: 0 }];
    const lowered = { requests: 4, windowSeconds: 300 };
    const check = checkRateLimit(lowered, counted, 1_000, 0);
    expect(check.admitted).toBe(true);
    if (!check.admitted) return;
    expect(check.counter.unchanged.map((other) => other.shard)).toEqual(Array.from({ length: MAX_RATE_SHARDS - 1 }, (_, index) => index + 1));
    expect(check.status.remaining).toBe(1);
    counted[check.counter.shard] = check.counter.next;
    const next = checkRateLimit(lowered, counted, 1_001, 0);
    expect(next.admitted).toBe(true);
    if (next.admitted) counted[next.counter.shard] = next.counter.next;
    expect(checkRateLimit(lowered, counted, 1_002, 0).admitted).toBe(false);
  });

  it('never admits with a limit of 0 requests', () => {
    expect(checkRateLimit({ requests: 0, windowSeconds: 60 }, [], 0, 0).admitted).toBe(false);
  });
});
