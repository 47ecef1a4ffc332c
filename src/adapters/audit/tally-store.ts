/**
 * Success tallies in Forge storage (domain/audit/success-tally.ts, fold-tallies.ts): plain keys
 * `agg-tally:<group>:<id>`, written by the verification transaction (verification-store.ts),
 * read in key order 100 at a time and deleted 25 per batch by the fold.
 */
import { kvs, WhereConditions } from '@forge/kvs';
import type { TallyEntry, TallyStore } from '../../domain/audit/fold-tallies';
import { STORAGE_PAGE_MAX } from '../../domain/audit/ports';
import { asSuccessTally, type PlannedTally, type SuccessTally } from '../../domain/audit/success-tally';
import { queryWithCursor } from '../kvs/cursor';
import { KVS_BATCH_MAX } from '../kvs/limits';
import { KEY } from '../kvs/names';

export function tallyKey(planned: PlannedTally): string {
  return `${KEY.successTallyPrefix}${planned.group}:${planned.id}`;
}

export function storedTally(planned: PlannedTally, system: string): SuccessTally {
  return { ...planned.tally, system };
}

/** The group of a stored key: between the prefix and the last `:` (the id has none). */
function groupOf(key: string): string {
  return key.slice(KEY.successTallyPrefix.length, key.lastIndexOf(':'));
}

export const kvsTallyStore: TallyStore = {
  async page(cursor) {
    const page = await queryWithCursor(cursor, () => {
      let query = kvs.query().where('key', WhereConditions.beginsWith(KEY.successTallyPrefix)).limit(STORAGE_PAGE_MAX);
      if (cursor) query = query.cursor(cursor);
      return query.getMany<unknown>();
    });
    const entries: TallyEntry[] = page.results.map(({ key, value }) => ({ key, group: groupOf(key), tally: asSuccessTally(value) }));
    return { entries, cursor: page.nextCursor ?? null };
  },

  async remove(keys) {
    for (let start = 0; start < keys.length; start += KVS_BATCH_MAX) {
      const result = await kvs.batchDelete(keys.slice(start, start + KVS_BATCH_MAX).map((key) => ({ key })));
      const failed = result.failedKeys.filter((item) => item.error.code !== 'KEY_NOT_FOUND');
      if (failed.length > 0) throw new Error(`storage could not delete ${failed.length} success tally(ies): ${failed[0].error.code}`);
    }
  },
};
