/**
 * Client-side aggregation for the timeline: the loaded events counted per time bucket and category.
 * Pure, so the chart only draws what these functions return.
 */
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Bucket widths a reader can take in at a glance; the chart picks the narrowest that fits. */
export const BUCKET_STEPS_MS: readonly number[] = [
  MINUTE, 5 * MINUTE, 15 * MINUTE, 30 * MINUTE, HOUR, 3 * HOUR, 6 * HOUR, 12 * HOUR, DAY, 7 * DAY, 30 * DAY,
];

export interface TimeRange {
  from: number;
  to: number;
}

export interface Timeline {
  bucketMs: number;
  /** Start of every bucket from the range's first to its last, epoch ms, ascending; empty buckets included. */
  starts: number[];
  /** Category names, one row of counts each, in the order given (known categories first). */
  categories: string[];
  /** counts[c][b]: events of categories[c] in bucket starts[b]. */
  counts: number[][];
  total: number;
}

interface TimedEvent {
  timestamp: string;
  type: { category: string };
}

/** The narrowest step that keeps the range within `maxBuckets` bars. */
export function chooseBucketMs(spanMs: number, maxBuckets = 60): number {
  for (const step of BUCKET_STEPS_MS) {
    if (Math.ceil(Math.max(spanMs, 1) / step) <= maxBuckets) return step;
  }
  return BUCKET_STEPS_MS[BUCKET_STEPS_MS.length - 1];
}

/**
 * The span the chart covers: the filter's bounds where set, otherwise the loaded events' own span.
 * Null when there is nothing to place on a time axis.
 */
export function timelineRange(events: readonly TimedEvent[], bounds: { from: number | null; to: number | null }): TimeRange | null {
  let min = Infinity;
  let max = -Infinity;
  for (const event of events) {
    const ms = Date.parse(event.timestamp);
    if (Number.isNaN(ms)) continue;
    if (ms < min) min = ms;
    if (ms > max) max = ms;
  }
  const from = bounds.from ?? (Number.isFinite(min) ? min : null);
  const to = bounds.to ?? (Number.isFinite(max) ? max : null);
  if (from === null || to === null || to < from) return null;
  return { from, to };
}

/** Counts events per bucket and category; events outside the range are left out, not clamped. */
export function bucketEvents(
  events: readonly TimedEvent[],
  range: TimeRange,
  options: { knownCategories?: readonly string[]; maxBuckets?: number } = {},
): Timeline {
  const bucketMs = chooseBucketMs(range.to - range.from, options.maxBuckets);
  const first = Math.floor(range.from / bucketMs) * bucketMs;
  const last = Math.floor(range.to / bucketMs) * bucketMs;
  const starts: number[] = [];
  for (let start = first; start <= last; start += bucketMs) starts.push(start);

  const seen = new Set<string>();
  for (const event of events) seen.add(event.type.category);
  const known = (options.knownCategories ?? []).filter((category) => seen.has(category));
  const others = [...seen].filter((category) => !known.includes(category)).sort();
  const categories = [...known, ...others];
  const row = new Map(categories.map((category, index) => [category, index]));
  const counts = categories.map(() => starts.map(() => 0));

  let total = 0;
  for (const event of events) {
    const ms = Date.parse(event.timestamp);
    if (Number.isNaN(ms) || ms < range.from || ms > range.to) continue;
    const bucket = Math.floor((ms - first) / bucketMs);
    counts[row.get(event.type.category) as number][bucket] += 1;
    total += 1;
  }
  return { bucketMs, starts, categories, counts, total };
}

/**
 * Running sums for a stacked bar chart: stacked[c][b] = counts[0..c][b] summed.
 * Drawing the highest sum first and each lower one over it shows every category's own slice.
 */
export function stackCounts(counts: readonly number[][]): number[][] {
  const stacked: number[][] = [];
  counts.forEach((row, index) => {
    stacked.push(row.map((value, bucket) => value + (index > 0 ? stacked[index - 1][bucket] : 0)));
  });
  return stacked;
}

/**
 * A dragged span widened to whole buckets: a drag over part of a bar stands for the whole bar (a
 * one-minute bar's events are somewhere in that minute, seldom in the dragged seconds), then kept
 * inside the chart's range.
 */
export function snapToBuckets(fromMs: number, toMs: number, firstStart: number, bucketMs: number, range: TimeRange): { from: number; to: number } {
  const from = firstStart + Math.floor((fromMs - firstStart) / bucketMs) * bucketMs;
  const to = firstStart + Math.ceil((toMs - firstStart) / bucketMs) * bucketMs;
  return { from: Math.max(from, range.from), to: Math.min(Math.max(to, from + bucketMs), range.to) };
}
