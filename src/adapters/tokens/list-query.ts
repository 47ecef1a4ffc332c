/**
 * Which index answers a token list query. Every filter is answered by one index query: the most
 * selective partition (owner, then stored status) and, for expiry questions, a range on expiry.
 * Other conditions are storage-side filters on the same query, so a page may hold fewer rows
 * than the limit while a cursor says there is more.
 */
import type { BetweenClause, ContainsClause, EqualToClause, GreaterThanClause, LessThanEqualToClause } from '@forge/kvs';
import type { TokenListQuery } from '../../domain/tokens/ports';
import { TOKEN_INDEX } from '../kvs/names';
import type { TokenEntity } from './token-entity';

const DAY_MS = 86_400_000;

/** The clauses token queries use (a subset of @forge/kvs's). */
export type TokenClause = BetweenClause<number> | ContainsClause | EqualToClause | GreaterThanClause | LessThanEqualToClause;
export type TokenFilter = { property: keyof TokenEntity; clause: TokenClause };

export interface TokenIndexPlan {
  index: (typeof TOKEN_INDEX)[keyof typeof TOKEN_INDEX];
  partition?: string[];
  range?: BetweenClause<number> | LessThanEqualToClause;
  sort: 'ASC' | 'DESC';
  filters: TokenFilter[];
}

function filter(property: keyof TokenEntity, clause: TokenClause): TokenFilter {
  return { property, clause };
}

const isActive = filter('status', { condition: 'EQUAL_TO', values: ['active'] });
const isRevoked = filter('status', { condition: 'EQUAL_TO', values: ['revoked'] });

export function planTokenQuery(query: TokenListQuery): TokenIndexPlan {
  const { now } = query;
  const textFilters = query.text ? [filter('descriptionLower', { condition: 'CONTAINS', values: [query.text] })] : [];
  // Expiry in the index is the effective end; a token is expired once that moment is reached.
  const notYetEnded = filter('expiresAt', { condition: 'GREATER_THAN', values: [now] });
  const ended = filter('expiresAt', { condition: 'LESS_THAN_EQUAL_TO', values: [now] });
  const expiringWindow: [number, number] | null =
    query.expiringWithinDays === undefined ? null : [now + 1, now + query.expiringWithinDays * DAY_MS];

  if (query.ownerAccountId !== undefined) {
    const statusFilters: TokenFilter[] = expiringWindow
      ? [isActive, filter('expiresAt', { condition: 'BETWEEN', values: expiringWindow })]
      : query.status === 'active'
        ? [isActive, notYetEnded]
        : query.status === 'expired'
          ? [isActive, ended]
          : query.status === 'revoked'
            ? [isRevoked]
            : [];
    return {
      index: TOKEN_INDEX.byOwner,
      partition: [query.ownerAccountId],
      sort: 'DESC',
      filters: [...statusFilters, ...textFilters],
    };
  }
  if (expiringWindow) {
    // Soonest first: the tokens that need attention.
    return {
      index: TOKEN_INDEX.byStatusExpiry,
      partition: ['active'],
      range: { condition: 'BETWEEN', values: expiringWindow },
      sort: 'ASC',
      filters: textFilters,
    };
  }
  switch (query.status) {
    case 'expired':
      return {
        index: TOKEN_INDEX.byStatusExpiry,
        partition: ['active'],
        range: { condition: 'LESS_THAN_EQUAL_TO', values: [now] },
        sort: 'DESC',
        filters: textFilters,
      };
    case 'active':
      return { index: TOKEN_INDEX.byStatus, partition: ['active'], sort: 'DESC', filters: [notYetEnded, ...textFilters] };
    case 'revoked':
      return { index: TOKEN_INDEX.byStatus, partition: ['revoked'], sort: 'DESC', filters: textFilters };
    case undefined:
      return { index: TOKEN_INDEX.byCreated, sort: 'DESC', filters: textFilters };
  }
}
