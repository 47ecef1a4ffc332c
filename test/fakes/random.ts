/** Deterministic random sources for tests (never for secrets). */
import type { RandomSource } from '../../src/domain/ports';

/** Bytes counting up from `start` (mod 256) across calls: exact, predictable output for known-answer tests. */
export function countingRandom(start = 0): RandomSource & { consumed(): number } {
  let next = start;
  let consumed = 0;
  return {
    bytes(length: number): Uint8Array {
      const out = new Uint8Array(length);
      for (let i = 0; i < length; i += 1) {
        out[i] = next % 256;
        next += 1;
      }
      consumed += length;
      return out;
    },
    consumed: () => consumed,
  };
}

/** A seeded xorshift generator: varied but repeatable bytes. */
export function seededRandom(seed: number): RandomSource {
  let state = seed >>> 0 || 0x9e3779b9;
  return {
    bytes(length: number): Uint8Array {
      const out = new Uint8Array(length);
      for (let i = 0; i < length; i += 1) {
        state ^= state << 13;
        state ^= state >>> 17;
        state ^= state << 5;
        state >>>= 0;
        out[i] = state & 0xff;
      }
      return out;
    },
  };
}
