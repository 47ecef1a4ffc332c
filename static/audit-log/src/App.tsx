/**
 * The audit log search page: header, filter bar, results with "Load more", and the detail side panel.
 */
import { useCallback, useMemo, useRef, useState, type ReactElement } from 'react';
import { AUDIT_EXPORT_FORMATS } from '../../../src/domain/audit/export/formats';
import type { AuditEvent } from '../../../src/domain/audit/model';
import { callResolver, type CallResolver } from './api/resolvers';
import { DetailPanel } from './detail/DetailPanel';
import { ExportBar } from './export/ExportBar';
import { FilterBar } from './filters/FilterBar';
import { EMPTY_FILTERS, hasActiveFilters, toSearchPayload, type Filters } from './filters/model';
import { ResultsSection } from './results/ResultsSection';
import { TABLE_PAGE_SIZE, useAuditSearch } from './search/use-audit-search';
import { Timeline } from './timeline/Timeline';

const NO_CATEGORIES: readonly string[] = [];

export interface AppProps {
  call?: CallResolver;
}

export function App({ call = callResolver }: AppProps): ReactElement {
  const [filters, setFilters] = useState<Filters>(EMPTY_FILTERS);
  const [selected, setSelected] = useState<AuditEvent | null>(null);
  const returnFocusTo = useRef<string | null>(null);
  const { view, loadMore, retry } = useAuditSearch(call, filters);

  const open = useCallback((event: AuditEvent) => {
    returnFocusTo.current = event.id;
    setSelected(event);
  }, []);

  // Focus goes back to the row the panel was opened from, if it is still listed.
  const close = useCallback(() => {
    setSelected(null);
    const id = returnFocusTo.current;
    requestAnimationFrame(() => {
      if (id !== null) document.querySelector<HTMLElement>(`tr[data-event-id="${CSS.escape(id)}"]`)?.focus();
    });
  }, []);

  const authorSuggestions = useMemo(() => {
    const seen = new Map<string, string>();
    for (const event of view.events) if (event.author.id !== '') seen.set(event.author.id, event.author.name);
    return [...seen].map(([id, name]) => ({ id, name }));
  }, [view.events]);
  const exportQuery = useMemo(() => toSearchPayload(filters, { limit: TABLE_PAGE_SIZE }), [filters]);
  const count = useMemo(() => new Intl.NumberFormat(), []);

  return (
    <div className={`layout${selected !== null ? ' layout--with-panel' : ''}`}>
      <main className="page">
        <header className="page__header">
          <div>
            <h1 className="page__title">Audit log</h1>
            <p className="page__subtitle">
              API token activity, settings changes and app calls, newest first.
            </p>
          </div>
          <ExportBar
            formats={AUDIT_EXPORT_FORMATS}
            query={exportQuery}
            call={call}
            disabled={view.phase !== 'ready' || (view.events.length === 0 && view.cursor === null)}
            count={count}
          />
        </header>

        <FilterBar
          facets={view.facets}
          filters={filters}
          authorSuggestions={authorSuggestions}
          disabled={view.facets === null}
          onChange={setFilters}
        />

        {view.phase !== 'error' && (
          <Timeline
            events={view.events}
            from={filters.from}
            to={filters.to}
            knownCategories={view.facets?.categories ?? NO_CATEGORIES}
            moreAvailable={view.cursor !== null}
            count={count}
            onSelectRange={(from, to) => setFilters((current) => ({ ...current, from, to }))}
          />
        )}

        <ResultsSection
          view={view}
          filtered={hasActiveFilters(filters)}
          selectedId={selected?.id ?? null}
          count={count}
          onOpen={open}
          onLoadMore={loadMore}
          onRetry={retry}
          onClearFilters={() => setFilters(EMPTY_FILTERS)}
        />
      </main>

      {selected !== null && (
        <DetailPanel
          event={selected}
          onClose={close}
          onFilterObject={(object) => setFilters({ ...filters, objectType: object.type, objectId: object.id })}
          onFilterAuthor={(author) => setFilters({ ...filters, author })}
        />
      )}
    </div>
  );
}
