/**
 * How long a scheduled run may keep working. The platform stops a scheduled function at its
 * timeout (55 s by default, up to 900 s with `timeoutSeconds`); the run stops 10 s before that,
 * leaving time to save its progress and record what it did.
 */
import { getAppContext } from '@forge/api';

/** Stop this long before the platform would. */
const SAFETY_MARGIN_MS = 10_000;
/** When the platform does not say how long is left: the default timeout's worth, minus the margin. */
export const FALLBACK_BUDGET_MS = 45_000;
/** Never plan beyond the longest scheduled-function timeout (900 s). */
const MAX_BUDGET_MS = 890_000;

export function runDeadline(now: number): number {
  let budget = FALLBACK_BUDGET_MS;
  try {
    const remaining = getAppContext().invocationRemainingTimeInMillis();
    if (Number.isFinite(remaining)) budget = remaining - SAFETY_MARGIN_MS;
  } catch {
    // Not told (older runtimes, or outside an invocation): the fallback applies.
  }
  return now + Math.max(0, Math.min(MAX_BUDGET_MS, budget));
}
