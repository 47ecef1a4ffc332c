/**
 * The page cursor handed to the UI and the pull API: an opaque base64url JSON that says where the
 * next page starts (a position in time plus each stream's storage position), never an offset.
 * It carries the query's fingerprint, so a cursor used with another filter is refused.
 */
import { z } from 'zod';

/**
 * How one stream continues: 1 = finished, or inside a time slice [lo, hi] with excluded
 * categories `x`, from storage's cursor `c` (null: from `hi` down).
 */
export type StreamResume = 1 | { lo: number; hi: number; x: string[]; c: string | null };

export interface PageCursor {
  v: 1;
  /** Fingerprint of the query the cursor belongs to. */
  f: string;
  /** Position: timestamp of the last event merged, and the ids merged with that timestamp (skipped when re-read). */
  p: { t: number; i: string[] } | null;
  /** One entry per stream of the plan, in plan order. */
  s: StreamResume[];
}

const cursorSchema = z
  .object({
    v: z.literal(1),
    f: z.string().max(20),
    p: z.object({ t: z.number().finite(), i: z.array(z.string().max(500)).max(10_000) }).strict().nullable(),
    s: z
      .array(
        z.union([
          z.literal(1),
          z.object({ lo: z.number().finite(), hi: z.number().finite(), x: z.array(z.string().max(100)).max(10), c: z.string().max(4000).nullable() }).strict(),
        ]),
      )
      .max(20),
  })
  .strict();

/** Cursors this long are not ours (the longest real one holds a few storage cursors). */
const MAX_ENCODED_LENGTH = 200_000;

function toBase64Url(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(encoded: string): string {
  const base64 = encoded.replace(/-/g, '+').replace(/_/g, '/');
  const binary = atob(base64 + '='.repeat((4 - (base64.length % 4)) % 4));
  const bytes = Uint8Array.from(binary, (char) => char.charCodeAt(0));
  return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
}

export function encodeCursor(cursor: PageCursor): string {
  return toBase64Url(JSON.stringify(cursor));
}

export type CursorProblem = 'malformed' | 'other-query';

/** Decodes a cursor and checks it belongs to the query with this fingerprint and stream count. */
export function decodeCursor(encoded: string, expected: { fingerprint: string; streams: number }): { ok: true; cursor: PageCursor } | { ok: false; problem: CursorProblem } {
  if (encoded.length === 0 || encoded.length > MAX_ENCODED_LENGTH || !/^[A-Za-z0-9_-]+$/.test(encoded)) return { ok: false, problem: 'malformed' };
  let parsed: unknown;
  try {
    parsed = JSON.parse(fromBase64Url(encoded));
  } catch {
    return { ok: false, problem: 'malformed' };
  }
  const result = cursorSchema.safeParse(parsed);
  if (!result.success) return { ok: false, problem: 'malformed' };
  const cursor: PageCursor = result.data;
  if (cursor.f !== expected.fingerprint || cursor.s.length !== expected.streams) return { ok: false, problem: 'other-query' };
  return { ok: true, cursor };
}
