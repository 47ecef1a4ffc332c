/**
 * The audit log search page: header, filter bar, results with "Load more", and the detail side panel.
 * Beside the table on a wide window; below 900 px it covers the table, so there it is a modal dialog
 * and the page behind it is inert. Escape closes it wherever focus is.
 */
import { useCallback, useEffect, useMemo, useRef, useState, type ReactElement } from 'react';
import { AUDIT_EXPORT_FORMATS } from '../../../src/domain/audit/export/formats';
import { authorDisplayName } from '../../../src/domain/audit/author-names';
import type { AuditEvent } from '../../../src/domain/audit/model';
import { formatAuditLink } from '../../../src/shared/audit-link';
import { createHistory } from './api/bridge';
import { callResolver, type CallResolver } from './api/resolvers';
import { DetailPanel } from './detail/DetailPanel';
import { useMediaQuery } from './detail/use-media-query';
import { ExportBar } from './export/ExportBar';
import { FilterBar } from './filters/FilterBar';
import { EMPTY_FILTERS, hasActiveFilters, toSearchPayload } from './filters/model';
import { useLinkedFilters, type OpenHistory } from './location/use-linked-filters';
import { ResultsSection } from './results/ResultsSection';
import { Notice } from './states/States';
import { TABLE_PAGE_SIZE, useAuditSearch } from './search/use-audit-search';
import { Timeline } from './timeline/Timeline';

const NO_CATEGORIES: readonly string[] = [];
/** Below this width the panel covers the table (styles.css has the same breakpoint). */
const NARROW = '(max-width: 900px)';

export interface AppProps {
  call?: CallResolver;
  /** The page's location inside the module and a way to change it (`view.createHistory()`). */
  openHistory?: OpenHistory;
}

export function App({ call = callResolver, openHistory = createHistory }: AppProps): ReactElement {
  const { filters, setFilters, ready, linked } = useLinkedFilters(openHistory);
  const [selected, setSelected] = useState<AuditEvent | null>(null);
  const returnFocusTo = useRef<string | null>(null);
  const main = useRef<HTMLElement>(null);
  const { view, loadMore, retry } = useAuditSearch(call, filters, ready);
  const narrow = useMediaQuery(NARROW);
  const modal = narrow && selected !== null;

  const open = useCallback((event: AuditEvent) => {
    returnFocusTo.current = event.id;
    setSelected(event);
  }, []);

  // Focus goes back to the row the panel was opened from, if it is still listed: when focus was in
  // the panel (or nowhere); a person who has moved on elsewhere keeps their place.
  const close = useCallback(() => {
    const active = document.activeElement;
    const focusWasInPanel = active === null || active === document.body || active.closest('[data-testid=detail-panel]') !== null;
    setSelected(null);
    const id = returnFocusTo.current;
    requestAnimationFrame(() => {
      if (id !== null && focusWasInPanel) document.querySelector<HTMLElement>(`tr[data-event-id="${CSS.escape(id)}"]`)?.focus();
    });
  }, []);

  // Escape closes the panel from anywhere on the page, unless something nearer used it (an open
  // picker closes, a timeline choice clears: those call preventDefault).
  useEffect(() => {
    if (selected === null) return;
    const onKeyDown = (event: KeyboardEvent): void => {
      if (event.key !== 'Escape' || event.defaultPrevented) return;
      event.preventDefault();
      close();
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [selected, close]);

  // Where the panel covers the page, the page behind it cannot be reached (aria-modal says so to screen readers).
  useEffect(() => {
    main.current?.toggleAttribute('inert', modal);
  }, [modal]);

  const authorSuggestions = useMemo(() => {
    const seen = new Map<string, string>();
    for (const event of view.events) if (event.author.id !== '') seen.set(event.author.id, authorDisplayName(event, view.authorNames));
    return [...seen].map(([id, name]) => ({ id, name }));
  }, [view.events, view.authorNames]);
  const exportQuery = useMemo(() => toSearchPayload(filters, { limit: TABLE_PAGE_SIZE }), [filters]);
  const count = useMemo(() => new Intl.NumberFormat(), []);

  return (
    <div className={`layout${selected !== null ? ' layout--with-panel' : ''}`}>
      <main className="page" ref={main}>
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

        {linked !== null && formatAuditLink(linked) === formatAuditLink(filters) && (
          <Notice testId="link-notice">Opened from a link: only the events its filters match are listed. Clear filters to see every event.</Notice>
        )}

        <FilterBar
          facets={view.facets}
          filters={filters}
          authorSuggestions={authorSuggestions}
          call={call}
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
            beyond={view.beyond}
            count={count}
            onSelectRange={(from, to) => setFilters((current) => ({ ...current, from, to }))}
          />
        )}

        <ResultsSection
          view={view}
          filtered={hasActiveFilters(filters)}
          typedAuthorId={filters.author.trim() !== '' && filters.authorName === '' ? filters.author.trim() : null}
          selectedId={selected?.id ?? null}
          count={count}
          onOpen={open}
          onLoadMore={loadMore}
          onRetry={retry}
          onClearFilters={() => setFilters(EMPTY_FILTERS)}
        />
      </main>

      {modal && <div className="panel-backdrop" aria-hidden="true" onClick={close} />}
      {selected !== null && (
        <DetailPanel
          event={selected}
          authorName={authorDisplayName(selected, view.authorNames)}
          modal={modal}
          onClose={close}
          onFilterObject={(object) => setFilters({ ...filters, objectType: object.type, objectId: object.id })}
          onFilterAuthor={(author) => setFilters({ ...filters, author: author.id, authorName: author.name !== author.id ? author.name : '' })}
        />
      )}
    </div>
  );
}
