/**
 * Read-modify-write of one token with optimistic concurrency: the write names the revision it
 * read, and a concurrent change makes it re-read and decide again (so a revoke that lands between
 * the read and the write of an edit is never undone).
 */
import { TRY_AGAIN, withAttempts } from '../attempts';
import { fail, ok, type ResolverError, type ResolverResult } from '../result';
import type { Caller, TokenCommit, TokenDeps } from './ports';
import type { StoredToken } from './stored';

export type MutationPlan<T> = { ok: false; error: ResolverError } | { ok: true; commit: TokenCommit | null; result: T };

const ATTEMPTS = 3;

export const NOT_FOUND_MESSAGE = 'No API token with this id.';

/** Personal pages reach only the caller's own tokens; anything else looks like it does not exist. */
export function canReach(caller: Caller, stored: StoredToken): boolean {
  return caller.reach === 'all' || stored.token.ownerAccountId === caller.accountId;
}

export function refuse<T>(error: ResolverError): MutationPlan<T> {
  return { ok: false, error };
}

export async function mutateToken<T>(
  deps: TokenDeps,
  caller: Caller,
  tokenId: string,
  plan: (current: StoredToken, now: number) => Promise<MutationPlan<T>>,
): Promise<ResolverResult<T>> {
  const outcome = await withAttempts<ResolverResult<T>>(ATTEMPTS, async () => {
    const current = await deps.repository.get(tokenId);
    if (!current || !canReach(caller, current)) return fail('NOT_FOUND', NOT_FOUND_MESSAGE);
    const planned = await plan(current, deps.clock.now());
    if (!planned.ok) return { ok: false, error: planned.error };
    if (planned.commit === null) return ok(planned.result);
    return (await deps.repository.commit(planned.commit)) === 'committed' ? ok(planned.result) : TRY_AGAIN;
  });
  return outcome === TRY_AGAIN ? fail('CONFLICT', 'Someone else changed this token at the same time. Reload and try again.') : outcome;
}
