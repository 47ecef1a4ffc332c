/**
 * The number of audit events that could not be stored and are not yet reported. Plain KVS keys
 * take no transaction conditions, so the counter is a row of the audit-event entity under
 * KEY.discardedEvents with only `count`: it has no `ts`, so no index (all sparse) ever lists it.
 */
import { Filter, FilterConditions, kvs } from '@forge/kvs';
import type { DiscardCounter } from '../../domain/audit/recorder';
import type { AuditEventRow } from '../../domain/audit/row';
import { ENTITY, KEY } from '../storage-names';
import { isConflict } from './kvs-errors';

interface CounterRow {
  count: number;
}

const ATTEMPTS = 5;

async function readCount(): Promise<number | null> {
  const row = await kvs.entity<CounterRow>(ENTITY.auditEvent).get(KEY.discardedEvents);
  return row && typeof row.count === 'number' ? row.count : null;
}

/** The condition that the counter still holds what was read (a missing row has no `count`). */
function unchanged(read: number | null) {
  return new Filter<CounterRow>().and('count', read === null ? FilterConditions.notExists() : FilterConditions.equalTo(read));
}

export const kvsDiscardCounter: DiscardCounter = {
  async add(count) {
    for (let attempt = 0; attempt < ATTEMPTS; attempt += 1) {
      const read = await readCount();
      try {
        await kvs
          .transact()
          .set<CounterRow>(KEY.discardedEvents, { count: (read ?? 0) + count }, { entityName: ENTITY.auditEvent, conditions: unchanged(read) })
          .execute();
        return true;
      } catch (error) {
        if (!isConflict(error)) throw error;
      }
    }
    return false;
  },

  async read() {
    return (await readCount()) ?? 0;
  },

  async settle(expected, report) {
    try {
      await kvs
        .transact()
        .set<CounterRow>(KEY.discardedEvents, { count: 0 }, { entityName: ENTITY.auditEvent, conditions: unchanged(expected) })
        .set<AuditEventRow>(report.key, report.row, { entityName: ENTITY.auditEvent })
        .execute();
      return 'settled';
    } catch (error) {
      if (isConflict(error)) return 'conflict';
      throw error;
    }
  },
};
