/**
 * How an event is stored in the `audit-event` custom entity: the event itself plus the flat
 * attributes the indexes and filters need (manifest.yml, docs/capacity.md).
 */
import type { AffectedObject, AuditEvent } from './model';

export interface AuditEventRow {
  /** Epoch milliseconds of `event.timestamp`: the range of every index. */
  ts: number;
  category: string;
  action: string;
  authorId: string;
  /** First and second affected object as `type:id` (lower-case type); absent when there is none. */
  objectKey?: string;
  objectKey2?: string;
  /** Lower-case, bounded text for free-text filtering (CONTAINS). */
  searchText: string;
  /** Aggregated rows only: how many occurrences the row stands for. */
  count?: number;
  event: AuditEvent;
}

export const SEARCH_TEXT_MAX = 2000;

/** The partition value of an affected object; the type is matched case-insensitively. */
export function objectKeyOf(object: Pick<AffectedObject, 'type' | 'id'>): string {
  return `${object.type.trim().toLowerCase()}:${object.id.trim()}`;
}

/**
 * Lower-cased text of what people search for: names and ids of affected objects (token
 * descriptions), attribute values (paths, IPs, reason codes), changed values, author, action.
 * Newlines separate the parts; search terms never contain whitespace, so none spans two parts.
 */
export function searchTextOf(event: AuditEvent): string {
  const parts: Array<string | null> = [
    ...event.affectedObjects.flatMap((o) => [o.name, o.id]),
    ...event.extraAttributes.map((a) => a.value),
    ...event.changedValues.flatMap((c) => [c.key, c.from, c.to]),
    event.author.name,
    event.author.id,
    event.type.action,
    event.type.category,
    event.source,
    event.method,
  ];
  const text = parts
    .filter((part): part is string => typeof part === 'string' && part.trim() !== '')
    .join('\n')
    .toLowerCase();
  return text.length <= SEARCH_TEXT_MAX ? text : text.slice(0, SEARCH_TEXT_MAX);
}

export function toRow(event: AuditEvent, extra: { count?: number } = {}): AuditEventRow {
  const [first, second] = event.affectedObjects;
  return {
    ts: Date.parse(event.timestamp),
    category: event.type.category,
    action: event.type.action,
    authorId: event.author.id,
    ...(first ? { objectKey: objectKeyOf(first) } : {}),
    ...(second ? { objectKey2: objectKeyOf(second) } : {}),
    searchText: searchTextOf(event),
    ...(extra.count !== undefined ? { count: extra.count } : {}),
    event,
  };
}

/** Whether a stored value is an event row (the entity also holds the discard counter row). */
export function isEventRow(value: unknown): value is AuditEventRow {
  if (typeof value !== 'object' || value === null) return false;
  const row = value as Partial<AuditEventRow>;
  return typeof row.ts === 'number' && typeof row.event === 'object' && row.event !== null;
}
