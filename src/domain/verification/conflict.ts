/**
 * What a conflict tells without another read. A commit that held the rate-limit counter failed
 * because that row changed since it was read; the only writes to a token's counter rows are its
 * other requests, each moving one row by one (an admission on a rate-limit shard). The row it
 * picked moved, most likely by one; the others it read most likely did not (a large limit has up
 * to 63 shards, and about one in five moves while a request is between its read and its write).
 * So the next attempt takes that row as moved by one and picks again.
 *
 * That guess is never trusted to admit or to refuse: the commit stays conditional on the values
 * decided on (a wrong guess is one more conflict, then a real read), and a refusal decided on a
 * guess is not answered (authenticate.ts reads again instead), since the guess can overcount.
 *
 * A plan without the counter (only alert rows can conflict then) has nothing to guess: null, read again.
 */
import { addUses, utcDay } from '../tokens/daily-usage';
import type { WritePlan } from './plan-writes';
import type { VerificationState } from './port';

export function assumeMoved(state: VerificationState, plan: WritePlan, now: number): VerificationState | null {
  const { rateCounter } = plan;
  if (!rateCounter) return null;
  // The other requests wrote their uses too (a limited token's admissions always write).
  const usage = state.usage && {
    ...state.usage,
    useCount: state.usage.useCount + 1,
    requestsPerDay: addUses(state.usage.requestsPerDay, [{ day: utcDay(now), count: 1 }], now),
  };
  const rate = [...state.rate];
  rate[rateCounter.shard] = rateCounter.next;
  return { ...state, rate, usage };
}
