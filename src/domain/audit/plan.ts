/**
 * Which index answers a search (docs/audit-events.md, docs/performance.md): the most selective filter given picks the index
 * (affected object > author > action > category > time), each of its values becomes one stream
 * over that index's partition, `from`/`to` and retention become the range on `ts`, and the other
 * filters become entity-query filters. The storage calls of a page therefore depend on the
 * filters and the page size, never on how many events are stored.
 */
import { AUDIT_CATEGORIES } from './model';
import { categoryOfAction, type AuditQuery } from './query';
import { oldestVisible } from './retention';
import { isEventRow, type AuditEventRow } from './row';

/** Abstract index names; the storage adapter maps them to the manifest's (src/adapters/kvs/names.ts). */
export type AuditIndexId = 'time' | 'category' | 'action' | 'author' | 'object' | 'object2';

/** Filterable row attributes. */
export type FilterProperty = 'category' | 'action' | 'authorId' | 'searchText';

export interface StorageFilter {
  property: FilterProperty;
  condition: 'EQUAL_TO' | 'NOT_EQUAL_TO' | 'CONTAINS';
  value: string;
}

/** A time slice of a stream with the categories that are already past retention inside it. */
export interface Segment {
  lo: number;
  hi: number;
  excluded: string[];
}

export interface StreamSpec {
  index: AuditIndexId;
  /** Partition value; absent for the time index. */
  partition?: string;
  /** The categories this stream can contain (its retention cutoffs apply). */
  categories: string[];
}

export interface SearchPlan {
  streams: StreamSpec[];
  /** Filters sent with every query of every stream (all must hold). */
  filters: StorageFilter[];
  /**
   * True when rows come back exactly as wanted (no filters, no excluded categories): a page can
   * then ask storage for exactly the rows it needs instead of full reads.
   */
  exact: boolean;
  /** Everything the query asks, checked again in memory on every row. */
  matches(row: AuditEventRow): boolean;
}

/** At most this many partitions are merged per page; beyond it a filter is checked in memory. */
export const MAX_STREAMS = 6;

interface Choice {
  index: AuditIndexId;
  values: string[];
}

function chooseIndex(query: AuditQuery): { choice: Choice[] | null; used: 'objects' | 'authors' | 'actions' | 'categories' | null } {
  if (query.objects && query.objects.length * 2 <= MAX_STREAMS) {
    return { choice: [{ index: 'object', values: query.objects }, { index: 'object2', values: query.objects }], used: 'objects' };
  }
  if (query.authors && query.authors.length <= MAX_STREAMS) return { choice: [{ index: 'author', values: query.authors }], used: 'authors' };
  if (query.actions && query.actions.length <= MAX_STREAMS) return { choice: [{ index: 'action', values: query.actions }], used: 'actions' };
  if (query.categories && query.categories.length <= MAX_STREAMS) {
    return { choice: [{ index: 'category', values: query.categories }], used: 'categories' };
  }
  return { choice: null, used: null };
}

function possibleCategories(query: AuditQuery, index: AuditIndexId, partition: string | undefined): string[] {
  if (index === 'category' && partition !== undefined) return [partition];
  if (index === 'action' && partition !== undefined) return [categoryOfAction(partition) ?? ''];
  if (query.categories) return query.categories;
  if (query.actions) return [...new Set(query.actions.map((action) => categoryOfAction(action) ?? ''))];
  return [...AUDIT_CATEGORIES];
}

export function planSearch(query: AuditQuery, cutoffs: Record<string, number>): SearchPlan {
  const { choice, used } = chooseIndex(query);
  const streams: StreamSpec[] = choice
    ? choice.flatMap(({ index, values }) => values.map((partition) => ({ index, partition, categories: possibleCategories(query, index, partition) })))
    : [{ index: 'time', categories: possibleCategories(query, 'time', undefined) }];

  // Single-valued filters the index did not answer go to storage; several values stay in memory
  // (entity-query filters are all-`and` or all-`or`, so "author a or b, and category c" cannot be sent).
  const filters: StorageFilter[] = [];
  let inMemoryOnly = false;
  const single = (values: string[] | null, property: FilterProperty, dimension: typeof used): void => {
    if (!values || dimension === used) return;
    if (values.length === 1) filters.push({ property, condition: 'EQUAL_TO', value: values[0] });
    else inMemoryOnly = true;
  };
  single(query.authors, 'authorId', 'authors');
  single(query.actions, 'action', 'actions');
  single(query.categories, 'category', 'categories');
  if (query.objects && used !== 'objects') inMemoryOnly = true;
  for (const term of query.terms) filters.push({ property: 'searchText', condition: 'CONTAINS', value: term });

  const categories = query.categories && new Set(query.categories);
  const actions = query.actions && new Set(query.actions);
  const authors = query.authors && new Set(query.authors);
  const objects = query.objects && new Set(query.objects);
  const fallbackCutoff = oldestVisible(cutoffs);
  const matches = (row: AuditEventRow): boolean => {
    if (query.impossible || !isEventRow(row)) return false;
    if (row.ts < (cutoffs[row.category] ?? fallbackCutoff)) return false;
    if (query.from !== null && row.ts < query.from) return false;
    if (query.to !== null && row.ts > query.to) return false;
    if (categories && !categories.has(row.category)) return false;
    if (actions && !actions.has(row.action)) return false;
    if (authors && !authors.has(row.authorId)) return false;
    if (objects && !(objects.has(row.objectKey ?? '') || objects.has(row.objectKey2 ?? ''))) return false;
    return query.terms.every((term) => row.searchText.includes(term));
  };

  const retentionVaries = streams.some((s) => new Set(s.categories.map((c) => cutoffs[c] ?? fallbackCutoff)).size > 1);
  return { streams, filters, exact: filters.length === 0 && !inMemoryOnly && !retentionVaries, matches };
}

/**
 * The time slices of one stream between `lo` and `hi` (inclusive), newest first. Each category
 * is visible from its cutoff on; below a cutoff the category is excluded by a filter, so expired
 * events that the purge has not reached yet are not even read.
 */
export function segmentsOf(stream: StreamSpec, window: { lo: number; hi: number }, cutoffs: Record<string, number>): Segment[] {
  const fallback = oldestVisible(cutoffs);
  const cutoffOfCategory = (category: string): number => cutoffs[category] ?? fallback;
  const floor = Math.max(window.lo, Math.min(...stream.categories.map(cutoffOfCategory)));
  if (floor > window.hi) return [];
  const bounds = [...new Set(stream.categories.map(cutoffOfCategory).filter((cutoff) => cutoff > floor && cutoff <= window.hi))].sort((a, b) => b - a);
  const segments: Segment[] = [];
  let hi = window.hi;
  for (const lo of [...bounds, floor]) {
    const excluded = stream.categories.length > 1 ? stream.categories.filter((category) => cutoffOfCategory(category) > lo) : [];
    segments.push({ lo, hi, excluded });
    hi = lo - 1;
  }
  return segments.filter((segment) => segment.lo <= segment.hi);
}
