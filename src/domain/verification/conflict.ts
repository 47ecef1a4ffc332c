/**
 * What a conflict tells without another read. A commit that held ONE conditional counter failed
 * because that row changed since it was read; the only writes to a token's counter rows are its
 * other requests, each moving one row by one (an admission on a rate-limit shard, a success on an
 * aggregation shard).
 *
 * - Rate limit: the row it picked moved, most likely by one; the others it read most likely did
 *   not (a large limit has up to 63 shards, and about one in five moves while a request is between
 *   its read and its write). So the next attempt takes that row as moved by one and picks again.
 * - Aggregation: 8 rows, so when one moved the others most likely did too: a burst of one token's
 *   successes runs in rounds, and in each round every row that someone picked moves by one. So the
 *   next attempt assumes every aggregation row moved by one.
 *
 * That guess is never trusted to admit or to refuse: the commit stays conditional on the values
 * decided on (a wrong guess is one more conflict, then a real read), and a refusal decided on a
 * guess is not answered (authenticate.ts reads again instead), since the guess can overcount.
 *
 * With two counters (a limited token with aggregation on) the guess would rarely hold for both:
 * null, read again.
 */
import { addUses, utcDay } from '../tokens/daily-usage';
import { incremented } from './fixed-window';
import type { WindowCounter } from './model';
import { AGGREGATION_SHARDS, type WritePlan } from './plan-writes';
import type { VerificationState } from './port';

function movedByOne(rows: ReadonlyArray<WindowCounter | null>, count: number, now: number, windowSeconds: number): Array<WindowCounter | null> {
  return Array.from({ length: count }, (_, shard) => incremented(rows[shard] ?? null, now, windowSeconds));
}

export function assumeMoved(state: VerificationState, plan: WritePlan, now: number): VerificationState | null {
  const { rateCounter, aggregationCounter } = plan;
  if (rateCounter && aggregationCounter) return null;
  // The other requests wrote their uses too (a limited token's admissions and aggregated successes always write).
  const usage = state.usage && {
    ...state.usage,
    useCount: state.usage.useCount + 1,
    requestsPerDay: addUses(state.usage.requestsPerDay, [{ day: utcDay(now), count: 1 }], now),
  };
  if (rateCounter) {
    const rate = [...state.rate];
    rate[rateCounter.shard] = rateCounter.next;
    return { ...state, rate, usage };
  }
  if (aggregationCounter) {
    // The aggregation window is aligned like the rate-limit window (fixed-window.ts), so `incremented` applies.
    const aggregation = movedByOne(state.aggregation, AGGREGATION_SHARDS, now, aggregationCounter.windowSeconds);
    aggregation[aggregationCounter.shard] = aggregationCounter.next;
    return { ...state, aggregation, usage };
  }
  return null;
}
