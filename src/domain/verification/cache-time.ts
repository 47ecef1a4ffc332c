/**
 * How long a gateway may reuse a 200 (setting `verificationCacheSeconds`, docs/gateways/README.md).
 * Never for a token with a rate limit: every request must be counted against it. Never past the
 * moment the token stops verifying by itself (expiry, end of a rotation grace period).
 */
import type { Settings } from '../settings/model';
import { effectiveEnd } from '../tokens/stored';
import type { Admitted } from './model';

export function cacheSecondsFor(decision: Admitted, settings: Pick<Settings, 'verificationCacheSeconds'>, now: number): number {
  if (decision.lookup.rateLimit) return 0;
  const end = effectiveEnd(decision.lookup);
  const left = end === null ? Number.POSITIVE_INFINITY : Math.floor((end - now) / 1000);
  return Math.max(0, Math.min(settings.verificationCacheSeconds, left));
}
