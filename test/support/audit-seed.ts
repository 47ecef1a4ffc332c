/**
 * Loads audit events straight into the host's storage through `@forge/kvs` batch writes (25 keys
 * each, the platform's batch limit), several batches in flight. For tests and benches that need
 * thousands of stored events; the events themselves are built by the real buildEvent/toRow.
 */
import { kvs } from '@forge/kvs';
import { ENTITY } from '../../src/adapters/kvs/names';
import type { AuditEventRow } from '../../src/domain/audit/row';

const BATCH = 25;
const IN_FLIGHT = 8;

export async function seedAuditRows(rows: readonly AuditEventRow[]): Promise<void> {
  const batches: AuditEventRow[][] = [];
  for (let i = 0; i < rows.length; i += BATCH) batches.push(rows.slice(i, i + BATCH));
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < batches.length) {
      const batch = batches[next];
      next += 1;
      const result = await kvs.batchSet(batch.map((row) => ({ entityName: ENTITY.auditEvent, key: row.event.id, value: row })));
      if (result.failedKeys.length > 0) throw new Error(`seeding failed for ${result.failedKeys.length} rows: ${result.failedKeys[0].error.message}`);
    }
  };
  await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
}
