/**
 * Listing tokens for a page: one index query, usage merged, owner names from one directory call.
 * The page cursor is bound to the list's filter (list-cursor.ts); a cursor that is not one, that
 * belongs to another list, or that storage refuses is INVALID_INPUT on `cursor`, never UNAVAILABLE.
 */
import type { TokenView } from './views';
import { fail, ok, type ResolverResult } from '../result';
import { CursorRefusedError } from '../cursor-refused';
import { decodeListCursor, encodeListCursor, type ListFilter } from './list-cursor';
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

const NOT_VALID = 'The cursor is not valid; list again without a cursor.';
const OTHER_LIST = 'This cursor belongs to a list with other filters; list again without a cursor.';

function invalidCursor<T>(message: string): ResolverResult<T> {
  return fail('INVALID_INPUT', message, [{ path: 'cursor', message }]);
}

export async function listTokens(
  deps: TokenDeps,
  caller: Caller,
  input: ListTokensInput,
): Promise<ResolverResult<{ tokens: TokenView[]; cursor: string | null }>> {
  if (caller.reach === 'own' && input.ownerAccountId !== undefined && input.ownerAccountId !== caller.accountId) {
    return fail('FORBIDDEN', 'You can only list your own tokens here.');
  }
  const text = input.text?.trim().toLowerCase();
  const filter: ListFilter = {
    ownerAccountId: caller.reach === 'own' ? caller.accountId : input.ownerAccountId,
    text: text === '' ? undefined : text,
    status: input.status,
    expiringWithinDays: input.expiringWithinDays,
  };
  let storageCursor: string | undefined;
  if (input.cursor !== undefined) {
    const decoded = decodeListCursor(input.cursor, filter);
    if (!decoded.ok) return invalidCursor(decoded.problem === 'other-list' ? OTHER_LIST : NOT_VALID);
    storageCursor = decoded.storageCursor;
  }
  const now = deps.clock.now();
  let page;
  try {
    page = await deps.repository.list({ ...filter, cursor: storageCursor, limit: input.limit ?? DEFAULT_PAGE_SIZE, now });
  } catch (error) {
    if (error instanceof CursorRefusedError) return invalidCursor(NOT_VALID);
    throw error;
  }
  // The owner partition already confines a personal list. A row of anyone else means storage
  // was steered out of it: by an altered cursor (refused, nothing shown), or by a repository bug.
  const foreign = caller.reach === 'own' && page.tokens.some((token) => token.ownerAccountId !== caller.accountId);
  if (foreign && storageCursor !== undefined) return invalidCursor(NOT_VALID);
  const tokens = foreign ? page.tokens.filter((token) => token.ownerAccountId === caller.accountId) : page.tokens;
  const names = await deps.directory.displayNames([...new Set(tokens.map((token) => token.ownerAccountId))]);
  return ok({ tokens: tokens.map((token) => toView(token, now, names)), cursor: page.cursor === null ? null : encodeListCursor(filter, page.cursor) });
}
