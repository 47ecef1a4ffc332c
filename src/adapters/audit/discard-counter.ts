/**
 * Audit events that could not be stored and are not yet reported.
 *
 * Each discard is its own plain KVS key (`audit-discarded:<uuid>` → count): adding is one write
 * with no read and no condition, so any number of concurrent writers succeed and nothing goes
 * uncounted because of contention. A report claims up to 20 of those keys: one transaction deletes
 * them, writes the "Events discarded" event and bumps a report sequence row (the audit-event
 * entity's row KEY.discardedEvents, whose `count` is the number of reports so far) under the
 * condition that it still holds what was read, so two reporters never report the same discards.
 * The row has no `ts`, so no index (all sparse) ever lists it.
 */
import { randomUUID } from 'node:crypto';
import { Filter, FilterConditions, WhereConditions, kvs } from '@forge/kvs';
import type { DiscardCounter, DiscardTally } from '../../domain/audit/recorder';
import type { AuditEventRow } from '../../domain/audit/row';
import { ENTITY, KEY } from '../kvs/names';
import { isConflict } from '../kvs/errors';

const ENTRY_PREFIX = `${KEY.discardedEvents}:`;
/**
 * A key query returns at most 20 keys a page (a transaction could hold 23 besides the report and
 * the sequence row), so one report claims up to 20 discards.
 */
export const ENTRIES_PER_REPORT = 20;

interface SequenceRow {
  /** Reports written so far. */
  count: number;
}

interface Claim {
  keys: string[];
  /** The sequence as read; null when no report was ever written. */
  sequence: number | null;
}

function isClaim(value: unknown): value is Claim {
  const claim = value as Partial<Claim> | null;
  return !!claim && Array.isArray(claim.keys) && (claim.sequence === null || typeof claim.sequence === 'number');
}

/** The condition that the sequence row still holds what was read (a missing row has no `count`). */
function unchanged(read: number | null) {
  return new Filter<SequenceRow>().and('count', read === null ? FilterConditions.notExists() : FilterConditions.equalTo(read));
}

async function readSequence(): Promise<number | null> {
  const row = await kvs.entity<SequenceRow>(ENTITY.auditEvent).get(KEY.discardedEvents);
  return row && typeof row.count === 'number' ? row.count : null;
}

/** The plain key and value that store `count` discards: one fresh key, so writers never conflict. */
export function discardEntry(count: number): { key: string; value: number } {
  return { key: `${ENTRY_PREFIX}${randomUUID()}`, value: count };
}

export const kvsDiscardCounter: DiscardCounter = {
  async add(count) {
    if (!Number.isSafeInteger(count) || count <= 0) return;
    const entry = discardEntry(count);
    await kvs.set<number>(entry.key, entry.value);
  },

  async read(): Promise<DiscardTally> {
    const [page, sequence] = await Promise.all([
      kvs.query().where('key', WhereConditions.beginsWith(ENTRY_PREFIX)).limit(ENTRIES_PER_REPORT).getMany<unknown>(),
      readSequence(),
    ]);
    const keys: string[] = [];
    let count = 0;
    for (const { key, value } of page.results) {
      keys.push(key);
      // A value that is not a positive whole number is cleared with the others but counts nothing.
      if (typeof value === 'number' && Number.isSafeInteger(value) && value > 0) count += value;
    }
    return { count, claim: { keys, sequence } satisfies Claim };
  },

  async settle(tally, report) {
    if (!isClaim(tally.claim)) throw new Error('settle needs the tally read() returned');
    const { keys, sequence } = tally.claim;
    const transaction = kvs.transact();
    for (const key of keys) transaction.delete(key);
    transaction
      .set<SequenceRow>(KEY.discardedEvents, { count: (sequence ?? 0) + 1 }, { entityName: ENTITY.auditEvent, conditions: unchanged(sequence) })
      .set<AuditEventRow>(report.key, report.row, { entityName: ENTITY.auditEvent });
    try {
      await transaction.execute();
      return 'settled';
    } catch (error) {
      if (isConflict(error)) return 'conflict';
      throw error;
    }
  },
};
