/** Writes of the audit-event entity: plain writes and create-if-absent. */
import { kvs } from '@forge/kvs';
import type { AuditEventWriter } from '../../domain/audit/recorder';
import type { AuditEventRow } from '../../domain/audit/row';
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
};
