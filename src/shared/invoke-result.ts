/**
 * How both front ends (the UI Kit pages and the audit-log Custom UI) turn a bridge `invoke` into the
 * one result shape, so every screen handles one shape and the same two failures:
 * - the call never reached the app (network, platform limit, timeout): `UNAVAILABLE`;
 * - the app answered something that is not a result (a bug or a version skew): `INTERNAL_ERROR`.
 */
import type { ResolverResult } from './result';

export const UNREACHABLE_MESSAGE = 'Could not reach the app. Check your connection and try again.';
export const UNREADABLE_MESSAGE = 'The app returned an answer this page does not understand.';

function isResolverResult(value: unknown): value is ResolverResult<unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as { ok?: unknown; error?: unknown };
  if (candidate.ok === true) return 'data' in candidate;
  return candidate.ok === false && typeof candidate.error === 'object' && candidate.error !== null;
}

/** Runs one bridge call and answers the result shape; never throws. */
export async function settleInvoke<T>(call: () => Promise<unknown>): Promise<ResolverResult<T>> {
  let answer: unknown;
  try {
    answer = await call();
  } catch {
    return { ok: false, error: { code: 'UNAVAILABLE', message: UNREACHABLE_MESSAGE } };
  }
  if (isResolverResult(answer)) return answer as ResolverResult<T>;
  return { ok: false, error: { code: 'INTERNAL_ERROR', message: UNREADABLE_MESSAGE } };
}
