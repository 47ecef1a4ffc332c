import type { WindowCounter } from '../../../src/domain/verification/model';
import { checkRateLimit } from '../../../src/domain/verification/rate-limit';
import { windowStartOf } from '../../../src/domain/verification/fixed-window';

describe('checkRateLimit (fixed window)', () => {
  const limit = { requests: 5, windowSeconds: 300 };

  it('aligns windows to the epoch so every instance agrees', () => {
    expect(windowStartOf(299_999, 300)).toBe(0);
    expect(windowStartOf(300_000, 300)).toBe(300_000);
  });

  it('admits exactly `requests` requests in one window', () => {
    let stored = null as WindowCounter | null;
    const answers: boolean[] = [];
    for (let i = 0; i < 8; i += 1) {
      const check = checkRateLimit(limit, stored, 1_000 + i);
      answers.push(check.admitted);
      if (check.admitted) stored = check.counter.next;
    }
    expect(answers).toEqual([true, true, true, true, true, false, false, false]);
  });

  it('asks to retry at the next window, rounded up to whole seconds and at least 1', () => {
    const full = { windowStart: 0, count: 5, firstAt: 0 };
    expect(checkRateLimit(limit, full, 1_000)).toMatchObject({ admitted: false, retryAfterSeconds: 299 });
    expect(checkRateLimit(limit, full, 299_999)).toMatchObject({ admitted: false, retryAfterSeconds: 1 });
    expect(checkRateLimit(limit, full, 300_000)).toMatchObject({ admitted: true });
  });

  it('never admits with a limit of 0 requests', () => {
    expect(checkRateLimit({ requests: 0, windowSeconds: 60 }, null, 0).admitted).toBe(false);
  });
});
