/**
 * The page's filters and its location inside the module, kept together. The page opens with the
 * filters of its location (a link from the Alerts tab, or one an admin shared: `view.createHistory()`
 * gives it, src/shared/audit-link.ts reads it), and every later change of the filters replaces the
 * location, so the address in the browser always shows the view on screen. A location that is not a
 * link this app wrote opens the page unfiltered.
 */
import { useEffect, useRef, useState, type Dispatch, type SetStateAction } from 'react';
import { formatAuditLink, parseAuditLink, type LinkLocation } from '../../../../src/shared/audit-link';
import { EMPTY_FILTERS, hasActiveFilters, type Filters } from '../filters/model';

/** What the page needs of the history `view.createHistory()` answers (the `history` package's v4 shape). */
export interface PageHistory {
  location: LinkLocation;
  replace(path: string): void;
  listen(listener: (location: LinkLocation) => void): () => void;
}

export type OpenHistory = () => Promise<PageHistory>;

/**
 * How long the page waits for its location before it searches unfiltered: a host that never
 * answers `createHistory` must not leave the page empty.
 */
const LOCATION_WAIT_MS = 3000;

export interface LinkedFilters {
  filters: Filters;
  setFilters: Dispatch<SetStateAction<Filters>>;
  /** False until the location is known (or given up on): the first search waits for it. */
  ready: boolean;
  /** The filters the page opened with from its location; null when it opened unfiltered. */
  linked: Filters | null;
}

function pathOf(location: LinkLocation): string {
  const path = `${location.pathname ?? ''}${location.search ?? ''}`;
  return path === '' ? '/' : path;
}

export function filtersOfLocation(location: LinkLocation): Filters {
  return { ...EMPTY_FILTERS, ...parseAuditLink(location) };
}

export function useLinkedFilters(openHistory: OpenHistory): LinkedFilters {
  const [filters, setFilters] = useState<Filters>(EMPTY_FILTERS);
  const [ready, setReady] = useState(false);
  const [linked, setLinked] = useState<Filters | null>(null);
  const history = useRef<PageHistory | null>(null);
  /** The location the page last wrote: its echo through `listen` is not a move. */
  const written = useRef<string | null>(null);

  useEffect(() => {
    let settled = false;
    let unlisten = (): void => undefined;
    const settle = (): boolean => {
      if (settled) return false;
      settled = true;
      return true;
    };
    const timer = setTimeout(() => {
      if (settle()) setReady(true);
    }, LOCATION_WAIT_MS);
    openHistory().then(
      (opened) => {
        clearTimeout(timer);
        if (!settle()) return;
        history.current = opened;
        const seeded = filtersOfLocation(opened.location);
        setFilters(seeded);
        setLinked(hasActiveFilters(seeded) ? seeded : null);
        setReady(true);
        written.current = pathOf(opened.location);
        // Back and forward in the product move the location: the filters follow it. Our own
        // replace comes back here too; it is not a move (and may hold less than the filters, e.g. an
        // author that is not an account id, which a link does not carry).
        unlisten = opened.listen((location) => {
          if (pathOf(location) === written.current) return;
          written.current = pathOf(location);
          const next = filtersOfLocation(location);
          setFilters((current) => (formatAuditLink(current) === formatAuditLink(next) ? current : next));
        });
      },
      () => {
        clearTimeout(timer);
        if (settle()) setReady(true);
      },
    );
    return () => {
      settled = true;
      clearTimeout(timer);
      unlisten();
    };
  }, [openHistory]);

  useEffect(() => {
    const current = history.current;
    if (!ready || current === null) return;
    const path = formatAuditLink(filters);
    if (path === written.current) return;
    written.current = path;
    current.replace(path);
  }, [filters, ready]);

  return { filters, setFilters, ready, linked };
}
