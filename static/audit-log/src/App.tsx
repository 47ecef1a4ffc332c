/**
 * The audit log search page: filter bar, results table with "Load more", and the states around them.
 */
import { useEffect, useMemo, useState, type ReactElement } from 'react';
import { callResolver, type CallResolver } from './api/resolvers';
import { loadPageContext, type PageContext } from './api/page-context';
import { FilterBar } from './filters/FilterBar';
import { EMPTY_FILTERS, hasActiveFilters, type Filters } from './filters/model';
import { useAuditSearch } from './search/use-audit-search';
import { EmptyState, ErrorState, LoadingRows, Notice } from './states/States';
import { EventTable } from './table/EventTable';

export interface AppProps {
  call?: CallResolver;
}

export function App({ call = callResolver }: AppProps): ReactElement {
  const [filters, setFilters] = useState<Filters>(EMPTY_FILTERS);
  const [context, setContext] = useState<PageContext>({ siteUrl: null, locale: null });
  const { view, loadMore, retry } = useAuditSearch(call, filters);

  useEffect(() => {
    void loadPageContext().then(setContext);
  }, []);

  const knownCategories = view.facets?.categories ?? [];
  const authorSuggestions = useMemo(() => {
    const seen = new Map<string, string>();
    for (const event of view.events) if (event.author.id !== '') seen.set(event.author.id, event.author.name);
    return [...seen].map(([id, name]) => ({ id, name }));
  }, [view.events]);
  const count = new Intl.NumberFormat(context.locale ?? undefined);
  const filtered = hasActiveFilters(filters);
  const firstLoad = view.phase === 'loading' && view.pages === 0;

  return (
    <div className="page">
      <header className="page__header">
        <div>
          <h1 className="page__title">Audit log</h1>
          <p className="page__subtitle">
            API token activity, settings changes and app calls{context.siteUrl !== null ? ` on ${context.siteUrl}` : ''}, newest first.
          </p>
        </div>
      </header>

      <FilterBar
        facets={view.facets}
        filters={filters}
        authorSuggestions={authorSuggestions}
        disabled={view.facets === null}
        onChange={setFilters}
      />

      <section
        className="results"
        aria-label="Results"
        aria-busy={view.phase === 'loading'}
        data-testid="results"
        data-state={view.phase}
      >
        {view.phase === 'loading' && <div className="progress-line" aria-hidden="true" />}
        {view.phase === 'error' && view.error !== null && <ErrorState error={view.error} onRetry={retry} />}
        {firstLoad && <LoadingRows />}

        {view.phase !== 'error' && !firstLoad && (
          <>
            {view.scanLimitReached && (
              <Notice testId="scan-limit-notice">
                <strong>Text search stopped at the scan limit.</strong> It looked through the newest events only, so older matches may
                be missing. {view.cursor !== null ? 'Use "Keep searching" to scan further back, or' : 'Try'} narrowing the date range.
              </Notice>
            )}
            <div className="results__summary" data-testid="results-summary">
              {view.events.length === 0
                ? 'No events'
                : `${count.format(view.events.length)} ${view.events.length === 1 ? 'event' : 'events'} loaded${view.cursor !== null ? ', more available' : ''}`}
            </div>

            {view.events.length === 0 && view.phase === 'ready' ? (
              filtered ? (
                <EmptyState
                  title={view.scanLimitReached ? 'No matches among the events scanned so far' : 'No events match these filters'}
                  action={
                    <button type="button" className="button" onClick={() => setFilters(EMPTY_FILTERS)}>
                      Clear filters
                    </button>
                  }
                >
                  <p>Widen the date range, remove a category or action, or check the author and token IDs.</p>
                  {view.scanLimitReached && <p>The text search stopped at its scan limit; older events were not searched.</p>}
                </EmptyState>
              ) : (
                <EmptyState title="No audit events yet">
                  <p>
                    Token changes and settings changes are always recorded. Authentication and app-call events are off by default: turn
                    them on under <strong>API tokens &amp; audit → Audit settings</strong>.
                  </p>
                </EmptyState>
              )
            ) : (
              <EventTable
                events={view.events}
                selectedId={null}
                knownCategories={knownCategories}
                stale={view.phase === 'loading'}
                onOpen={() => undefined}
              />
            )}

            {(view.events.length > 0 || view.cursor !== null) && (
              <div className="results__footer">
                {view.cursor !== null ? (
                  <button
                    type="button"
                    className="button"
                    onClick={loadMore}
                    disabled={view.more.status === 'loading' || view.phase !== 'ready'}
                    data-testid="load-more"
                  >
                    {view.more.status === 'loading' ? 'Loading…' : view.scanLimitReached ? 'Keep searching' : 'Load more'}
                  </button>
                ) : (
                  <span className="results__end" data-testid="results-end">
                    End of results
                  </span>
                )}
                {view.more.status === 'error' && view.more.error !== null && (
                  <span className="inline-error" role="alert" data-testid="load-more-error">
                    {view.more.error.message}
                  </span>
                )}
              </div>
            )}
          </>
        )}
      </section>
    </div>
  );
}
