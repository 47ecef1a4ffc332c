/**
 * Planned authentication events → rows of the audit-event entity, in the audit log's own shapes
 * (buildEvent, toRow), so that search, export and purge treat them like any event.
 */
import { randomUUID } from 'node:crypto';
import { buildEvent } from '../../domain/audit/build-event';
import { toRow } from '../../domain/audit/row';
import type { PlannedEvent } from '../../domain/verification/plan-writes';
import type { EventRowWrite } from './verification-store';

export function eventRows(events: readonly PlannedEvent[], system: string): EventRowWrite[] {
  return events.map((planned) => {
    const id = planned.id ?? randomUUID();
    return { id, row: toRow(buildEvent(planned.draft, { id, now: planned.at, system })) };
  });
}
