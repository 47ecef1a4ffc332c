/**
 * The token reads of the hygiene run and its previews: live tokens (stored state `active`, not yet
 * ended) by the `by-status-expiry` index, soonest end first, and the count of those ending within a
 * window. Index range queries only; never a scan of revoked or ended tokens.
 */
import { kvs, Sort, WhereConditions } from '@forge/kvs';
import type { LiveTokenPage, LiveTokenSource } from '../../domain/hygiene/daily-run';
import { DAY_MS } from '../../domain/hygiene/rules';
import { KVS_QUERY_MAX } from '../kvs/limits';
import { ENTITY, TOKEN_INDEX } from '../kvs/names';
import { fromTokenEntity, type TokenEntity } from './token-entity';
import { readUsage } from './usage';

async function live(now: number, cursor: string | undefined): Promise<LiveTokenPage> {
  let builder = kvs
    .entity<TokenEntity>(ENTITY.token)
    .query()
    .index(TOKEN_INDEX.byStatusExpiry, { partition: ['active'] })
    .where(WhereConditions.greaterThan(now))
    .sort(Sort.ASC)
    .limit(KVS_QUERY_MAX);
  if (cursor) builder = builder.cursor(cursor);
  const { results, nextCursor } = await builder.getMany();
  return { tokens: results.map((result) => fromTokenEntity(result.value)), cursor: nextCursor ?? null };
}

export const kvsLiveTokens: LiveTokenSource = { live, usage: readUsage };

/** Pages a count reads at most; past it the count is shown as "at least". */
export const MAX_COUNT_PAGES = 10;

/**
 * Live tokens that stop verifying within `days` of `now` (one index query per 100), for the admin
 * page's count. The same range the token list's "Expiring" filter queries.
 */
export async function countEndingWithin(now: number, days: number): Promise<{ count: number; complete: boolean }> {
  if (days <= 0) return { count: 0, complete: true };
  let count = 0;
  let cursor: string | undefined;
  for (let pages = 0; pages < MAX_COUNT_PAGES; pages += 1) {
    let builder = kvs
      .entity<TokenEntity>(ENTITY.token)
      .query()
      .index(TOKEN_INDEX.byStatusExpiry, { partition: ['active'] })
      .where(WhereConditions.between(now + 1, now + days * DAY_MS))
      .limit(KVS_QUERY_MAX);
    if (cursor) builder = builder.cursor(cursor);
    const { results, nextCursor } = await builder.getMany();
    count += results.length;
    cursor = nextCursor ?? undefined;
    if (!cursor) return { count, complete: true };
  }
  return { count, complete: false };
}
