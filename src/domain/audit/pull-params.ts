/**
 * The query parameters of Atlassian Audit's `GET /rest/auditing/1.0/events` (docs/audit-events.md), as the
 * audit-events web trigger takes them: `from`, `to` (ISO-8601), `limit`, `pageCursor`,
 * `categories`, `actions`, `userIds` (comma-separated), `affectedObject` (`type,id`, several
 * separated by `;`), `search`, `scanLimit`, `offset` and `outputFormat`. Anything else is
 * refused, so a typo is an error instead of a silently unfiltered export.
 *
 * What is served only where it costs the same whatever the number of stored events:
 * - `offset` while `offset + limit` fits in one page (200): deeper offsets would read every
 *   skipped event, so they are refused with a pointer to `pageCursor`.
 * - `outputFormat=json` (the only format the published API answers with).
 * - `pageCursor` as this API hands it out (opaque), or in the documented `timestamp,ID` form
 *   (the last result a client has: epoch milliseconds or ISO-8601, a comma, its event id).
 */
import type { AuditQueryInput, QueryIssue } from './query';
import { PAGE_SIZE, SCAN_LIMIT } from './search';

export const PULL_PARAMETERS = ['from', 'to', 'limit', 'pageCursor', 'categories', 'actions', 'userIds', 'affectedObject', 'search', 'scanLimit', 'offset', 'outputFormat'] as const;
type PullParameter = (typeof PULL_PARAMETERS)[number];

/** Without `limit`, the largest page: a SIEM pull wants few round trips. */
export const PULL_DEFAULT_LIMIT = PAGE_SIZE.max;
const MAX_LIST_ITEMS = 20;
const MAX_OBJECTS = 10;
const MAX_VALUE_LENGTH = 2000;

export const PULL_OUTPUT_FORMATS = ['json'] as const;

/** Where a page continues, read from `pageCursor`. */
export type PullPosition =
  | { kind: 'start' }
  /** A cursor this API (or `audit/search`) handed out; `bound` re-applies the `to` of a `timestamp,ID` walk. */
  | { kind: 'cursor'; cursor: string; bound: number | null; offset: number }
  /** The documented `timestamp,ID` form: events older than that one (same-time events with a lower id). */
  | { kind: 'after'; t: number; id: string };

export interface PullRequest {
  input: AuditQueryInput;
  limit: number;
  scanLimit: number | undefined;
  /** The pageCursor as given (null without one). */
  cursor: string | null;
  position: PullPosition;
  /** Events of the first page to skip (`offset`). */
  offset: number;
  /** The parameters as given (minus the cursor and offset), to build `nextPageLink`. */
  echo: Array<[string, string]>;
}

/** Suffixes of the cursors this API hands out: `.t<ms>` (a `timestamp,ID` walk's bound) and `.o<n>` (events before the page). */
const CURSOR_SUFFIX = /^(?<cursor>[A-Za-z0-9_-]+)(?:\.t(?<bound>\d{1,15}))?(?:\.o(?<offset>\d{1,12}))?$/;
const TIMESTAMP_ID = /^(?<time>\d{1,15}|\d{4}-\d\d-\d\dT[0-9:.]+(?:Z|[+-]\d\d:?\d\d)),(?<id>[^,\s]{1,200})$/;

function readPosition(value: string): PullPosition | QueryIssue {
  const text = value.trim();
  const stamped = TIMESTAMP_ID.exec(text);
  if (stamped?.groups) {
    const { time, id } = stamped.groups;
    const t = /^\d+$/.test(time) ? Number(time) : Date.parse(time);
    if (!Number.isSafeInteger(t)) return { field: 'pageCursor', message: 'pageCursor: the timestamp of "timestamp,ID" is not a time.' };
    return { kind: 'after', t, id };
  }
  const ours = CURSOR_SUFFIX.exec(text);
  if (ours?.groups) {
    const { cursor, bound, offset } = ours.groups;
    return { kind: 'cursor', cursor, bound: bound === undefined ? null : Number(bound), offset: offset === undefined ? 0 : Number(offset) };
  }
  // Left to the search to refuse with its own message (it never reaches storage).
  return { kind: 'cursor', cursor: text, bound: null, offset: 0 };
}

/** The cursor this API hands out for the next page. */
export function pullCursor(native: string, bound: number | null, offset: number): string {
  return `${native}${bound === null ? '' : `.t${bound}`}.o${offset}`;
}

export type PullParseResult = { ok: true; request: PullRequest } | { ok: false; issue: QueryIssue };

