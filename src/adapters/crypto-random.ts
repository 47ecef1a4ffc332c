/** The platform's CSPRNG behind the domain's RandomSource port. */
import { randomBytes } from 'node:crypto';
import type { RandomSource } from '../domain/ports';

export const cryptoRandom: RandomSource = {
  bytes: (length: number): Uint8Array => new Uint8Array(randomBytes(length)),
};
