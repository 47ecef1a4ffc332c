/**
 * Conversions between epoch milliseconds and the value of an `<input type="datetime-local">`,
 * which is always in the browser's time zone and has no offset.
 */
const pad = (value: number, width = 2): string => String(value).padStart(width, '0');

/** `YYYY-MM-DDTHH:mm:ss` in local time, the format datetime-local inputs read and write with step=1. */
export function toLocalInputValue(ms: number | null): string {
  if (ms === null) return '';
  const date = new Date(ms);
  return (
    `${pad(date.getFullYear(), 4)}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}` +
    `T${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`
  );
}

/** Parses a datetime-local value (minutes or seconds precision) as local time; '' or garbage → null. */
export function fromLocalInputValue(value: string): number | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?$/.exec(value);
  if (!match) return null;
  const [, year, month, day, hours, minutes, seconds = '0', millis = '0'] = match;
  const date = new Date(
    Number(year),
    Number(month) - 1,
    Number(day),
    Number(hours),
    Number(minutes),
    Number(seconds),
    Number(millis.padEnd(3, '0')),
  );
  return Number.isNaN(date.getTime()) ? null : date.getTime();
}

/** Compact local time for dense tables: `2026-11-22 14:03:07`. */
export function formatTimestamp(iso: string): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return iso;
  return toLocalInputValue(ms).replace('T', ' ');
}