function list(value: string, separator: string): string[] {
  return value
    .split(separator)
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

function integer(name: string, value: string, min: number, max: number): number | QueryIssue {
  const parsed = /^\d{1,6}$/.test(value.trim()) ? Number(value.trim()) : NaN;
  if (!Number.isInteger(parsed) || parsed < min || parsed > max) return { field: name, message: `${name} must be an integer from ${min} to ${max}.` };
  return parsed;
}

/** Reads the trigger's `queryParameters` (every name maps to the list of its values). */
export function parsePullParameters(raw: Readonly<Record<string, readonly string[] | undefined>> | undefined): PullParseResult {
  const values = new Map<PullParameter, string>();
  for (const [name, given] of Object.entries(raw ?? {})) {
    if (!given || given.length === 0) continue;
    if (!(PULL_PARAMETERS as readonly string[]).includes(name)) {
      return { ok: false, issue: { field: name, message: `Unknown parameter "${name}". Supported: ${PULL_PARAMETERS.join(', ')}.` } };
    }
    if (given.length > 1) return { ok: false, issue: { field: name, message: `${name} was given more than once; list values separated by commas instead.` } };
    if (given[0].length > MAX_VALUE_LENGTH && name !== 'pageCursor') return { ok: false, issue: { field: name, message: `${name} is too long.` } };
    values.set(name as PullParameter, given[0]);
  }

  const limitText = values.get('limit');
  const limit = limitText === undefined ? PULL_DEFAULT_LIMIT : integer('limit', limitText, 1, PAGE_SIZE.max);
  if (typeof limit !== 'number') return { ok: false, issue: limit };
  const scanText = values.get('scanLimit');
  const scanLimit = scanText === undefined ? undefined : integer('scanLimit', scanText, SCAN_LIMIT.min, SCAN_LIMIT.max);
  if (typeof scanLimit === 'object') return { ok: false, issue: scanLimit };

  const formatText = values.get('outputFormat');
  if (formatText !== undefined && !(PULL_OUTPUT_FORMATS as readonly string[]).includes(formatText.trim().toLowerCase())) {
    return { ok: false, issue: { field: 'outputFormat', message: `outputFormat "${formatText}" is not served: this API answers ${PULL_OUTPUT_FORMATS.join(', ')} only (JSON Lines, CSV and CEF files are exported from the audit log page).` } };
  }

  const cursorText = values.get('pageCursor')?.trim() || null;
  const offsetText = values.get('offset');
  let offset = 0;
  if (offsetText !== undefined) {
    const parsedOffset = integer('offset', offsetText, 0, 999_999);
    if (typeof parsedOffset !== 'number') return { ok: false, issue: parsedOffset };
    offset = parsedOffset;
    if (offset > 0 && cursorText !== null) return { ok: false, issue: { field: 'offset', message: 'offset cannot be combined with pageCursor: the cursor already says where the page starts.' } };
    if (offset + limit > PAGE_SIZE.max) {
      return {
        ok: false,
        issue: {
          field: 'offset',
          message: `offset is served only while offset + limit is at most ${PAGE_SIZE.max} (one page); deeper pages would read every skipped event. Page with pagingInfo.nextPageCursor.cursor as pageCursor instead.`,
        },
      };
    }
  }
  const position = cursorText === null ? ({ kind: 'start' } as const) : readPosition(cursorText);
  if ('field' in position) return { ok: false, issue: position };

  const lists: Record<'categories' | 'actions' | 'userIds', string[] | undefined> = { categories: undefined, actions: undefined, userIds: undefined };
  for (const name of ['categories', 'actions', 'userIds'] as const) {
    const value = values.get(name);
    if (value === undefined) continue;
    const items = list(value, ',');
    if (items.length > MAX_LIST_ITEMS) return { ok: false, issue: { field: name, message: `${name} takes at most ${MAX_LIST_ITEMS} values.` } };
    lists[name] = items;
  }

  let affectedObjects: Array<{ type: string; id: string }> | undefined;
  const objectsText = values.get('affectedObject');
  if (objectsText !== undefined) {
    affectedObjects = [];
    for (const item of list(objectsText, ';')) {
      const comma = item.indexOf(',');
      const type = comma < 0 ? '' : item.slice(0, comma).trim();
      const id = comma < 0 ? '' : item.slice(comma + 1).trim();
      if (type === '' || id === '') return { ok: false, issue: { field: 'affectedObject', message: `"${item}" is not "type,id" (for example "API token,3f2a…").` } };
      affectedObjects.push({ type, id });
    }
    if (affectedObjects.length > MAX_OBJECTS) return { ok: false, issue: { field: 'affectedObject', message: `affectedObject takes at most ${MAX_OBJECTS} objects.` } };
  }

  const echo = [...values.entries()].filter(([name]) => name !== 'pageCursor' && name !== 'offset');
  return {
    ok: true,
    request: {
      input: {
        from: values.get('from'),
        to: values.get('to'),
        categories: lists.categories,
        actions: lists.actions,
        authors: lists.userIds,
        affectedObjects,
        search: values.get('search'),
      },
      limit,
      scanLimit,
      cursor: cursorText,
      position,
      offset,
      echo,
    },
  };
}

/** Atlassian Audit's `pagingInfo`, plus `scanLimitReached` when a free-text scan stopped early. */
export interface PagingInfo {
  size: number;
  lastPage: boolean;
  nextPageCursor?: { cursor: string };
  /** This trigger's URL with the same parameters and the next `pageCursor`. */
  nextPageLink?: string;
  /** Events before the next page in this walk (an `offset` that would start there). */
  nextPageOffset: number;
  scanLimitReached?: boolean;
}

export interface PagingArgs {
  size: number;
  /** The next page's cursor; null on the last page. */
  cursor: string | null;
  scanLimitReached: boolean;
  echo: Array<[string, string]>;
  /** Events before this page. */
  before: number;
  /** The trigger's URL, for an absolute `nextPageLink`; without it the link is relative (`?…`). */
  baseUrl?: string | null;
}

export function pagingInfo(args: PagingArgs): PagingInfo {
  const { size, cursor, scanLimitReached, echo, before, baseUrl } = args;
  const nextPageOffset = before + size;
  if (cursor === null) return { size, lastPage: true, nextPageOffset };
  const query = new URLSearchParams([...echo, ['pageCursor', cursor]]).toString();
  const nextPageLink = baseUrl ? `${baseUrl.split('?')[0]}?${query}` : `?${query}`;
  return { size, lastPage: false, nextPageCursor: { cursor }, nextPageLink, nextPageOffset, ...(scanLimitReached ? { scanLimitReached } : {}) };
}
