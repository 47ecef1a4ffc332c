/**
 * The token format (docs/tokens.md), modelled on GitHub's: a fixed prefix, 32 base62 characters
 * from a CSPRNG (≈190 bits) and a 6-character base62 CRC32 checksum of everything before it.
 * The checksum lets `parseToken` reject strings that are not our tokens without a storage call.
 */
import { crc32 } from 'node:zlib';
import type { RandomSource } from '../ports';

/** "API token audit". Distinct enough for secret scanners to recognise. */
export const TOKEN_PREFIX = 'atat_';
export const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
export const RANDOM_LENGTH = 32;
export const CHECKSUM_LENGTH = 6;
export const TOKEN_LENGTH = TOKEN_PREFIX.length + RANDOM_LENGTH + CHECKSUM_LENGTH;
/** Random characters shown in the non-secret hint. */
export const HINT_RANDOM_CHARS = 4;

/** Bytes ≥ 248 are discarded so that `byte % 62` is uniform (248 = 4 × 62): no modulo bias. */
const REJECTION_THRESHOLD = 256 - (256 % BASE62.length);
const TOKEN_PATTERN = new RegExp(`^${TOKEN_PREFIX}[0-9A-Za-z]{${RANDOM_LENGTH + CHECKSUM_LENGTH}}$`);

/** Fixed-width base62 of an unsigned 32-bit value, left-padded with '0' (62^6 > 2^32). */
export function base62Checksum(value: number): string {
  let rest = value >>> 0;
  let text = '';
  for (let i = 0; i < CHECKSUM_LENGTH; i += 1) {
    text = BASE62[rest % 62] + text;
    rest = Math.floor(rest / 62);
  }
  return text;
}

/** The checksum of a prefix + random part. */
export function checksumOf(body: string): string {
  return base62Checksum(crc32(body));
}

/** Draws `length` uniform base62 characters from the random source by rejection sampling. */
export function randomBase62(random: RandomSource, length: number): string {
  let text = '';
  while (text.length < length) {
    // Ask for a little more than needed: about 3% of bytes are rejected.
    const bytes = random.bytes(length - text.length + 8);
    for (const byte of bytes) {
      if (byte >= REJECTION_THRESHOLD) continue;
      text += BASE62[byte % 62];
      if (text.length === length) break;
    }
  }
  return text;
}

/** A new secret. It exists only in memory while create/rotate returns it once. */
export function generateToken(random: RandomSource): string {
  const body = TOKEN_PREFIX + randomBase62(random, RANDOM_LENGTH);
  return body + checksumOf(body);
}

export type ParsedToken = { ok: true; token: string } | { ok: false };

/** Accepts only a well-formed token of ours: prefix, length, alphabet and checksum. No storage call. */
export function parseToken(candidate: string): ParsedToken {
  if (candidate.length !== TOKEN_LENGTH || !TOKEN_PATTERN.test(candidate)) return { ok: false };
  const body = candidate.slice(0, TOKEN_LENGTH - CHECKSUM_LENGTH);
  const checksum = candidate.slice(TOKEN_LENGTH - CHECKSUM_LENGTH);
  return checksum === checksumOf(body) ? { ok: true, token: candidate } : { ok: false };
}

/** The non-secret hint shown in lists: prefix plus the first random characters. */
export function tokenHint(token: string): string {
  return `${token.slice(0, TOKEN_PREFIX.length + HINT_RANDOM_CHARS)}…`;
}
