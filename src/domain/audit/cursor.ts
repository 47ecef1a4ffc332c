/**
 * The page cursor handed to the UI and the pull API: an opaque base64url JSON that says where the
 * next page starts (a position in time plus each stream's storage position), never an offset.
 * It carries the query's fingerprint, so a cursor used with another filter is refused.
 *
 * A cursor is not signed: a caller can alter it. What it says is therefore checked against the
 * query before a storage call is made (types, bounds inside the query's time range, excluded
 * categories the stream can hold), and every row it leads to is checked against the whole query
 * again (plan.ts `matches`), so an altered cursor can only move where a page starts inside the
 * caller's own query, never add a row the query would not return.
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

/** Timestamps in ms: every bound a real cursor holds is one (retention keeps them after 1970). */
const time = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

const cursorSchema = z
  .object({
    v: z.literal(1),
    f: z.string().max(20),
    p: z.object({ t: time, i: z.array(z.string().max(500)).max(10_000) }).strict().nullable(),
    s: z
      .array(
        z.union([
          z.literal(1),
          z.object({ lo: time, hi: time, x: z.array(z.string().max(100)).max(10), c: z.string().min(1).max(4000).nullable() }).strict(),
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

/** What a cursor of one query may say: its fingerprint, its streams' categories, its time range. */
export interface CursorExpectation {
  fingerprint: string;
  /** The plan's streams, in plan order. */
  streams: ReadonlyArray<{ categories: readonly string[] }>;
  from: number | null;
  to: number | null;
}

/** A slice a page of this query could have stopped in: inside its time range, excluding only categories of the stream. */
function fits(resume: StreamResume, stream: { categories: readonly string[] }, expected: CursorExpectation): boolean {
  if (resume === 1) return true;
  if (resume.lo > resume.hi) return false;
  if (expected.from !== null && resume.lo < expected.from) return false;
  if (expected.to !== null && resume.hi > expected.to) return false;
  return new Set(resume.x).size === resume.x.length && resume.x.every((category) => stream.categories.includes(category));
}

/** Decodes a cursor and checks it belongs to this query and says nothing the query could not. */
export function decodeCursor(encoded: string, expected: CursorExpectation): { ok: true; cursor: PageCursor } | { ok: false; problem: CursorProblem } {
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
  if (cursor.f !== expected.fingerprint || cursor.s.length !== expected.streams.length) return { ok: false, problem: 'other-query' };
  const position = cursor.p;
  if (position && ((expected.from !== null && position.t < expected.from) || (expected.to !== null && position.t > expected.to))) return { ok: false, problem: 'malformed' };
  if (!cursor.s.every((resume, k) => fits(resume, expected.streams[k], expected))) return { ok: false, problem: 'malformed' };
  return { ok: true, cursor };
}
