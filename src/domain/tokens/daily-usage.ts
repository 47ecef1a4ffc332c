/**
 * Requests per day (UTC) of one token for the last USAGE_DAYS days (docs/tokens.md, "Usage per
 * token"). The series rides on the usage write that verification already makes (at most once a
 * minute per token, plan-writes.ts), so it costs no storage call of its own: the uses admitted
 * between two writes are held by the instance, by the day they happened on, and added to the next
 * write (instance-memory.ts).
 *
 * A series is sparse (only days with uses), sorted oldest first, and never holds a day more than
 * USAGE_DAYS - 1 days before the day of the write: at most USAGE_DAYS entries, whatever the traffic.
 */

export const USAGE_DAYS = 30;

const DAY_MS = 86_400_000;

/** Uses on one UTC day, the day as `YYYY-MM-DD`. */
export interface DayCount {
  day: string;
  count: number;
}

/** The UTC day of an instant, as `YYYY-MM-DD`. */
export function utcDay(at: number): string {
  return new Date(at).toISOString().slice(0, 10);
}

/** The first day kept at `now`: USAGE_DAYS days including today. */
function firstKeptDay(now: number): string {
  return utcDay(now - (USAGE_DAYS - 1) * DAY_MS);
}

/**
 * Adds `uses` to `series` day by day and drops the days that fell out of the last USAGE_DAYS at
 * `now`. Days are compared as strings: `YYYY-MM-DD` sorts like time.
 */
export function addUses(series: readonly DayCount[], uses: readonly DayCount[], now: number): DayCount[] {
  const byDay = new Map<string, number>();
  for (const { day, count } of [...series, ...uses]) byDay.set(day, (byDay.get(day) ?? 0) + count);
  const first = firstKeptDay(now);
  return [...byDay.entries()]
    .filter(([day, count]) => day >= first && count > 0)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .slice(-USAGE_DAYS)
    .map(([day, count]) => ({ day, count }));
}

/** Total uses in a set of day counts. */
export function totalUses(uses: readonly DayCount[]): number {
  return uses.reduce((sum, { count }) => sum + count, 0);
}

/**
 * The last USAGE_DAYS days at `now`, oldest first, every day present (0 when unused): what a chart
 * draws. A stored series is as of its last write, so days since then show 0, and days that fell
 * out of the window are gone.
 */
export function lastDays(series: readonly DayCount[], now: number): DayCount[] {
  const stored = new Map(series.map(({ day, count }) => [day, count]));
  return Array.from({ length: USAGE_DAYS }, (_, index) => {
    const day = utcDay(now - (USAGE_DAYS - 1 - index) * DAY_MS);
    return { day, count: stored.get(day) ?? 0 };
  });
}

/** A stored series as read, or [] when it is not one (a row written before the series existed). */
export function asSeries(value: unknown): DayCount[] {
  if (!Array.isArray(value)) return [];
  return value.filter(
    (entry): entry is DayCount =>
      typeof entry === 'object' &&
      entry !== null &&
      typeof (entry as DayCount).day === 'string' &&
      /^\d{4}-\d{2}-\d{2}$/.test((entry as DayCount).day) &&
      Number.isSafeInteger((entry as DayCount).count) &&
      (entry as DayCount).count > 0,
  );
}
