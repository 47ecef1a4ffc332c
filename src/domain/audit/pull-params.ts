/**
 * The query parameters of Atlassian Audit's `GET /rest/auditing/1.0/events` (seed 004), as the
 * audit-events web trigger takes them: `from`, `to` (ISO-8601), `limit`, `pageCursor`,
 * `categories`, `actions`, `userIds` (comma-separated), `affectedObject` (`type,id`, several
 * separated by `;`), `search` and `scanLimit`. Anything else is refused, so a typo is an error
 * instead of a silently unfiltered export.
 */
import type { AuditQueryInput, QueryIssue } from './query';
import { PAGE_SIZE, SCAN_LIMIT } from './search';

export const PULL_PARAMETERS = ['from', 'to', 'limit', 'pageCursor', 'categories', 'actions', 'userIds', 'affectedObject', 'search', 'scanLimit'] as const;
type PullParameter = (typeof PULL_PARAMETERS)[number];

/** Without `limit`, the largest page: a SIEM pull wants few round trips. */
export const PULL_DEFAULT_LIMIT = PAGE_SIZE.max;
const MAX_LIST_ITEMS = 20;
const MAX_OBJECTS = 10;
const MAX_VALUE_LENGTH = 2000;

export interface PullRequest {
  input: AuditQueryInput;
  limit: number;
  scanLimit: number | undefined;
  cursor: string | null;
  /** The parameters as given (minus the cursor), to build `nextPageLink`. */
  echo: Array<[string, string]>;
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
      if (name === 'offset') return { ok: false, issue: { field: name, message: 'offset paging is not supported: pass pagingInfo.nextPageCursor.cursor as pageCursor.' } };
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

  const echo = [...values.entries()].filter(([name]) => name !== 'pageCursor');
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
      cursor: values.get('pageCursor')?.trim() || null,
      echo,
    },
  };
}

/** Atlassian Audit's `pagingInfo`, plus `scanLimitReached` when a free-text scan stopped early. */
export interface PagingInfo {
  size: number;
  lastPage: boolean;
  nextPageCursor?: { cursor: string };
  /** Relative to this request's URL: the same parameters with the next `pageCursor`. */
  nextPageLink?: string;
  scanLimitReached?: boolean;
}

export function pagingInfo(size: number, cursor: string | null, scanLimitReached: boolean, echo: Array<[string, string]>): PagingInfo {
  if (cursor === null) return { size, lastPage: true };
  const link = new URLSearchParams([...echo, ['pageCursor', cursor]]);
  return { size, lastPage: false, nextPageCursor: { cursor }, nextPageLink: `?${link.toString()}`, ...(scanLimitReached ? { scanLimitReached } : {}) };
}
