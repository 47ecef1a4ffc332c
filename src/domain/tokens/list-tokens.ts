/** Listing tokens for a page: one index query, usage merged, owner names from one directory call. */
import type { TokenView } from '../../shared/resolvers';
import { fail, ok, type ResolverResult } from '../../shared/result';
import type { TokenStatus } from './model';
import type { Caller, TokenDeps } from './ports';
import { toView } from './views';

export interface ListTokensInput {
  ownerAccountId?: string;
  text?: string;
  status?: TokenStatus;
  expiringWithinDays?: number;
  cursor?: string;
  limit?: number;
}

export const DEFAULT_PAGE_SIZE = 25;

export async function listTokens(
  deps: TokenDeps,
  caller: Caller,
  input: ListTokensInput,
): Promise<ResolverResult<{ tokens: TokenView[]; cursor: string | null }>> {
  if (caller.reach === 'own' && input.ownerAccountId !== undefined && input.ownerAccountId !== caller.accountId) {
    return fail('FORBIDDEN', 'You can only list your own tokens here.');
  }
  const ownerAccountId = caller.reach === 'own' ? caller.accountId : input.ownerAccountId;
  const text = input.text?.trim().toLowerCase();
  const now = deps.clock.now();
  const page = await deps.repository.list({
    ownerAccountId,
    text: text === '' ? undefined : text,
    status: input.status,
    expiringWithinDays: input.expiringWithinDays,
    cursor: input.cursor,
    limit: input.limit ?? DEFAULT_PAGE_SIZE,
    now,
  });
  // The owner partition already confines a personal list; this guards against a repository bug.
  const tokens = caller.reach === 'own' ? page.tokens.filter((token) => token.ownerAccountId === caller.accountId) : page.tokens;
  const names = await deps.directory.displayNames([...new Set(tokens.map((token) => token.ownerAccountId))]);
  return ok({ tokens: tokens.map((token) => toView(token, now, names)), cursor: page.cursor });
}
