/** Writes of the audit-event entity: plain writes, create-if-absent and compare-and-set on `count`. */
import { Filter, FilterConditions, kvs } from '@forge/kvs';
import type { AuditEventWriter } from '../../domain/audit/recorder';
import { isEventRow, type AuditEventRow } from '../../domain/audit/row';
import { ENTITY } from '../kvs/names';
import { isConflict } from '../kvs/errors';

const events = () => kvs.entity<AuditEventRow>(ENTITY.auditEvent);

export const kvsAuditWriter: AuditEventWriter = {
  async write(key, row) {
    await events().set(key, row);
  },

  async create(key, row) {
    try {
      await events().set(key, row, { keyPolicy: 'FAIL_IF_EXISTS' });
      return 'created';
    } catch (error) {
      if (isConflict(error)) return 'exists';
      throw error;
    }
  },

  async read(key) {
    const value: unknown = await events().get(key);
    return isEventRow(value) ? value : null;
  },

  async replaceIfCount(key, row, expected) {
    try {
      await kvs
        .transact()
        .set(key, row, { entityName: ENTITY.auditEvent, conditions: new Filter<AuditEventRow>().and('count', FilterConditions.equalTo(expected)) })
        .execute();
      return 'replaced';
    } catch (error) {
      if (isConflict(error)) return 'conflict';
      throw error;
    }
  },
};
