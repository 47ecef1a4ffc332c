/**
 * Revoking every token of a user (admin page). Tokens are revoked in transactions of
 * REVOKE_BATCH tokens, each with its own "Token revoked" event (3 operations per token, within the
 * platform's 25 per transaction), then one "All tokens of a user revoked" event with the count.
 */
import { ok, type ResolverResult } from '../../shared/result';
import type { ExtraAttribute } from '../audit/model';
import type { Caller, TokenDeps } from './ports';
import { revocation } from './revoke-token';
import type { StoredToken } from './stored';
import { buildManagementEvent, userObject } from './token-events';

export const REVOKE_BATCH = 8;
const PAGE_SIZE = 48;
const REASON: ExtraAttribute = { name: 'Reason', value: 'All tokens of the user revoked' };

/** Revokes one token on its own after a batch lost a race; false when someone else revoked it first. */
async function revokeSingly(deps: TokenDeps, caller: Caller, tokenId: string, names: ReadonlyMap<string, string>): Promise<boolean> {
  for (let attempt = 0; attempt < 3; attempt += 1) {
    const current = await deps.repository.get(tokenId);
    if (!current || current.token.state === 'revoked') return false;
    const { write, event } = revocation(deps, caller, current, deps.clock.now(), names, [REASON]);
    if ((await deps.repository.commit({ writes: [write], events: [event] })) === 'committed') return true;
  }
  throw new Error('A token kept changing while all tokens of its owner were being revoked.');
}

async function revokeBatch(deps: TokenDeps, caller: Caller, batch: StoredToken[], names: ReadonlyMap<string, string>): Promise<number> {
  const now = deps.clock.now();
  const planned = batch.map((stored) => revocation(deps, caller, stored, now, names, [REASON]));
  const outcome = await deps.repository.commit({ writes: planned.map((p) => p.write), events: planned.map((p) => p.event) });
  if (outcome === 'committed') return batch.length;
  let revoked = 0;
  for (const stored of batch) {
    if (await revokeSingly(deps, caller, stored.token.id, names)) revoked += 1;
  }
  return revoked;
}

export async function revokeAllForUser(deps: TokenDeps, caller: Caller, accountId: string): Promise<ResolverResult<{ revoked: number }>> {
  const names = await deps.directory.displayNames([caller.accountId, accountId]);
  let revoked = 0;
  let cursor: string | undefined;
  do {
    const page = await deps.repository.listUnrevokedOwnedBy(accountId, cursor, PAGE_SIZE);
    for (let start = 0; start < page.tokens.length; start += REVOKE_BATCH) {
      revoked += await revokeBatch(deps, caller, page.tokens.slice(start, start + REVOKE_BATCH), names);
    }
    cursor = page.cursor ?? undefined;
  } while (cursor !== undefined);

  const summary = buildManagementEvent(deps, deps.clock.now(), {
    action: 'allTokensRevoked',
    caller,
    names,
    affectedObjects: [userObject(accountId, names)],
    extraAttributes: [{ name: 'Tokens revoked', value: String(revoked) }],
  });
  await deps.repository.commit({ writes: [], events: [summary] });
  return ok({ revoked });
}
