/**
 * What the domain needs from the outside world, as small interfaces.
 * Adapters implement them with @forge/*; tests implement them with fakes.
 */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
}

export interface RandomSource {
  /** Cryptographically secure random bytes. */
  bytes(length: number): Uint8Array;
}

export const systemClock: Clock = { now: () => Date.now() };
