/**
 * How long a scheduled run may keep working. The platform stops a scheduled function after its
 * timeout (55 s by default); the run stops well before, leaving time to save its progress.
 */
import { getAppContext } from '@forge/api';

/** Work at most this long per run, whatever the platform grants. */
export const RUN_BUDGET_MS = 40_000;
/** Stop this long before the platform would. */
const SAFETY_MARGIN_MS = 10_000;

export function runDeadline(now: number): number {
  let remaining = Number.POSITIVE_INFINITY;
  try {
    remaining = getAppContext().invocationRemainingTimeInMillis();
  } catch {
    // Not told (older runtimes): the fixed budget alone applies.
  }
  return now + Math.max(0, Math.min(RUN_BUDGET_MS, remaining - SAFETY_MARGIN_MS));
}
