/**
 * An in-memory audit-event entity with the platform's query semantics (as local/storage emulates
 * them): index order (ts, key), `limit` bounds the rows READ and filters apply to those, a cursor
 * comes back while more rows remain. Counts every call, so tests can pin storage costs.
 */
import type { AuditIndexId, StorageFilter } from '../../src/domain/audit/plan';
import type { AuditRowDeleter, AuditRowSource, RowPage, RowQuery } from '../../src/domain/audit/ports';
import type { AuditEventWriter, DiscardCounter } from '../../src/domain/audit/recorder';
import type { AuditEventRow } from '../../src/domain/audit/row';

function partitionOf(index: AuditIndexId, row: AuditEventRow): string | undefined {
  switch (index) {
    case 'time':
      return '';
    case 'category':
      return row.category;
    case 'action':
      return row.action;
    case 'author':
      return row.authorId;
    case 'object':
      return row.objectKey;
    case 'object2':
      return row.objectKey2;
  }
}

function holds(filter: StorageFilter, row: AuditEventRow): boolean {
  const value = row[filter.property];
  switch (filter.condition) {
    case 'EQUAL_TO':
      return value === filter.value;
    case 'NOT_EQUAL_TO':
      return value !== filter.value;
    case 'CONTAINS':
      return typeof value === 'string' && value.includes(filter.value);
  }
}

export class StorageDown extends Error {
  constructor() {
    super('INTERNAL_SERVER_ERROR');
  }
}

export class FakeAuditStore implements AuditRowSource, AuditRowDeleter, AuditEventWriter {
  readonly rows = new Map<string, AuditEventRow>();
  discarded: number | null = null;
  calls = { query: 0, write: 0, create: 0, delete: 0, counter: 0 };
  /** The next N writes (write/create/settle) fail as if storage were down. */
  failWrites = 0;
  /** The next N counter operations fail. */
  failCounter = 0;
  /** Queries seen, for assertions on the index chosen. */
  readonly queries: RowQuery[] = [];

  put(row: AuditEventRow, key = row.event.id): void {
    this.rows.set(key, row);
  }

  resetCalls(): void {
    this.calls = { query: 0, write: 0, create: 0, delete: 0, counter: 0 };
    this.queries.length = 0;
  }

  private maybeFailWrite(): void {
    if (this.failWrites > 0) {
      this.failWrites -= 1;
      throw new StorageDown();
    }
  }

  private maybeFailCounter(): void {
    if (this.failCounter > 0) {
      this.failCounter -= 1;
      throw new StorageDown();
    }
  }

  async query(query: RowQuery): Promise<RowPage> {
    this.calls.query += 1;
    this.queries.push(query);
    if (query.limit < 1 || query.limit > 100) throw new Error(`limit ${query.limit} out of 1..100`);
    const inIndex = [...this.rows.entries()]
      .filter(([, row]) => partitionOf(query.index, row) === (query.partition ?? '') && row.ts >= query.lo && row.ts <= query.hi)
      .sort(([ka, a], [kb, b]) => a.ts - b.ts || (ka < kb ? -1 : ka > kb ? 1 : 0));
    if (!query.ascending) inIndex.reverse();
    let start = 0;
    if (query.cursor) {
      const after = JSON.parse(query.cursor) as { ts: number; key: string };
      start = inIndex.findIndex(([key, row]) => (query.ascending ? row.ts > after.ts || (row.ts === after.ts && key > after.key) : row.ts < after.ts || (row.ts === after.ts && key < after.key)));
      if (start < 0) start = inIndex.length;
    }
    const read = inIndex.slice(start, start + query.limit);
    const more = start + query.limit < inIndex.length;
    const last = read[read.length - 1];
    return {
      rows: read.filter(([, row]) => query.filters.every((f) => holds(f, row))).map(([key, value]) => ({ key, value })),
      cursor: more && last ? JSON.stringify({ ts: last[1].ts, key: last[0] }) : null,
    };
  }

  async deleteRows(keys: string[]): Promise<{ deleted: number; failed: number }> {
    this.calls.delete += 1;
    if (keys.length > 25) throw new Error('batch over 25 keys');
    let deleted = 0;
    for (const key of keys) if (this.rows.delete(key)) deleted += 1;
    return { deleted, failed: keys.length - deleted };
  }

  async write(key: string, row: AuditEventRow): Promise<void> {
    this.calls.write += 1;
    this.maybeFailWrite();
    this.rows.set(key, row);
  }

  async create(key: string, row: AuditEventRow): Promise<'created' | 'exists'> {
    this.calls.create += 1;
    this.maybeFailWrite();
    if (this.rows.has(key)) return 'exists';
    this.rows.set(key, row);
    return 'created';
  }

  /** The discard counter, next to the rows it reports into (settle writes both at once). */
  readonly counter: DiscardCounter = {
    add: async (count) => {
      this.calls.counter += 1;
      this.maybeFailCounter();
      this.discarded = (this.discarded ?? 0) + count;
    },
    read: async () => {
      this.calls.counter += 1;
      this.maybeFailCounter();
      const count = this.discarded ?? 0;
      return { count, claim: count };
    },
    settle: async (tally, report) => {
      this.calls.counter += 1;
      this.maybeFailCounter();
      if ((this.discarded ?? 0) !== tally.claim) return 'conflict';
      this.discarded = 0;
      this.rows.set(report.key, report.row);
      return 'settled';
    },
  };

  events(): AuditEventRow[] {
    return [...this.rows.values()].sort((a, b) => b.ts - a.ts);
  }
}
