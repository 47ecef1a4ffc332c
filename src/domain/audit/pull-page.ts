/**
 * One page of the pull API from a parsed request (pull-params.ts): the `offset` of a first page,
 * the `timestamp,ID` cursor form and the cursors this API hands out, all answered with at most two
 * searches of at most 200 events, whatever the number of stored events.
 */
import type { RetentionSettings } from '../settings/model';
import type { AuditEvent } from './model';
import type { AuditRowSource } from './ports';
import { pullCursor, type PullRequest } from './pull-params';
import type { QueryIssue } from './query';
import { searchAuditEvents } from './search-service';

export type PullPageOutcome =
  | { ok: true; events: AuditEvent[]; cursor: string | null; scanLimitReached: boolean; before: number }
  | { ok: false; issue: QueryIssue };

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

export async function pullPage(source: AuditRowSource, request: PullRequest, env: { retention: RetentionSettings; now: number }): Promise<PullPageOutcome> {
  const { position, limit, scanLimit, offset } = request;
  const givenTo = request.input.to ? Date.parse(request.input.to) : null;
  // A `timestamp,ID` walk reads the same filters with `to` at that time; its later cursors carry that bound.
  const bound = position.kind === 'after' ? position.t : position.kind === 'cursor' ? position.bound : null;
  const to = bound === null ? request.input.to : iso(givenTo !== null && Number.isFinite(givenTo) ? Math.min(givenTo, bound) : bound);
  const input = { ...request.input, to };
  const search = (count: number, cursor: string | null) =>
    searchAuditEvents(source, { input, limit: count, scanLimit, cursor, retention: env.retention, now: env.now });

  const first = await search(Math.min(offset + limit, 200), position.kind === 'cursor' ? position.cursor : null);
  if (!first.ok) return first.issue.field === 'cursor' ? { ok: false, issue: { field: 'pageCursor', message: `pageCursor: ${first.issue.message}` } } : first;
  let events = first.events.slice(offset);
  let cursor = first.cursor;
  let scanLimitReached = first.scanLimitReached;

  if (position.kind === 'after') {
    // Same-time events are ordered by id, descending: those at or above the given id were on earlier pages.
    const kept = events.filter((event) => !(Date.parse(event.timestamp) === position.t && event.id >= position.id));
    const missing = events.length - kept.length;
    events = kept;
    if (missing > 0 && cursor !== null) {
      const more = await search(missing, cursor);
      if (!more.ok) return { ok: false, issue: more.issue };
      events.push(...more.events);
      cursor = more.cursor;
      scanLimitReached = more.scanLimitReached;
    }
  }
  const before = position.kind === 'cursor' ? position.offset : offset;
  return { ok: true, events, cursor: cursor === null ? null : pullCursor(cursor, bound, before + events.length), scanLimitReached, before };
}
