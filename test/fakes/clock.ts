/** A clock tests move by hand. */
import type { Clock } from '../../src/domain/ports';

export interface ManualClock extends Clock {
  advance(ms: number): void;
  set(time: number): void;
}

/** 2026-03-01T12:00:00Z unless told otherwise. */
export const T0 = Date.UTC(2026, 2, 1, 12, 0, 0);

export function manualClock(start = T0): ManualClock {
  let time = start;
  return {
    now: () => time,
    advance: (ms) => {
      time += ms;
    },
    set: (next) => {
      time = next;
    },
  };
}
