/**
 * The cursor of a token list page, as the pages receive it: an opaque base64url JSON that holds
 * storage's own cursor and a fingerprint of the list's filter (owner, text, status, expiry
 * window). A cursor is only accepted back with the filter it was issued for, so a cursor of
 * another list, of another owner or of the audit search is refused before storage is asked.
 *
 * It is not signed: what it can steer is where storage continues inside the query the filter
 * builds, and that query is built from the caller's payload and reach, never from the cursor.
 * On the personal page the owner partition is the caller's own, and rows of anyone else are
 * refused again after the read (list-tokens.ts).
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { TokenStatus } from './model';

/** The filter a list page answers; `ownerAccountId` is the effective one (the caller on the personal page). */
export interface ListFilter {
  ownerAccountId: string | undefined;
  text: string | undefined;
  status: TokenStatus | undefined;
  expiringWithinDays: number | undefined;
}

const KIND = 'tokens';
/** Storage cursors are short (a position); with the envelope this stays within the 4096 characters the resolver accepts. */
const MAX_STORAGE_CURSOR = 3000;
const MAX_ENCODED_LENGTH = 4096;

const envelopeSchema = z.strictObject({
  k: z.literal(KIND),
  f: z.string().regex(/^[0-9a-f]{16}$/),
  c: z.string().min(1).max(MAX_STORAGE_CURSOR),
});

export function listFingerprint(filter: ListFilter): string {
  const canonical = JSON.stringify([filter.ownerAccountId ?? null, filter.text ?? null, filter.status ?? null, filter.expiringWithinDays ?? null]);
  return createHash('sha256').update(canonical, 'utf8').digest('hex').slice(0, 16);
}

export function encodeListCursor(filter: ListFilter, storageCursor: string): string {
  return Buffer.from(JSON.stringify({ k: KIND, f: listFingerprint(filter), c: storageCursor }), 'utf8').toString('base64url');
}

export type ListCursorProblem = 'malformed' | 'other-list';

/** Storage's cursor inside `encoded`, when `encoded` is a token list cursor issued for `filter`. */
export function decodeListCursor(encoded: string, filter: ListFilter): { ok: true; storageCursor: string } | { ok: false; problem: ListCursorProblem } {
  if (encoded.length === 0 || encoded.length > MAX_ENCODED_LENGTH || !/^[A-Za-z0-9_-]+$/.test(encoded)) return { ok: false, problem: 'malformed' };
  let parsed: unknown;
  try {
    // Strict UTF-8: a flipped byte that breaks a character is refused, not replaced.
    parsed = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(Buffer.from(encoded, 'base64url')));
  } catch {
    return { ok: false, problem: 'malformed' };
  }
  const envelope = envelopeSchema.safeParse(parsed);
  if (!envelope.success) return { ok: false, problem: 'malformed' };
  if (envelope.data.f !== listFingerprint(filter)) return { ok: false, problem: 'other-list' };
  return { ok: true, storageCursor: envelope.data.c };
}
