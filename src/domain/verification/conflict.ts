/**
 * What a conflict tells without another read. A commit that held ONE conditional counter failed
 * because that row changed since it was read, and the only writes to it are other requests of the
 * same token, each moving it by one (an admission on a rate-limit shard, a success on an
 * aggregation shard). So the row now holds at least what this request tried to write: deciding
 * again on that is deciding on a lower bound, which never admits more than the limit (the commit is
 * still conditional on it) and refuses only when the window is full for certain.
 *
 * With two counters (a limited token with aggregation on) or a limit lowered mid-window (the other
 * shards are conditions too), the conflict could come from any of them: null, read again.
 */
import type { WritePlan } from './plan-writes';
import type { VerificationState } from './port';

export function assumeMoved(state: VerificationState, plan: WritePlan): VerificationState | null {
  const { rateCounter, aggregationCounter } = plan;
  if (rateCounter && aggregationCounter) return null;
  // The other request wrote its use too (a limited token's admissions and aggregated successes always write).
  const usage = state.usage && { ...state.usage, useCount: state.usage.useCount + 1 };
  if (rateCounter) {
    if (rateCounter.unchanged.length > 0) return null;
    const rate = [...state.rate];
    rate[rateCounter.shard] = rateCounter.next;
    return { ...state, rate, usage };
  }
  if (aggregationCounter) {
    const aggregation = [...state.aggregation];
    aggregation[aggregationCounter.shard] = aggregationCounter.next;
    return { ...state, aggregation, usage };
  }
  return null;
}
