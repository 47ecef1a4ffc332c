/**
 * A token's rate limit: at most `requests` admitted requests per fixed window of `windowSeconds`.
 * The decision here is made on a counter as read; the adapter writes the new counter on the
 * condition that it is still what was read, so concurrent requests cannot exceed the limit.
 */
import type { RateLimit } from '../tokens/model';
import { countInWindow, incremented, windowStartOf } from './fixed-window';
import type { CounterUpdate, RateLimitStatus, WindowCounter } from './model';

export type RateCheck =
  | { admitted: true; status: RateLimitStatus; counter: CounterUpdate }
  | { admitted: false; status: RateLimitStatus; retryAfterSeconds: number };

export function checkRateLimit(limit: RateLimit, stored: WindowCounter | null, now: number): RateCheck {
  const windowStart = windowStartOf(now, limit.windowSeconds);
  const resetAt = windowStart + limit.windowSeconds * 1000;
  const used = countInWindow(stored, windowStart);
  if (used >= limit.requests) {
    return {
      admitted: false,
      status: { limit: limit.requests, remaining: 0, resetAt },
      // Whole seconds, at least 1: Retry-After takes an integer and 0 would invite a busy loop.
      retryAfterSeconds: Math.max(1, Math.ceil((resetAt - now) / 1000)),
    };
  }
  const next = incremented(stored, now, limit.windowSeconds);
  return {
    admitted: true,
    status: { limit: limit.requests, remaining: limit.requests - next.count, resetAt },
    counter: { read: stored, next, windowSeconds: limit.windowSeconds },
  };
}
