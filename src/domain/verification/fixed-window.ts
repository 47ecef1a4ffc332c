/**
 * Fixed-window counting, used for token rate limits:
 * windows are aligned to the epoch, so every instance computes the same window for the same time.
 */
import type { WindowCounter } from './model';

export function windowStartOf(now: number, windowSeconds: number): number {
  const length = windowSeconds * 1000;
  return Math.floor(now / length) * length;
}

/** Requests already counted in the current window (a stored counter of an older window counts 0). */
export function countInWindow(stored: WindowCounter | null, windowStart: number): number {
  return stored !== null && stored.windowStart === windowStart ? stored.count : 0;
}

/** The counter after one more request in the window that contains `now`. */
export function incremented(stored: WindowCounter | null, now: number, windowSeconds: number): WindowCounter {
  const windowStart = windowStartOf(now, windowSeconds);
  const sameWindow = stored !== null && stored.windowStart === windowStart;
  return { windowStart, count: countInWindow(stored, windowStart) + 1, firstAt: sameWindow ? stored.firstAt : now };
}
