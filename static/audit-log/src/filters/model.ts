/**
 * The filter bar's state and how it maps onto the `audit/search` payload (docs/audit-events.md, docs/resolvers.md).
 * Pure: the browser test and the unit tests pin the mapping.
 */
import type { AuditSearchPayload } from '../../../../src/shared/resolvers';

/**
 * Affected-object types the producers record, token first (the filter's default).
 * Mirrors OBJECT_TYPES in src/domain/audit/model.ts.
 */
export const OBJECT_TYPE_OPTIONS = [
  { value: 'API token', label: 'Token' },
  { value: 'user', label: 'User' },
  { value: 'API call', label: 'API call' },
] as const;
export const DEFAULT_OBJECT_TYPE = OBJECT_TYPE_OPTIONS[0].value;

/**
 * How many events a text search looks through per page before it says it stopped early (the
 * `scanLimit` of Atlassian Audit's search). null sends none: the server's default of 1,000.
 * Mirrors SCAN_LIMIT in src/domain/audit/search.ts (default 1,000, at most 10,000).
 */
export const SCAN_DEPTH_OPTIONS: ReadonlyArray<{ value: number | null; label: string }> = [
  { value: null, label: '1,000 events' },
  { value: 5_000, label: '5,000 events' },
  { value: 10_000, label: '10,000 events' },
];

export interface Filters {
  /** Epoch milliseconds, inclusive; null for "no lower bound". */
  from: number | null;
  /** Epoch milliseconds, inclusive; null for "up to now". */
  to: number | null;
  categories: string[];
  actions: string[];
  /** Author account id. */
  author: string;
  /** The picked author's display name, shown in the field; '' for an account id typed as is. Not sent. */
  authorName: string;
  /** Affected object type, e.g. 'API token'; only sent together with an id. */
  objectType: string;
  /** Affected object id, e.g. a token id. */
  objectId: string;
  /** Free text over description, path and attribute values. */
  text: string;
  /** Scan limit for text searches; null for the server's default. Sent only with text. */
  scanLimit: number | null;
}

export const EMPTY_FILTERS: Filters = {
  from: null,
  to: null,
  categories: [],
  actions: [],
  author: '',
  authorName: '',
  objectType: DEFAULT_OBJECT_TYPE,
  objectId: '',
  text: '',
  scanLimit: null,
};

export interface PageRequest {
  limit: number;
  cursor?: string | null;
}

/** Only the fields that narrow the search are sent, so an empty filter is an empty payload. */
export function toSearchPayload(filters: Filters, page: PageRequest): AuditSearchPayload {
  const payload: AuditSearchPayload = { limit: page.limit };
  if (filters.from !== null) payload.from = new Date(filters.from).toISOString();
  if (filters.to !== null) payload.to = new Date(filters.to).toISOString();
  if (filters.categories.length > 0) payload.categories = [...filters.categories];
  if (filters.actions.length > 0) payload.actions = [...filters.actions];
  const author = filters.author.trim();
  if (author !== '') payload.authors = [author];
  const objectId = filters.objectId.trim();
  if (objectId !== '') payload.affectedObject = { type: filters.objectType, id: objectId };
  const text = filters.text.trim();
  if (text !== '') payload.search = text;
  if (text !== '' && filters.scanLimit !== null) payload.scanLimit = filters.scanLimit;
  if (page.cursor) payload.cursor = page.cursor;
  return payload;
}

/** The filters alone, for `audit/bootstrap`'s `query`; null when nothing narrows the search. */
export function toQueryPayload(filters: Filters): Omit<AuditSearchPayload, 'limit' | 'cursor' | 'countBeyond'> | null {
  const { limit: _limit, cursor: _cursor, ...query } = toSearchPayload(filters, { limit: 1 });
  return Object.keys(query).length === 0 ? null : query;
}

/** A problem the user must fix before the filters can be sent, or null. */
export function filterProblem(filters: Filters): string | null {
  if (filters.from !== null && filters.to !== null && filters.from > filters.to) {
    return '"From" is after "To". Pick a start before the end.';
  }
  return null;
}

export function hasActiveFilters(filters: Filters): boolean {
  return Object.keys(toSearchPayload(filters, { limit: 1 })).length > 1;
}

/** Action options for the chosen categories (all actions when no category is chosen), keeping chosen actions visible. */
export function visibleActions(
  actions: ReadonlyArray<{ category: string; action: string }>,
  filters: Pick<Filters, 'categories' | 'actions'>,
): Array<{ category: string; action: string }> {
  if (filters.categories.length === 0) return [...actions];
  return actions.filter((entry) => filters.categories.includes(entry.category) || filters.actions.includes(entry.action));
}

/**
 * The author filter for text applied without picking a person: an account id as typed, or, when
 * the text is the display name of an author seen in the loaded events ("Local Admin"), that
 * author's account id; with the name to show when it is known.
 */
export function typedAuthor(typed: string, known: ReadonlyArray<{ id: string; name: string }>): Pick<Filters, 'author' | 'authorName'> {
  const text = typed.trim();
  if (text === '') return { author: '', authorName: '' };
  const byId = known.find((author) => author.id === text);
  if (byId) return { author: text, authorName: byId.name !== text ? byId.name : '' };
  const byName = known.filter((author) => author.name.trim().toLowerCase() === text.toLowerCase());
  return byName.length === 1 ? { author: byName[0].id, authorName: byName[0].name } : { author: text, authorName: '' };
}

/** What the author field shows for the applied filter: the person's name, else the account id. */
export function authorFieldText(filters: Pick<Filters, 'author' | 'authorName'>): string {
  return filters.authorName !== '' ? filters.authorName : filters.author;
}
