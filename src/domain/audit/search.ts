/**
 * One page of an audit search: merges the plan's streams newest first, checks every row in
 * memory, and stops at the page size, at the scan limit, or at the end. The storage calls it
 * makes depend on the streams, the page size and the scan limit only (docs/performance.md).
 */
import { CursorRefusedError } from '../cursor-refused';
import { encodeCursor, type PageCursor, type StreamResume } from './cursor';
import { planSearch, segmentsOf, type SearchPlan, type Segment, type StorageFilter, type StreamSpec } from './plan';
import { STORAGE_PAGE_MAX, type AuditRowSource } from './ports';
import { queryFingerprint, type AuditQuery } from './query';
import { oldestVisible } from './retention';
import { isEventRow, type AuditEventRow } from './row';

export const PAGE_SIZE = { default: 50, max: 200 } as const;
export const SCAN_LIMIT = { default: 1000, max: 10_000, min: 1 } as const;
/** A safety valve against a storage that keeps answering empty pages with a cursor. */
const MAX_CALLS_PER_PAGE = 250;

export interface SearchRequest {
  query: AuditQuery;
  /** Retention cutoff per category at the time of the search. */
  cutoffs: Record<string, number>;
  limit: number;
  scanLimit: number;
  /** A decoded cursor of this query, or null for the first page. */
  cursor: PageCursor | null;
  /** Also count the matches after the page, when the index can tell at constant cost (see `beyond`). */
  countBeyond?: boolean;
}

/**
 * How many events after the page match the query, as far as one more storage read tells:
 * `count` exactly when `atLeast` is false, otherwise a lower bound.
 */
export interface MatchesBeyond {
  count: number;
  atLeast: boolean;
}

export interface SearchPage {
  rows: AuditEventRow[];
  /** Where the next page starts; null when there is nothing more. */
  cursor: string | null;
  /** True when the scan limit stopped the page before it was full and more rows remain. */
  scanLimitReached: boolean;
  /** Storage queries made for this page. */
  storageCalls: number;
  /**
   * Asked for with `countBeyond`, and only where the index can tell cheaply: a query one index
   * partition answers with no further filter (`plan.exact`, one stream), where every row read is a
   * match. Then one more read of at most STORAGE_PAGE_MAX rows counts the next matches. Storage has
   * no count, so any other query would have to read every match: absent there.
   */
  beyond?: MatchesBeyond;
}

interface Buffered {
  key: string;
  row: AuditEventRow;
  /** The slice it was read from: a page that ends with it unmerged resumes there. */
  segment: Segment;
}

/** One stream: its time slices, its storage cursor inside the current slice, rows read but not yet merged. */
class StreamReader {
  readonly buffer: Buffered[] = [];
  done = false;
  private current: Segment | null = null;
  private pending: Segment[] = [];
  private storageCursor: string | null = null;
  /** The storage cursor came from the caller's page cursor, not from storage in this request. */
  private cursorFromCaller = false;

  constructor(
    private readonly spec: StreamSpec,
    resume: StreamResume | null,
    window: { lo: number; hi: number },
    cutoffs: Record<string, number>,
  ) {
    if (resume === 1) {
      this.done = true;
      return;
    }
    if (resume === null) {
      this.pending = segmentsOf(spec, window, cutoffs);
    } else {
      this.current = { lo: resume.lo, hi: resume.hi, excluded: resume.x };
      this.storageCursor = resume.c;
      this.cursorFromCaller = resume.c !== null;
      this.pending = segmentsOf(spec, { lo: window.lo, hi: Math.min(window.hi, resume.lo - 1) }, cutoffs);
    }
    if (!this.current) this.current = this.pending.shift() ?? null;
    this.done = this.current === null;
  }

  /** Reads one storage page of the current slice; returns the rows it added. */
  async fetch(source: AuditRowSource, filters: StorageFilter[], limit: number): Promise<Buffered[]> {
    const segment = this.current;
    if (!segment) {
      this.done = true;
      return [];
    }
    const exclusions: StorageFilter[] = segment.excluded.map((category) => ({ property: 'category', condition: 'NOT_EQUAL_TO', value: category }));
    const fromCaller = this.cursorFromCaller;
    this.cursorFromCaller = false;
    const page = await source
      .query({ index: this.spec.index, partition: this.spec.partition, lo: segment.lo, hi: segment.hi, filters: [...filters, ...exclusions], limit, cursor: this.storageCursor })
      .catch((error: unknown) => {
        // Refusing a cursor it issued a moment ago is storage's failure, not the caller's.
        if (error instanceof CursorRefusedError && !fromCaller) throw new Error('Storage refused a cursor it had just issued');
        throw error;
      });
    const added: Buffered[] = [];
    for (const { key, value } of page.rows) {
      if (isEventRow(value)) added.push({ key, row: value, segment });
    }
    this.buffer.push(...added);
    if (page.cursor) {
      this.storageCursor = page.cursor;
    } else {
      this.current = this.pending.shift() ?? null;
      this.storageCursor = null;
      this.done = this.current === null;
    }
    return added;
  }

  /**
   * How the next page continues this stream. With rows read but not merged, it re-reads from the
   * first of them (everything above it was merged or did not match); it never starts over higher.
   */
  resume(): StreamResume {
    const head = this.buffer[0];
    if (head) return { lo: head.segment.lo, hi: head.row.ts, x: head.segment.excluded, c: null };
    if (this.done || !this.current) return 1;
    return { lo: this.current.lo, hi: this.current.hi, x: this.current.excluded, c: this.storageCursor };
  }
}

