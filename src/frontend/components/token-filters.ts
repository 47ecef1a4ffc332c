/** The token list filters and the `tokens/list` payload they become. */
import type { TokenStatus } from '../../domain/tokens/model';
import type { ListTokensPayload, UserSummary } from '../../shared/resolvers';

export interface TokenFilters {
  owner: UserSummary | null;
  text: string;
  status: TokenStatus | null;
  expiringWithinDays: number | null;
}

export const NO_FILTERS: TokenFilters = { owner: null, text: '', status: null, expiringWithinDays: null };

export function isFiltered(filters: TokenFilters): boolean {
  return filters.owner !== null || filters.text.trim() !== '' || filters.status !== null || filters.expiringWithinDays !== null;
}

/** Only set filters are sent: the resolvers' strict schemas treat an absent field as "any". */
export function listPayload(filters: TokenFilters, cursor?: string): ListTokensPayload {
  const payload: ListTokensPayload = {};
  if (filters.owner) payload.ownerAccountId = filters.owner.accountId;
  const text = filters.text.trim();
  if (text !== '') payload.text = text;
  if (filters.status) payload.status = filters.status;
  if (filters.expiringWithinDays !== null) payload.expiringWithinDays = filters.expiringWithinDays;
  if (cursor) payload.cursor = cursor;
  return payload;
}
