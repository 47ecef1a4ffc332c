/**
 * The results area: the loading, empty and error states, the scan-limit notice, the table and
 * "Load more". What it shows follows the search state alone.
 */
import type { ReactElement } from 'react';
import type { AuditEvent } from '../../../../src/domain/audit/model';
import type { SearchView } from '../search/use-audit-search';
import { EmptyState, ErrorState, LoadingRows, Notice } from '../states/States';
import { EventTable } from '../table/EventTable';

export interface ResultsSectionProps {
  view: SearchView;
  filtered: boolean;
  /** An author filter typed as an account id rather than picked as a person, or null. */
  typedAuthorId: string | null;
  selectedId: string | null;
  count: Intl.NumberFormat;
  onOpen: (event: AuditEvent) => void;
  onLoadMore: () => void;
  onRetry: () => void;
  onClearFilters: () => void;
}

function summary(view: SearchView, count: Intl.NumberFormat): string {
  if (view.events.length === 0) return 'No events';
  const noun = view.events.length === 1 ? 'event' : 'events';
  return `${count.format(view.events.length)} ${noun} loaded${view.cursor !== null ? ', more available' : ''}`;
}

export function ResultsSection(props: ResultsSectionProps): ReactElement {
  const { view, filtered, selectedId, count } = props;
  const firstLoad = view.phase === 'loading' && view.pages === 0;
  const knownCategories = view.facets?.categories ?? [];

  return (
    <section className="results" aria-label="Results" aria-busy={view.phase === 'loading'} data-testid="results" data-state={view.phase} data-answers={view.answers}>
      {view.phase === 'loading' && <div className="progress-line" aria-hidden="true" />}
      {view.phase === 'error' && view.error !== null && <ErrorState error={view.error} onRetry={props.onRetry} />}
      {firstLoad && <LoadingRows />}

      {view.phase !== 'error' && !firstLoad && (
        <>
          {view.scanLimitReached && (
            <Notice testId="scan-limit-notice">
              <strong>Text search stopped at the scan limit.</strong> It looked through the newest events only, so older matches may be
              missing. {view.cursor !== null ? 'Use "Keep searching" to scan further back, look through more events per search, or narrow' : 'Narrow'} the date range.
            </Notice>
          )}
          <div className="results__summary" data-testid="results-summary">
            {summary(view, count)}
          </div>

          {view.events.length === 0 && view.phase === 'ready' ? (
            filtered ? (
              <EmptyState
                title={view.scanLimitReached ? 'No matches among the events scanned so far' : 'No events match these filters'}
                action={
                  <button type="button" className="button" onClick={props.onClearFilters}>
                    Clear filters
                  </button>
                }
              >
                {props.typedAuthorId !== null && (
                  <p data-testid="author-id-hint">
                    The author filter searches for the account ID “{props.typedAuthorId}”. To find a person by name, type the name under
                    Author and pick them from the list.
                  </p>
                )}
                <p>Widen the date range, remove a category or action, or check the author and object IDs.</p>
              </EmptyState>
            ) : (
              <EmptyState title="No audit events yet">
                <p>
                  Token and settings changes are always recorded. Authentication and app-call events are off by default: turn them on
                  under <strong>API tokens &amp; audit → Audit settings</strong>.
                </p>
              </EmptyState>
            )
          ) : (
            <EventTable
              events={view.events}
              authorNames={view.authorNames}
              selectedId={selectedId}
              knownCategories={knownCategories}
              stale={view.phase === 'loading'}
              onOpen={props.onOpen}
            />
          )}

          {(view.events.length > 0 || view.cursor !== null) && (
            <div className="results__footer">
              {view.cursor !== null ? (
                <button
                  type="button"
                  className="button"
                  onClick={props.onLoadMore}
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
  );
}
