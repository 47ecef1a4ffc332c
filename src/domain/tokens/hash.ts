/**
 * Secrets are stored only as their SHA-256 hash (docs/tokens.md), and anything derived from a
 * secret is compared in constant time.
 */
import { createHash, timingSafeEqual } from 'node:crypto';

/** Lower-case hex SHA-256 of the whole token string. Also the key of its lookup record. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** Constant-time equality for secret-derived strings (hashes); unequal lengths are simply unequal. */
export function constantTimeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a, 'utf8');
  const right = Buffer.from(b, 'utf8');
  if (left.length !== right.length) return false;
  return timingSafeEqual(left, right);
}
