/** Audit events after a delivery position, oldest first, through the by-time index (one storage call per 100). */
import type { AuditEvent } from '../../domain/audit/model';
import { STORAGE_PAGE_MAX } from '../../domain/audit/ports';
import { isEventRow } from '../../domain/audit/row';
import type { DeliveryState } from '../../domain/siem/destination';
import { kvsAuditRows } from '../audit/row-source';

/** Pages read per call by default: one delivery batch and a little more. */
const DEFAULT_PAGES = 10;

export async function eventsAfter(after: DeliveryState['position'], until: number, limit: number, maxPages = DEFAULT_PAGES): Promise<AuditEvent[]> {
  if (until < after.t) return [];
  const skip = new Set(after.ids);
  const events: AuditEvent[] = [];
  let cursor: string | null = null;
  for (let page = 0; page < maxPages && events.length < limit; page += 1) {
    const result = await kvsAuditRows.query({ index: 'time', lo: after.t, hi: until, filters: [], limit: STORAGE_PAGE_MAX, ascending: true, cursor });
    for (const { key, value } of result.rows) {
      if (!isEventRow(value)) continue;
      if (value.ts === after.t && (skip.has(key) || skip.has(value.event.id))) continue;
      events.push(value.event);
      if (events.length >= limit) break;
    }
    cursor = result.cursor;
    if (!cursor) break;
  }
  return events;
}
