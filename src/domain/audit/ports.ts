/**
 * What audit search, purge and recording need from storage, as small interfaces. The kvs
 * adapters (src/adapters/audit) implement them; unit tests use the in-memory fake in test/fakes.
 */
import type { AuditIndexId, StorageFilter } from './plan';

/** The platform's largest entity-query page (Forge docs: default 10, at most 100). */
export const STORAGE_PAGE_MAX = 100;

export interface RowQuery {
  index: AuditIndexId;
  partition?: string;
  /** Inclusive bounds on `ts`. */
  lo: number;
  hi: number;
  filters: StorageFilter[];
  limit: number;
  /** Newest first unless `ascending`. */
  ascending?: boolean;
  cursor?: string | null;
}

export interface RowPage {
  rows: Array<{ key: string; value: unknown }>;
  /** Storage's own cursor when more rows may follow; null at the end. */
  cursor: string | null;
}

/** Reads rows of the audit-event entity through one of its indexes: one call per page. */
export interface AuditRowSource {
  query(query: RowQuery): Promise<RowPage>;
}

/** Deletes rows by key: at most 25 per call (the platform's batch limit). */
export interface AuditRowDeleter {
  deleteRows(keys: string[]): Promise<{ deleted: number; failed: number }>;
}
