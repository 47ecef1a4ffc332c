/**
 * The verification decision (docs/verify-token.md), pure: the caller reads storage once and passes in
 * what it found. Checks run in this order, and the first that fails decides:
 *
 *   missing credentials → malformed token (both before any storage call, see `precheck`)
 *   → unknown → revoked → expired (expiry or end of the rotation grace period)
 *   → client IP (system-wide allowlist AND the token's own) → scope → rate limit.
 *
 * The rate limit comes last so that requests denied for another reason do not use up the window.
 */
import { ipInAllowlist, parseCidrList } from '../net/cidr';
import type { Settings } from '../settings/model';
import { tokenStatus, type TokenLookup } from '../tokens/model';
import { denied, type Denied, type VerificationDecision, type VerificationInput } from './model';
import { checkRateLimit, type RateEpoch, type RateShards } from './rate-limit';
import { scopeAllows } from './scope';

/** The denials that need no storage at all. */
export function precheck(input: VerificationInput): Denied | null {
  if (input.credential.kind === 'missing') return denied('MISSING_CREDENTIALS');
  if (input.credential.kind === 'malformed') return denied('MALFORMED_TOKEN');
  return null;
}

/**
 * Both lists must allow the address (an empty list allows any). A stored list that no longer
 * parses allows nothing: fail closed rather than guess what the admin meant.
 */
export function ipAllowed(ip: string | null, lists: ReadonlyArray<readonly string[]>): boolean {
  return lists.every((list) => {
    if (list.length === 0) return true;
    const parsed = parseCidrList(list);
    return parsed.ok && ipInAllowlist(ip, parsed.cidrs);
  });
}

/**
 * @param rateState the token's rate-limit counter rows as read, by shard, and its last limit edit (see rate-limit.ts)
 * @param pick a number in [0, 1) choosing the counter shard; random in production
 */
export function verify(
  input: VerificationInput,
  lookup: TokenLookup | null,
  settings: Settings,
  rateState: { shards: RateShards; epoch: RateEpoch | null },
  now: number,
  pick = 0,
): VerificationDecision {
  const early = precheck(input);
  if (early) return early;
  if (!lookup) return denied('UNKNOWN_TOKEN');

  const status = tokenStatus(lookup, now);
  if (status === 'revoked') return denied('REVOKED_TOKEN', lookup);
  if (status === 'expired') return denied('EXPIRED_TOKEN', lookup);

  if (!ipAllowed(input.clientIp, [settings.policies.systemIpAllowlist, lookup.ipAllowlist])) return denied('IP_NOT_ALLOWED', lookup);
  if (!scopeAllows(lookup.scope, input.target.method, input.purpose)) return denied('SCOPE_DENIED', lookup);

  if (!lookup.rateLimit) return { valid: true, lookup, rateLimit: null };
  const rate = checkRateLimit(lookup.rateLimit, rateState.epoch, rateState.shards, now, pick);
  if (!rate.admitted) return denied('RATE_LIMITED', lookup, { retryAfterSeconds: rate.retryAfterSeconds, limit: lookup.rateLimit });
  return { valid: true, lookup, rateLimit: { ...rate.status, counter: rate.counter } };
}