/** Newest first; ties by key, descending, as the storage walks an index. */
function newer(a: Buffered, b: Buffered): boolean {
  return a.row.ts > b.row.ts || (a.row.ts === b.row.ts && a.key > b.key);
}

export function planFor(query: AuditQuery, cutoffs: Record<string, number>): { plan: SearchPlan; fingerprint: string } {
  return { plan: planSearch(query, cutoffs), fingerprint: queryFingerprint(query) };
}

export async function searchPage(source: AuditRowSource, request: SearchRequest): Promise<SearchPage> {
  const { query, cutoffs, limit, scanLimit, cursor } = request;
  if (query.impossible) return { rows: [], cursor: null, scanLimitReached: false, storageCalls: 0, ...(request.countBeyond ? { beyond: { count: 0, atLeast: false } } : {}) };
  const { plan, fingerprint } = planFor(query, cutoffs);

  const position = cursor?.p ?? null;
  const lo = Math.max(query.from ?? 0, oldestVisible(cutoffs));
  const hi = Math.min(query.to ?? Number.MAX_SAFE_INTEGER, position ? position.t : Number.MAX_SAFE_INTEGER);
  const readers = plan.streams.map((spec, index) => new StreamReader(spec, cursor?.s[index] ?? null, { lo, hi }, cutoffs));
  const skipped = new Set(position?.i ?? []);

  const rows: AuditEventRow[] = [];
  const seen = new Set<string>();
  let last: { t: number; i: Set<string> } | null = position ? { t: position.t, i: new Set(position.i) } : null;
  let scanned = 0;
  let calls = 0;
  let stalled = false;
  const readOnce = new Set<StreamReader>();
  const isSkipped = (item: Buffered): boolean => position !== null && item.row.ts === position.t && skipped.has(item.key);

  const batchSize = (reader: StreamReader): number => {
    if (plan.exact) return Math.min(STORAGE_PAGE_MAX, limit - rows.length + skipped.size);
    // The merge needs a row from every stream before it can pick one, so each stream's first
    // read is granted its share of the budget; later reads take what is left.
    if (!readOnce.has(reader)) return Math.min(STORAGE_PAGE_MAX, Math.max(1, Math.floor(scanLimit / readers.length)));
    return Math.min(STORAGE_PAGE_MAX, scanLimit - scanned);
  };

  while (rows.length < limit && !stalled) {
    // Every stream without a row in hand reads its next page; the streams read in parallel.
    for (let needy = readers.filter((r) => r.buffer.length === 0 && !r.done); needy.length > 0; needy = readers.filter((r) => r.buffer.length === 0 && !r.done)) {
      const reads: Array<{ reader: StreamReader; size: number }> = [];
      for (const reader of needy) {
        const size = batchSize(reader);
        if (size <= 0 || calls + reads.length >= MAX_CALLS_PER_PAGE) {
          stalled = true;
          break;
        }
        reads.push({ reader, size });
        if (!plan.exact) scanned += size;
      }
      if (stalled) break;
      const added = await Promise.all(reads.map(({ reader, size }) => reader.fetch(source, plan.filters, size)));
      calls += reads.length;
      // Re-reading the rows the last page ended on is not progress: it does not use up the
      // stream's granted first read, or a small scan limit could spend every page on them.
      added.forEach((items, k) => {
        if (items.length === 0 || items.some((item) => !isSkipped(item))) readOnce.add(reads[k].reader);
      });
    }
    if (stalled) break;

    let best: StreamReader | null = null;
    for (const reader of readers) {
      if (reader.buffer.length > 0 && (!best || newer(reader.buffer[0], best.buffer[0]))) best = reader;
    }
    if (!best) break;
    const next = best.buffer.shift() as Buffered;
    if (last && last.t === next.row.ts) last.i.add(next.key);
    else last = { t: next.row.ts, i: new Set([next.key]) };

    if (isSkipped(next)) continue;
    if (seen.has(next.key)) continue;
    seen.add(next.key);
    if (plan.matches(next.row)) rows.push(next.row);
  }

  const finished = readers.every((reader) => reader.done && reader.buffer.length === 0);
  const nextCursor: PageCursor | null = finished
    ? null
    : { v: 1, f: fingerprint, p: last ? { t: last.t, i: [...last.i] } : null, s: readers.map((reader) => reader.resume()) };
  const page: SearchPage = {
    rows,
    cursor: nextCursor ? encodeCursor(nextCursor) : null,
    scanLimitReached: stalled && !finished && rows.length < limit && !plan.exact,
    storageCalls: calls,
  };
  if (!request.countBeyond) return page;
  if (finished) return { ...page, beyond: { count: 0, atLeast: false } };
  if (!plan.exact || readers.length !== 1) return page;
  // The cursor above is already taken, so reading on here does not move the next page.
  const reader = readers[0];
  const unmerged = (item: Buffered): boolean => !isSkipped(item) && !seen.has(item.key);
  let count = reader.buffer.filter(unmerged).length;
  if (count < STORAGE_PAGE_MAX && !reader.done) {
    count += (await reader.fetch(source, plan.filters, STORAGE_PAGE_MAX - count)).filter(unmerged).length;
    page.storageCalls += 1;
  }
  return { ...page, beyond: { count, atLeast: !reader.done } };
}
