/**
 * The page's search state: one `audit/bootstrap` call on first render (facets and the first page under
 * the filters the page opened with; docs/performance.md: one invocation to render), then `audit/search` for each filter change and "Load more",
 * each asking how many more events match (`countBeyond`) for the timeline's caption.
 * An answer to a query the user has since replaced is dropped, never shown.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { AuditEvent } from '../../../../src/domain/audit/model';
import type { AuditFacets, AuditSearchData } from '../../../../src/shared/resolvers';
import type { ResolverError } from '../../../../src/shared/result';
import type { CallResolver } from '../api/resolvers';
import { filterProblem, toQueryPayload, toSearchPayload, type Filters } from '../filters/model';

export const TABLE_PAGE_SIZE = 50;

export interface SearchView {
  /** `loading` keeps the previous rows on screen (dimmed) until the new answer arrives. */
  phase: 'loading' | 'ready' | 'error';
  facets: AuditFacets | null;
  events: AuditEvent[];
  /** Cursor for the next page; null when the last page is loaded. */
  cursor: string | null;
  scanLimitReached: boolean;
  /** How many events after the loaded ones match, when the index could tell cheaply (`audit/search` beyond); else null. */
  beyond: { count: number; atLeast: boolean } | null;
  /** Display names of authors whose events store only their account id, from every page loaded. */
  authorNames: Record<string, string>;
  pages: number;
  error: ResolverError | null;
  more: { status: 'idle' | 'loading' | 'error'; error: ResolverError | null };
  /** Answers applied so far (first pages and "Load more"); lets tests and screen logic tell answers apart. */
  answers: number;
}

const INITIAL: SearchView = {
  phase: 'loading',
  facets: null,
  events: [],
  cursor: null,
  scanLimitReached: false,
  beyond: null,
  authorNames: {},
  pages: 0,
  error: null,
  more: { status: 'idle', error: null },
  answers: 0,
};

function firstPage(view: SearchView, data: AuditSearchData, facets: AuditFacets | null): SearchView {
  return {
    ...view,
    phase: 'ready',
    facets,
    events: data.entities,
    cursor: data.cursor,
    scanLimitReached: data.scanLimitReached === true,
    beyond: data.beyond ?? null,
    authorNames: { ...view.authorNames, ...data.authorNames },
    pages: 1,
    error: null,
    more: { status: 'idle', error: null },
    answers: view.answers + 1,
  };
}

export interface AuditSearch {
  view: SearchView;
  loadMore: () => void;
  retry: () => void;
}

/** `enabled` false holds the first search back (the page is still learning its location). */
export function useAuditSearch(call: CallResolver, filters: Filters, enabled = true): AuditSearch {
  const [view, setView] = useState<SearchView>(INITIAL);
  // Every new query bumps the generation; answers from an older generation are ignored.
  const generation = useRef(0);
  const bootstrapped = useRef(false);
  const facets = useRef<AuditFacets | null>(null);

  const run = useCallback(
    async (current: Filters): Promise<void> => {
      const mine = ++generation.current;
      setView((previous) => ({ ...previous, phase: 'loading', error: null, more: { status: 'idle', error: null } }));
      const problem = filterProblem(current);
      if (problem !== null) {
        setView((previous) => ({ ...previous, phase: 'error', error: { code: 'INVALID_INPUT', message: problem } }));
        return;
      }
      if (!bootstrapped.current) {
        // A page opened from a link starts with its filters: still one invocation to render.
        const query = toQueryPayload(current);
        const result = await call('audit/bootstrap', query === null ? {} : { query });
        if (mine !== generation.current) return;
        if (!result.ok) {
          setView((previous) => ({ ...previous, phase: 'error', error: result.error, answers: previous.answers + 1 }));
          return;
        }
        bootstrapped.current = true;
        facets.current = result.data.facets;
        setView((previous) => firstPage(previous, result.data.firstPage, result.data.facets));
        return;
      }
      const result = await call('audit/search', { ...toSearchPayload(current, { limit: TABLE_PAGE_SIZE }), countBeyond: true });
      if (mine !== generation.current) return;
      if (!result.ok) {
        setView((previous) => ({ ...previous, phase: 'error', error: result.error, answers: previous.answers + 1 }));
        return;
      }
      setView((previous) => firstPage(previous, result.data, facets.current));
    },
    [call],
  );

  const latestFilters = useRef(filters);
  latestFilters.current = filters;

  // The first run is the bootstrap, with the filters the page opened with (the filter bar stays
  // disabled until it has answered); every later change of the payload is a search. Keyed on the
  // payload, so a change that sends the same query (e.g. an object type without an id) sends nothing.
  const queryKey = JSON.stringify(toSearchPayload(filters, { limit: TABLE_PAGE_SIZE }));
  useEffect(() => {
    if (enabled) void run(latestFilters.current);
  }, [run, queryKey, enabled]);

  const viewRef = useRef(view);
  viewRef.current = view;

  const loadMore = useCallback(() => {
    const { cursor, more, phase } = viewRef.current;
    if (cursor === null || more.status === 'loading' || phase !== 'ready') return;
    const mine = generation.current;
    setView((previous) => ({ ...previous, more: { status: 'loading', error: null } }));
    void call('audit/search', { ...toSearchPayload(latestFilters.current, { limit: TABLE_PAGE_SIZE, cursor }), countBeyond: true }).then((result) => {
      if (mine !== generation.current) return;
      if (!result.ok) {
        setView((previous) => ({ ...previous, more: { status: 'error', error: result.error }, answers: previous.answers + 1 }));
        return;
      }
      setView((previous) => ({
        ...previous,
        events: [...previous.events, ...result.data.entities],
        cursor: result.data.cursor,
        scanLimitReached: result.data.scanLimitReached === true,
        beyond: result.data.beyond ?? null,
        authorNames: { ...previous.authorNames, ...result.data.authorNames },
        pages: previous.pages + 1,
        more: { status: 'idle', error: null },
        answers: previous.answers + 1,
      }));
    });
  }, [call]);

  const retry = useCallback(() => {
    void run(latestFilters.current);
  }, [run]);

  return { view, loadMore, retry };
}
