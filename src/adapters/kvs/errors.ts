/** Telling a lost race (retry) from a failing store (count it) in `@forge/kvs` errors. */
import { ForgeKvsAPIError } from '@forge/kvs';

/**
 * A transaction condition that did not hold, or FAIL_IF_EXISTS on a live key. The platform
 * answers 409 for both; the exact code is undocumented, so the status decides.
 */
export function isConflict(error: unknown): boolean {
  if (!(error instanceof ForgeKvsAPIError)) return false;
  return error.responseDetails?.status === 409 || ['CONDITIONAL_CHECK_FAILED', 'KEY_ALREADY_EXISTS', 'CONFLICT'].includes(error.code);
}
