/**
 * The token repository on @forge/kvs custom entities. Writes that belong together (a token, its
 * lookup record and the audit events about them) go in one transaction, each token write
 * conditioned on the revision it replaces.
 */
import { Filter, FilterConditions, kvs, Sort, type AndFilter } from '@forge/kvs';
import { toRow } from '../../domain/audit/row';
import type { CommitOutcome, TokenCommit, TokenListQuery, TokenPage, TokenRepository } from '../../domain/tokens/ports';
import type { StoredToken } from '../../domain/tokens/stored';
import { siemStreaming } from '../settings/settings-store';
import { deliverSoon } from '../siem/delivery-nudge';
import { queryWithCursor } from '../kvs/cursor';
import { ENTITY, TOKEN_INDEX } from '../kvs/names';
import { planTokenQuery, type TokenFilter } from './list-query';
import { fromTokenEntity, toLookupEntity, toTokenEntity, type LookupEntity, type TokenEntity } from './token-entity';
import { KVS_BATCH_MAX, KVS_QUERY_MAX } from '../kvs/limits';
import { recordRateLimitEdit } from '../verification/rate-epoch';
import { readOneUsage, readUsage } from './usage';


function toFilter(items: readonly TokenFilter[]): AndFilter<TokenEntity> | null {
  if (items.length === 0) return null;
  const [first, ...rest] = items;
  let built = new Filter<TokenEntity>().and(first.property, first.clause);
  for (const item of rest) built = built.and(item.property, item.clause);
  return built;
}

async function list(query: TokenListQuery): Promise<TokenPage> {
  const plan = planTokenQuery(query);
  let builder = kvs
    .entity<TokenEntity>(ENTITY.token)
    .query()
    .index(plan.index, plan.partition ? { partition: plan.partition } : undefined)
    .sort(plan.sort === 'ASC' ? Sort.ASC : Sort.DESC)
    .limit(Math.min(query.limit, KVS_QUERY_MAX));
  if (plan.range) builder = builder.where(plan.range);
  const filters = toFilter(plan.filters);
  if (filters) builder = builder.filters(filters);
  if (query.cursor) builder = builder.cursor(query.cursor);
  const { results, nextCursor } = await queryWithCursor(query.cursor, () => builder.getMany());

  const stored = results.map((result) => fromTokenEntity(result.value));
  const usage = await readUsage(stored.map((item) => item.secretHash));
  return {
    tokens: stored.map(({ token, secretHash }) => ({ ...token, usage: usage.get(secretHash) ?? token.usage })),
    cursor: nextCursor ?? null,
  };
}

/** After a failed transaction: did another writer get there first (a lost race), or did storage fail? */
async function lostRace(change: TokenCommit): Promise<boolean> {
  const items = change.writes.flatMap((write) => [
    { entityName: ENTITY.token, key: write.next.token.id },
    ...(write.expected === 'new' ? [{ entityName: ENTITY.tokenLookup, key: write.next.secretHash }] : []),
  ]);
  const found = new Map<string, unknown>();
  for (let start = 0; start < items.length; start += KVS_BATCH_MAX) {
    const { successfulKeys } = await kvs.batchGet(items.slice(start, start + KVS_BATCH_MAX));
    for (const item of successfulKeys) found.set(`${item.entityName ?? ''}/${item.key}`, item.value);
  }
  return change.writes.some((write) => {
    const token = found.get(`${ENTITY.token}/${write.next.token.id}`) as TokenEntity | undefined;
    if (write.expected === 'new') return token !== undefined || found.has(`${ENTITY.tokenLookup}/${write.next.secretHash}`);
    return token === undefined || token.revision !== write.expected;
  });
}

async function commit(change: TokenCommit): Promise<CommitOutcome> {
  const transaction = kvs.transact();
  for (const write of change.writes) {
    const { token } = write.next;
    transaction.set<TokenEntity>(token.id, toTokenEntity(write.next), {
      entityName: ENTITY.token,
      conditions:
        write.expected === 'new'
          ? new Filter<TokenEntity>().and('revision', FilterConditions.notExists())
          : new Filter<TokenEntity>().and('revision', FilterConditions.equalTo(write.expected)),
    });
    transaction.set<LookupEntity>(write.next.secretHash, toLookupEntity(token), {
      entityName: ENTITY.tokenLookup,
      // A new secret must not land on an existing lookup (FAIL_IF_EXISTS for an entity write).
      conditions: write.expected === 'new' ? new Filter<LookupEntity>().and('tokenId', FilterConditions.notExists()) : undefined,
    });
  }
  for (const event of change.events) {
    transaction.set(event.id, toRow(event), { entityName: ENTITY.auditEvent });
  }
  try {
    await transaction.execute();
    if (change.events.length > 0) await deliverSoon(siemStreaming());
    return 'committed';
  } catch (error) {
    if (change.writes.length > 0 && (await lostRace(change))) return 'conflict';
    throw error;
  }
}

async function get(tokenId: string): Promise<StoredToken | null> {
  const entity = await kvs.entity<TokenEntity>(ENTITY.token).get(tokenId);
  return entity ? fromTokenEntity(entity) : null;
}

async function getMany(tokenIds: readonly string[]): Promise<StoredToken[]> {
  if (tokenIds.length === 0) return [];
  if (tokenIds.length > KVS_BATCH_MAX) throw new Error(`At most ${KVS_BATCH_MAX} tokens are read at once.`);
  const { successfulKeys } = await kvs.batchGet<TokenEntity>(tokenIds.map((key) => ({ entityName: ENTITY.token, key })));
  return successfulKeys.map((item) => fromTokenEntity(item.value));
}

async function listUnrevokedOwnedBy(
  ownerAccountId: string,
  cursor: string | undefined,
  limit: number,
): Promise<{ tokens: StoredToken[]; cursor: string | null }> {
  let builder = kvs
    .entity<TokenEntity>(ENTITY.token)
    .query()
    .index(TOKEN_INDEX.byOwner, { partition: [ownerAccountId] })
    .filters(new Filter<TokenEntity>().and('status', FilterConditions.equalTo('active')))
    .sort(Sort.ASC)
    .limit(Math.min(limit, KVS_QUERY_MAX));
  if (cursor) builder = builder.cursor(cursor);
  const { results, nextCursor } = await builder.getMany();
  return { tokens: results.map((result) => fromTokenEntity(result.value)), cursor: nextCursor ?? null };
}

export const kvsTokenRepository: TokenRepository = { get, getMany, list, listUnrevokedOwnedBy, commit, usage: readOneUsage, recordRateLimitEdit };
