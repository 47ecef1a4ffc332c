/**
 * An audit search from raw input to a page of events: the one entry point the `audit/search`
 * resolver, the bootstrap resolver, the pull API and exports share.
 */
import { CursorRefusedError } from '../cursor-refused';
import type { RetentionSettings } from '../settings/model';
import { decodeCursor } from './cursor';
import type { AuditEvent } from './model';
import type { AuditRowSource } from './ports';
import { normalizeQuery, type AuditQueryInput, type QueryIssue } from './query';
import { retentionCutoffs } from './retention';
import { PAGE_SIZE, planFor, SCAN_LIMIT, searchPage, type MatchesBeyond } from './search';

export interface AuditSearchArgs {
  input: AuditQueryInput;
  limit?: number;
  scanLimit?: number;
  cursor?: string | null;
  /** Count the matches after the page where the index can tell cheaply (search.ts, `beyond`). */
  countBeyond?: boolean;
  retention: RetentionSettings;
  now: number;
}

export type AuditSearchOutcome =
  | { ok: true; events: AuditEvent[]; cursor: string | null; scanLimitReached: boolean; storageCalls: number; beyond?: MatchesBeyond }
  | { ok: false; issue: QueryIssue };

const OTHER_QUERY = 'This cursor belongs to a search with other filters; start again without a cursor.';
const NOT_VALID = 'The cursor is not valid.';

function inRange(value: number, min: number, max: number): boolean {
  return Number.isInteger(value) && value >= min && value <= max;
}

export async function searchAuditEvents(source: AuditRowSource, args: AuditSearchArgs): Promise<AuditSearchOutcome> {
  const limit = args.limit ?? PAGE_SIZE.default;
  if (!inRange(limit, 1, PAGE_SIZE.max)) return { ok: false, issue: { field: 'limit', message: `limit must be an integer from 1 to ${PAGE_SIZE.max}.` } };
  const scanLimit = args.scanLimit ?? SCAN_LIMIT.default;
  if (!inRange(scanLimit, SCAN_LIMIT.min, SCAN_LIMIT.max)) {
    return { ok: false, issue: { field: 'scanLimit', message: `scanLimit must be an integer from ${SCAN_LIMIT.min} to ${SCAN_LIMIT.max}.` } };
  }
  const normalized = normalizeQuery(args.input);
  if (!normalized.ok) return normalized;
  const { query } = normalized;
  const cutoffs = retentionCutoffs(args.retention, args.now);

  let cursor = null;
  if (args.cursor) {
    const { plan, fingerprint } = planFor(query, cutoffs);
    const decoded = decodeCursor(args.cursor, { fingerprint, streams: plan.streams, from: query.from, to: query.to });
    if (!decoded.ok) return { ok: false, issue: { field: 'cursor', message: decoded.problem === 'other-query' ? OTHER_QUERY : NOT_VALID } };
    cursor = decoded.cursor;
  }
  try {
    const page = await searchPage(source, { query, cutoffs, limit, scanLimit, cursor, countBeyond: args.countBeyond });
    return {
      ok: true,
      events: page.rows.map((row) => row.event),
      cursor: page.cursor,
      scanLimitReached: page.scanLimitReached,
      storageCalls: page.storageCalls,
      ...(page.beyond ? { beyond: page.beyond } : {}),
    };
  } catch (error) {
    // Storage would not continue from the storage position inside the cursor: the caller's input, not an outage.
    if (error instanceof CursorRefusedError) return { ok: false, issue: { field: 'cursor', message: NOT_VALID } };
    throw error;
  }
}
