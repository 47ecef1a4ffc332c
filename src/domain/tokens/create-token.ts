/** Creating a token: policies, a fresh secret shown once, and one all-or-nothing write with its audit event. */
import type { TokenView } from './views';
import { fail, ok, type ResolverResult } from '../result';
import { randomUuid } from '../ids';
import type { TokenPolicies } from '../settings/model';
import { normalizeCidrList } from '../net/cidr';
import { generateToken, tokenHint } from './format';
import { hashToken } from './hash';
import type { RateLimit, Token, TokenScope } from './model';
import { checkCreator, checkExpiry, checkScope, effectiveRateLimit, type PolicyCheck } from './policies';
import type { Caller, TokenDeps } from './ports';
import { NO_USAGE } from './stored';
import { tokenEvent } from './token-events';
import { toView } from './views';

export interface CreateTokenInput {
  description: string;
  scope: TokenScope;
  expiresAt: number | null;
  ownerAccountId?: string;
  ipAllowlist?: string[];
  /** undefined: the policy's default; null: no limit. */
  rateLimit?: RateLimit | null;
}

export type IssuedToken = { token: TokenView; secret: string };

export function policyFailure<T>(check: Exclude<PolicyCheck, { ok: true }>): ResolverResult<T> {
  return fail(check.code, check.message);
}

export function allowlistFailure<T>(invalid: string[]): ResolverResult<T> {
  return fail('INVALID_INPUT', `Not an IP address or CIDR range: ${invalid.join(', ')}`, [
    { path: 'ipAllowlist', message: `Invalid entries: ${invalid.join(', ')}` },
  ]);
}

/**
 * The rules a new token must meet (also on rotation, which issues one): expiry within the maximum
 * validity, scope, creator groups. The admin page is exempt from the last two (see policies.ts).
 */
export async function checkNewTokenRules(
  deps: TokenDeps,
  caller: Caller,
  input: { scope: TokenScope; expiresAt: number | null; now: number; policies: TokenPolicies },
): Promise<PolicyCheck> {
  const expiry = checkExpiry(input.policies, input.expiresAt, input.now);
  if (!expiry.ok) return expiry;
  const selfService = caller.reach === 'own';
  // Only an audit-read request needs the admin check on the personal page: spare the Jira call otherwise.
  const isAdmin = caller.isAdmin ?? (input.scope === 'audit-read' ? await deps.directory.isAdmin(caller.accountId) : false);
  const scope = checkScope({ policies: input.policies, scope: input.scope, selfService, isAdmin });
  if (!scope.ok) return scope;
  if (selfService && input.policies.creators.mode === 'groups') {
    return checkCreator(input.policies, await deps.directory.groupIds(caller.accountId));
  }
  return { ok: true };
}

export async function createToken(deps: TokenDeps, caller: Caller, input: CreateTokenInput): Promise<ResolverResult<IssuedToken>> {
  const ownerAccountId = input.ownerAccountId ?? caller.accountId;
  if (caller.reach === 'own' && ownerAccountId !== caller.accountId) {
    return fail('FORBIDDEN', 'You can only create tokens for yourself here.');
  }
  const allowlist = normalizeCidrList(input.ipAllowlist ?? []);
  if (!allowlist.ok) return allowlistFailure(allowlist.invalid);

  const settings = await deps.settings.load();
  const now = deps.clock.now();
  const rules = await checkNewTokenRules(deps, caller, { scope: input.scope, expiresAt: input.expiresAt, now, policies: settings.policies });
  if (!rules.ok) return policyFailure(rules);

  let names: Map<string, string>;
  if (ownerAccountId === caller.accountId) {
    names = await deps.directory.displayNames([caller.accountId]);
  } else {
    // One look-up both proves the owner exists and gives the names for the audit event.
    const users = await deps.directory.users([caller.accountId, ownerAccountId]);
    names = new Map(users.map((user) => [user.accountId, user.displayName]));
    if (!names.has(ownerAccountId)) {
      return fail('INVALID_INPUT', 'There is no Jira user with this account id.', [
        { path: 'ownerAccountId', message: 'Unknown user' },
      ]);
    }
  }

  const secret = generateToken(deps.random);
  const token: Token = {
    id: randomUuid(deps.random),
    ownerAccountId,
    createdBy: caller.accountId,
    description: input.description,
    scope: input.scope,
    hint: tokenHint(secret),
    createdAt: now,
    expiresAt: input.expiresAt,
    state: 'active',
    revokedAt: null,
    revokedBy: null,
    ipAllowlist: allowlist.cidrs,
    rateLimit: effectiveRateLimit(input.rateLimit, settings.policies),
    replacedBy: null,
    replaces: null,
    graceEndsAt: null,
    usage: NO_USAGE,
  };
  const outcome = await deps.repository.commit({
    writes: [{ next: { token, secretHash: hashToken(secret), revision: 1 }, expected: 'new' }],
    events: [tokenEvent(deps, now, { action: 'tokenCreated', caller, token, names })],
  });
  // Only a collision of a fresh UUID or a 190-bit secret could get here.
  if (outcome === 'conflict') return fail('CONFLICT', 'The token could not be created. Please try again.');
  return ok({ token: toView(token, now, names), secret });
}
