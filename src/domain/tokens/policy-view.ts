/** What the personal page shows about the token policy, computed from the same rules the server enforces. */
import type { TokenPolicies } from '../settings/model';
import type { RateLimit, TokenScope } from './model';
import { forcedSelfServiceScope, latestAllowedExpiry, mayCreateSelfService } from './policies';

/** What the personal page needs to know about the token policy. */
export interface PersonalPolicyView {
  canCreate: boolean;
  forcedScope: TokenScope | null;
  /** Latest allowed expiry as ISO, or null when tokens may never expire. */
  maxExpiresAt: string | null;
  defaultRateLimit: RateLimit | null;
}

export function personalPolicyView(policies: TokenPolicies, input: { now: number; userGroupIds: readonly string[] }): PersonalPolicyView {
  const latest = latestAllowedExpiry(policies, input.now);
  return {
    canCreate: mayCreateSelfService(policies, input.userGroupIds),
    forcedScope: forcedSelfServiceScope(policies),
    maxExpiresAt: latest === null ? null : new Date(latest).toISOString(),
    defaultRateLimit: policies.defaultRateLimit,
  };
}
