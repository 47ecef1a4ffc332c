/**
 * Token policies (docs/tokens.md): maximum validity, who may create tokens, forced read-only for
 * self-service tokens and the default rate limit. Pure functions; callers fetch groups and settings.
 *
 * "Self-service" means created through the personal settings page. The admin page is exempt from
 * the creator and forced-scope policies (admins may always create, for anyone); the maximum
 * validity applies to every new token.
 */
import type { TokenPolicies } from '../settings/model';
import type { RateLimit, TokenScope } from './model';

export type PolicyCheck = { ok: true } | { ok: false; code: 'POLICY_VIOLATION' | 'FORBIDDEN'; message: string };

const DAY_MS = 86_400_000;
const PASSED: PolicyCheck = { ok: true };

function addUtcMonths(time: number, months: number): number {
  const date = new Date(time);
  const day = date.getUTCDate();
  date.setUTCDate(1);
  date.setUTCMonth(date.getUTCMonth() + months);
  // Clamp to the month's last day: 31 Aug + 6 months is 28/29 Feb, not 3 Mar.
  const lastDay = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 0)).getUTCDate();
  date.setUTCDate(Math.min(day, lastDay));
  return date.getTime();
}

function endOfUtcDay(time: number): number {
  return Math.floor(time / DAY_MS) * DAY_MS + DAY_MS - 1;
}

/**
 * The latest expiry a token created at `now` may have, or null when any expiry (and "never") is allowed.
 * Rounded up to the end of that UTC day so a date picked in a calendar is never a few seconds too late.
 */
export function latestAllowedExpiry(policies: Pick<TokenPolicies, 'maxValidity' | 'customDays'>, now: number): number | null {
  switch (policies.maxValidity) {
    case 'never':
      return null;
    case '30d':
      return endOfUtcDay(now + 30 * DAY_MS);
    case '90d':
      return endOfUtcDay(now + 90 * DAY_MS);
    case '6m':
      return endOfUtcDay(addUtcMonths(now, 6));
    case '1y':
      return endOfUtcDay(addUtcMonths(now, 12));
    case '2y':
      return endOfUtcDay(addUtcMonths(now, 24));
    case 'custom':
      return policies.customDays === null ? null : endOfUtcDay(now + policies.customDays * DAY_MS);
  }
}

/** An expiry must be in the future and within the maximum validity; "never" only when no maximum is set. */
export function checkExpiry(policies: TokenPolicies, expiresAt: number | null, now: number): PolicyCheck {
  if (expiresAt !== null && expiresAt <= now) {
    return { ok: false, code: 'POLICY_VIOLATION', message: 'The expiry date must be in the future.' };
  }
  const latest = latestAllowedExpiry(policies, now);
  if (latest === null) return PASSED;
  const latestText = new Date(latest).toISOString();
  if (expiresAt === null) {
    return {
      ok: false,
      code: 'POLICY_VIOLATION',
      message: `Tokens must expire: the token policy allows an expiry no later than ${latestText}.`,
    };
  }
  if (expiresAt > latest) {
    return {
      ok: false,
      code: 'POLICY_VIOLATION',
      message: `The token policy allows an expiry no later than ${latestText}.`,
    };
  }
  return PASSED;
}

/** Whether the creator policy lets this user create tokens for themselves. */
export function mayCreateSelfService(policies: TokenPolicies, userGroupIds: readonly string[]): boolean {
  if (policies.creators.mode === 'everyone') return true;
  const allowed = new Set(policies.creators.groupIds);
  return userGroupIds.some((groupId) => allowed.has(groupId));
}

export function checkCreator(policies: TokenPolicies, userGroupIds: readonly string[]): PolicyCheck {
  if (mayCreateSelfService(policies, userGroupIds)) return PASSED;
  return {
    ok: false,
    code: 'POLICY_VIOLATION',
    message: 'The token policy lets only members of selected groups create API tokens. Ask a Jira administrator.',
  };
}

/** The scope self-service tokens are forced to, or null when users choose. */
export function forcedSelfServiceScope(policies: TokenPolicies): TokenScope | null {
  return policies.forceReadOnlyForSelfCreated ? 'read-only' : null;
}

/**
 * Scope rules: audit-read only for administrators; a forced scope is enforced by rejecting other
 * scopes (not by silently narrowing them, which would surprise the user).
 */
export function checkScope(input: { policies: TokenPolicies; scope: TokenScope; selfService: boolean; isAdmin: boolean }): PolicyCheck {
  if (input.scope === 'audit-read' && !input.isAdmin) {
    return { ok: false, code: 'FORBIDDEN', message: 'Only Jira administrators can create tokens with the audit-read scope.' };
  }
  const forced = input.selfService ? forcedSelfServiceScope(input.policies) : null;
  if (forced !== null && input.scope !== forced) {
    return {
      ok: false,
      code: 'POLICY_VIOLATION',
      message: `The token policy only allows ${forced} tokens to be created here.`,
    };
  }
  return PASSED;
}

/** `undefined` in a request means "use the default"; `null` means "no limit". */
export function effectiveRateLimit(requested: RateLimit | null | undefined, policies: TokenPolicies): RateLimit | null {
  return requested === undefined ? policies.defaultRateLimit : requested;
}
