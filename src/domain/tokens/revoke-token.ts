/** Revoking one token: it stops verifying at once; the token and its lookup change together. */
import type { TokenView } from '../../shared/resolvers';
import type { ResolverResult } from '../../shared/result';
import type { AuditEvent, ExtraAttribute } from '../audit/model';
import { mutateToken, refuse } from './mutate-token';
import type { Caller, TokenDeps, TokenWrite } from './ports';
import type { StoredToken } from './stored';
import { tokenEvent } from './token-events';
import { toView } from './views';

/** The write and event that revoke `current`; shared with revoke-all. */
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

export async function revokeToken(deps: TokenDeps, caller: Caller, tokenId: string): Promise<ResolverResult<{ token: TokenView }>> {
  return mutateToken(deps, caller, tokenId, async (current, now) => {
    if (current.token.state === 'revoked') {
      return refuse({ code: 'CONFLICT', message: 'This token is already revoked.' });
    }
    const names = await deps.directory.displayNames([caller.accountId, current.token.ownerAccountId]);
    const { write, event, next } = revocation(deps, caller, current, now, names);
    const usage = await deps.repository.usage(current.secretHash);
    return { ok: true, commit: { writes: [write], events: [event] }, result: { token: toView({ ...next.token, usage }, now, names) } };
  });
}
