/** What the personal page shows about the token policy, computed from the same rules the server enforces. */
import type { PersonalPolicyView } from '../../shared/resolvers';
import type { TokenPolicies } from '../settings/model';
import { forcedSelfServiceScope, latestAllowedExpiry, mayCreateSelfService } from './policies';

export function personalPolicyView(policies: TokenPolicies, input: { now: number; userGroupIds: readonly string[] }): PersonalPolicyView {
  const latest = latestAllowedExpiry(policies, input.now);
  return {
    canCreate: mayCreateSelfService(policies, input.userGroupIds),
    forcedScope: forcedSelfServiceScope(policies),
    maxExpiresAt: latest === null ? null : new Date(latest).toISOString(),
    defaultRateLimit: policies.defaultRateLimit,
  };
}
