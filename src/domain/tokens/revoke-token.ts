/**
 * Revoking one token: it stops verifying at once, and so does every secret it replaced that is
 * still in its grace period (chain.ts). The tokens, their lookups and one "Token revoked" event
 * each are written in one transaction, each token write conditioned on the revision read.
 */
import type { TokenView } from './views';
import type { ResolverResult } from '../result';
import type { AuditEvent, ExtraAttribute } from '../audit/model';
import { liveReplaced } from './chain';
import { mutateToken, refuse } from './mutate-token';
import type { Caller, TokenCommit, TokenDeps, TokenWrite } from './ports';
import type { StoredToken } from './stored';
import { tokenEvent } from './token-events';
import { toView } from './views';

/** The write and event that revoke `current`. */
export function revocation(
  deps: TokenDeps,
  caller: Caller,
  current: StoredToken,
  now: number,
  names: ReadonlyMap<string, string>,
  extraAttributes: ExtraAttribute[] = [],
): { write: TokenWrite; event: AuditEvent; next: StoredToken } {
  const next: StoredToken = {
    ...current,
    token: { ...current.token, state: 'revoked', revokedAt: now, revokedBy: caller.accountId },
    revision: current.revision + 1,
  };
  return {
    next,
    write: { next, expected: current.revision },
    event: tokenEvent(deps, now, { action: 'tokenRevoked', caller, token: next.token, names, extraAttributes }),
  };
}

/** A token to revoke and the replaced secrets, still in grace, that go with it. */
export interface ChainPlan {
  target: StoredToken;
  replaced: StoredToken[];
}

/** Why a replaced secret was revoked, on its own "Token revoked" event. */
export function replacementReason(replacementId: string): ExtraAttribute {
  return { name: 'Reason', value: `Replacement ${replacementId} revoked` };
}

/**
 * The commit that revokes a plan: the target with `reason` (if any) and the ids of the secrets it
 * took with it; each replaced secret with its own event naming the replacement that ended it.
 */
export function chainRevocation(
  deps: TokenDeps,
  caller: Caller,
  plan: ChainPlan,
  now: number,
  names: ReadonlyMap<string, string>,
  reason: ExtraAttribute[] = [],
): { commit: TokenCommit; next: StoredToken } {
  const alsoRevoked: ExtraAttribute[] =
    plan.replaced.length > 0 ? [{ name: 'Replaced secrets revoked', value: plan.replaced.map((item) => item.token.id).join(', ') }] : [];
  const target = revocation(deps, caller, plan.target, now, names, [...reason, ...alsoRevoked]);
  const replaced = plan.replaced.map((item) => revocation(deps, caller, item, now, names, [replacementReason(plan.target.token.id)]));
  const all = [target, ...replaced];
  return { next: target.next, commit: { writes: all.map((item) => item.write), events: all.map((item) => item.event) } };
}

/** Everyone whose name an event of the plan shows. */
export function planAccounts(caller: Caller, plans: readonly ChainPlan[]): string[] {
  const owners = plans.flatMap((plan) => [plan.target, ...plan.replaced].map((item) => item.token.ownerAccountId));
  return [...new Set([caller.accountId, ...owners])];
}

export async function revokeToken(deps: TokenDeps, caller: Caller, tokenId: string): Promise<ResolverResult<{ token: TokenView }>> {
  return mutateToken(deps, caller, tokenId, async (current, now) => {
    if (current.token.state === 'revoked') {
      return refuse({ code: 'CONFLICT', message: 'This token is already revoked.' });
    }
    const plan: ChainPlan = { target: current, replaced: await liveReplaced(deps, current, now) };
    const names = await deps.directory.displayNames(planAccounts(caller, [plan]));
    const { commit, next } = chainRevocation(deps, caller, plan, now, names);
    const usage = await deps.repository.usage(current.secretHash);
    return { ok: true, commit, result: { token: toView({ ...next.token, usage }, now, names) } };
  });
}
