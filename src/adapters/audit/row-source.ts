/** Reads and deletes audit-event rows through the manifest's indexes (one storage call per page or batch). */
import { Filter, FilterConditions, kvs, Sort, WhereConditions } from '@forge/kvs';
import type { AuditIndexId, StorageFilter } from '../../domain/audit/plan';
import type { AuditRowDeleter, AuditRowSource, RowPage, RowQuery } from '../../domain/audit/ports';
import type { AuditEventRow } from '../../domain/audit/row';
import { queryWithCursor } from '../kvs/cursor';
import { AUDIT_INDEX, ENTITY } from '../kvs/names';
import { KVS_BATCH_MAX } from '../kvs/limits';

const INDEX_NAMES: Record<AuditIndexId, string> = {
  time: AUDIT_INDEX.byTime,
  category: AUDIT_INDEX.byCategory,
  action: AUDIT_INDEX.byAction,
  author: AUDIT_INDEX.byAuthor,
  object: AUDIT_INDEX.byObject,
  object2: AUDIT_INDEX.byObject2,
};


type Clause = ReturnType<typeof FilterConditions.equalTo> | ReturnType<typeof FilterConditions.notEqualTo> | ReturnType<typeof FilterConditions.contains>;

function clause(filter: StorageFilter): Clause {
  switch (filter.condition) {
    case 'EQUAL_TO':
      return FilterConditions.equalTo(filter.value);
    case 'NOT_EQUAL_TO':
      return FilterConditions.notEqualTo(filter.value);
    default:
      return FilterConditions.contains(filter.value);
  }
}

export const kvsAuditRows: AuditRowSource & AuditRowDeleter = {
  async query(query: RowQuery): Promise<RowPage> {
    const indexName = INDEX_NAMES[query.index];
    let builder = kvs
      .entity<AuditEventRow>(ENTITY.auditEvent)
      .query()
      .index(indexName, query.partition === undefined ? undefined : { partition: [query.partition] })
      .where(WhereConditions.between(query.lo, query.hi))
      .sort(query.ascending ? Sort.ASC : Sort.DESC)
      .limit(query.limit);
    if (query.filters.length > 0) {
      const [first, ...rest] = query.filters;
      const filter = rest.reduce(
        (all, next) => all.and(next.property, clause(next)),
        new Filter<AuditEventRow>().and(first.property, clause(first)),
      );
      builder = builder.filters(filter);
    }
    if (query.cursor) builder = builder.cursor(query.cursor);
    const page = await queryWithCursor(query.cursor, () => builder.getMany());
    return { rows: page.results.map(({ key, value }) => ({ key, value })), cursor: page.nextCursor ?? null };
  },

  async deleteRows(keys: string[]): Promise<{ deleted: number; failed: number }> {
    if (keys.length === 0) return { deleted: 0, failed: 0 };
    if (keys.length > KVS_BATCH_MAX) throw new Error(`At most ${KVS_BATCH_MAX} keys per batch`);
    const result = await kvs.batchDelete(keys.map((key) => ({ key, entityName: ENTITY.auditEvent })));
    return { deleted: result.successfulKeys.length, failed: result.failedKeys.length };
  },
};
