/**
 * A process-wide clock offset, so tests can jump forward in time (token expiry, TTL, retention)
 * without waiting. `globalThis.Date` is replaced once by a constructor that adds the offset to
 * "now" (`Date.now()`, `new Date()`, `Date()`), while dates built from explicit values,
 * `Date.parse`, `Date.UTC` and `instanceof Date` behave exactly as before.
 */

interface ClockState {
  realDate: DateConstructor;
  offsetMs: number;
}

// Kept on globalThis so a module registry reset (Jest) cannot stack a second patch on the first.
const STATE_KEY = Symbol.for('forge-local-host.clock');

function clockState(): ClockState {
  const holder = globalThis as unknown as Record<symbol, ClockState | undefined>;
  const existing = holder[STATE_KEY];
  if (existing) return existing;
  const realDate = globalThis.Date;
  const state: ClockState = { realDate, offsetMs: 0 };
  const shiftedNow = (): number => realDate.now() + state.offsetMs;

  function ShiftedDate(this: unknown, ...args: unknown[]): unknown {
    if (!new.target) return new realDate(shiftedNow()).toString();
    return Reflect.construct(realDate, args.length === 0 ? [shiftedNow()] : args, new.target);
  }
  ShiftedDate.prototype = realDate.prototype;
  Object.defineProperties(ShiftedDate, {
    now: { value: shiftedNow, writable: true, configurable: true },
    parse: { value: realDate.parse.bind(realDate), writable: true, configurable: true },
    UTC: { value: realDate.UTC.bind(realDate), writable: true, configurable: true },
  });
  globalThis.Date = ShiftedDate as unknown as DateConstructor;
  holder[STATE_KEY] = state;
  return state;
}

/** Installs the shifted clock (idempotent); every other function here calls it. */
export function installClock(): void {
  clockState();
}

/** Moves "now" forward (or back, with a negative value) for the whole process. */
export function advanceClock(ms: number): void {
  if (!Number.isFinite(ms)) throw new Error('advanceClock needs a finite number of milliseconds');
  clockState().offsetMs += ms;
}

/** Back to the real time. */
export function resetClock(): void {
  clockState().offsetMs = 0;
}

/** Current offset from the real time, in milliseconds. */
export function clockOffset(): number {
  return clockState().offsetMs;
}

installClock();
