/**
 * The token list behind both pages: the first page comes from the page's bootstrap (no extra call),
 * filter changes re-list (text debounced), "Load more" follows the cursor, and answers that arrive
 * after a newer request are dropped.
 */
import { useEffect, useRef, useState } from 'react';
import type { TokenView } from '../../shared/resolvers';
import type { ResolverError } from '../../shared/result';
import { invoke } from '../invoke';
import { listPayload, NO_FILTERS, type TokenFilters } from './token-filters';

const TEXT_DELAY_MS = 300;

export interface TokenList {
  tokens: TokenView[];
  cursor: string | null;
  filters: TokenFilters;
  /** The filters the shown rows were listed with (the text filter may still be waiting for its debounce). */
  applied: TokenFilters;
  listing: boolean;
  loadingMore: boolean;
  error: ResolverError | null;
  setFilters: (next: TokenFilters) => void;
  reload: () => void;
  loadMore: () => void;
  /** Local updates after an action, so the row changes without another call. */
  upsert: (token: TokenView) => void;
}

export function useTokenList(initial: { tokens: TokenView[]; cursor: string | null }): TokenList {
  const [tokens, setTokens] = useState(initial.tokens);
  const [cursor, setCursor] = useState(initial.cursor);
  const [filters, setFiltersState] = useState<TokenFilters>(NO_FILTERS);
  const [applied, setApplied] = useState<TokenFilters>(NO_FILTERS);
  const [listing, setListing] = useState(false);
  const [loadingMore, setLoadingMore] = useState(false);
  const [error, setError] = useState<ResolverError | null>(null);
  const sequence = useRef(0);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  useEffect(() => () => {
    if (timer.current) clearTimeout(timer.current);
  }, []);

  const list = async (next: TokenFilters): Promise<void> => {
    const mine = ++sequence.current;
    setListing(true);
    setError(null);
    const result = await invoke('tokens/list', listPayload(next));
    if (mine !== sequence.current) return;
    setListing(false);
    setApplied(next);
    if (result.ok) {
      setTokens(result.data.tokens);
      setCursor(result.data.cursor);
    } else {
      setError(result.error);
    }
  };

  const setFilters = (next: TokenFilters): void => {
    setFiltersState(next);
    if (timer.current) clearTimeout(timer.current);
    const textOnly = next.text !== filters.text;
    timer.current = setTimeout(() => void list(next), textOnly ? TEXT_DELAY_MS : 0);
  };

  const loadMore = async (): Promise<void> => {
    if (!cursor) return;
    const mine = sequence.current;
    setLoadingMore(true);
    const result = await invoke('tokens/list', listPayload(applied, cursor));
    setLoadingMore(false);
    // A filter change since then replaced the list; this page belongs to the old one.
    if (mine !== sequence.current) return;
    if (result.ok) {
      setTokens((shown) => {
        const known = new Set(shown.map((token) => token.id));
        return [...shown, ...result.data.tokens.filter((token) => !known.has(token.id))];
      });
      setCursor(result.data.cursor);
    } else {
      setError(result.error);
    }
  };

  const upsert = (token: TokenView): void => {
    setTokens((shown) => (shown.some((row) => row.id === token.id) ? shown.map((row) => (row.id === token.id ? token : row)) : [token, ...shown]));
  };

  return {
    tokens,
    cursor,
    filters,
    applied,
    listing,
    loadingMore,
    error,
    setFilters,
    reload: () => void list(filters),
    loadMore: () => void loadMore(),
    upsert,
  };
}
