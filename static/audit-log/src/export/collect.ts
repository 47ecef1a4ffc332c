/**
 * Collects every event of a filter for an export by paging through `audit/search` with its cursor,
 * reporting progress after each page and stopping between pages when cancelled.
 */
import type { AuditEvent } from '../../../../src/domain/audit/model';
import type { SealWithLeaves } from '../../../../src/domain/seals/seal';
import type { AuditSearchData, AuditSearchPayload, DataOf, PayloadOf } from '../../../../src/shared/resolvers';
import type { ResolverError, ResolverResult } from '../../../../src/shared/result';

/** The largest page `audit/search` serves (docs/audit-events.md), so an export takes the fewest calls. */
export const EXPORT_PAGE_SIZE = 200;

export interface ExportProgress {
  events: number;
  pages: number;
}

export type CollectOutcome =
  | { status: 'done'; events: AuditEvent[]; pages: number }
  | { status: 'cancelled'; progress: ExportProgress }
  | { status: 'failed'; error: ResolverError; progress: ExportProgress };

export interface CollectOptions {
  /** The current filter as a search payload; its limit and cursor are replaced. */
  query: AuditSearchPayload;
  search: (payload: AuditSearchPayload) => Promise<ResolverResult<AuditSearchData>>;
  signal: AbortSignal;
  onProgress: (progress: ExportProgress) => void;
  pageSize?: number;
}

export async function collectEvents(options: CollectOptions): Promise<CollectOutcome> {
  const events: AuditEvent[] = [];
  let pages = 0;
  let cursor: string | null = null;
  do {
    if (options.signal.aborted) return { status: 'cancelled', progress: { events: events.length, pages } };
    const payload: AuditSearchPayload = { ...options.query, limit: options.pageSize ?? EXPORT_PAGE_SIZE };
    delete payload.cursor;
    if (cursor !== null) payload.cursor = cursor;
    const result = await options.search(payload);
    if (options.signal.aborted) return { status: 'cancelled', progress: { events: events.length, pages } };
    if (!result.ok) return { status: 'failed', error: result.error, progress: { events: events.length, pages } };
    events.push(...result.data.entities);
    pages += 1;
    // A cursor that does not move would page forever; the back end never sends one, but an export must end.
    if (result.data.cursor !== null && result.data.cursor === cursor) {
      return { status: 'failed', error: { code: 'UNAVAILABLE', message: 'The search returned the same page twice.' }, progress: { events: events.length, pages } };
    }
    cursor = result.data.cursor;
    options.onProgress({ events: events.length, pages });
  } while (cursor !== null);
  return { status: 'done', events, pages };
}

export type SealsOutcome = { status: 'done'; seals: SealWithLeaves[] } | { status: 'cancelled' } | { status: 'failed'; error: ResolverError };

/**
 * The integrity seals whose periods hold any of `events` (`integrity/seals`, paged by its cursor),
 * for an export that carries them.
 */
export async function collectSeals(options: {
  events: readonly AuditEvent[];
  fetchSeals: (payload: PayloadOf<'integrity/seals'>) => Promise<ResolverResult<DataOf<'integrity/seals'>>>;
  signal: AbortSignal;
}): Promise<SealsOutcome> {
  if (options.events.length === 0) return { status: 'done', seals: [] };
  const times = options.events.map((event) => Date.parse(event.timestamp));
  const range = { from: new Date(Math.min(...times)).toISOString(), to: new Date(Math.max(...times)).toISOString() };
  const seals: SealWithLeaves[] = [];
  let cursor: string | null = null;
  do {
    if (options.signal.aborted) return { status: 'cancelled' };
    const result = await options.fetchSeals(cursor === null ? range : { ...range, cursor });
    if (options.signal.aborted) return { status: 'cancelled' };
    if (!result.ok) return { status: 'failed', error: result.error };
    seals.push(...result.data.seals);
    if (result.data.cursor !== null && result.data.cursor === cursor) {
      return { status: 'failed', error: { code: 'UNAVAILABLE', message: 'The seals were answered twice.' } };
    }
    cursor = result.data.cursor;
  } while (cursor !== null);
  return { status: 'done', seals };
}
