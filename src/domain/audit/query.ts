/**
 * A search as the resolver and the pull API receive it, checked and normalised once: dates to
 * epoch ms, categories and actions to their catalog names (a name, catalog id or i18n key is
 * accepted), affected objects to index keys, free text to lower-case terms.
 */
import { actionI18nKey, categoryI18nKey } from './build-event';
import { AUDIT_ACTION_IDS, AUDIT_ACTIONS, AUDIT_CATEGORIES } from './model';
import { objectKeyOf } from './row';

export interface AuditQueryInput {
  from?: string | null;
  to?: string | null;
  categories?: readonly string[];
  actions?: readonly string[];
  authors?: readonly string[];
  affectedObjects?: ReadonlyArray<{ type: string; id: string }>;
  search?: string | null;
}

export interface AuditQuery {
  /** Inclusive bounds in epoch ms; null = open. */
  from: number | null;
  to: number | null;
  /** null = any. Never empty arrays. */
  categories: string[] | null;
  actions: string[] | null;
  authors: string[] | null;
  /** `type:id` keys of affected objects (any of them). */
  objects: string[] | null;
  /** Lower-case terms that must all occur in the event's search text. */
  terms: string[];
  /** True when the filters cannot match anything (e.g. actions outside the chosen categories). */
  impossible: boolean;
}

export type QueryIssue = { field: string; message: string };
export type NormalizeResult = { ok: true; query: AuditQuery } | { ok: false; issue: QueryIssue };

export const QUERY_BOUNDS = { terms: 10, termLength: 100, searchLength: 500 } as const;

const ISO_8601 = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/i;

/** Epoch ms of an ISO-8601 date or date-time (a date alone is midnight UTC); null when not ISO. */
export function parseIsoTime(text: string): number | null {
  const trimmed = text.trim();
  if (!ISO_8601.test(trimmed)) return null;
  const time = Date.parse(trimmed.length === 10 ? `${trimmed}T00:00:00Z` : trimmed);
  return Number.isFinite(time) ? time : null;
}

const CATEGORY_BY_ALIAS = new Map<string, string>();
for (const category of AUDIT_CATEGORIES) {
  CATEGORY_BY_ALIAS.set(category.toLowerCase(), category);
  CATEGORY_BY_ALIAS.set(categoryI18nKey(category), category);
}

const ACTION_BY_ALIAS = new Map<string, string>();
for (const id of AUDIT_ACTION_IDS) {
  const name = AUDIT_ACTIONS[id].action;
  ACTION_BY_ALIAS.set(name.toLowerCase(), name);
  ACTION_BY_ALIAS.set(id.toLowerCase(), name);
  ACTION_BY_ALIAS.set(actionI18nKey(id), name);
}

const CATEGORY_OF_ACTION = new Map<string, string>(AUDIT_ACTION_IDS.map((id) => [AUDIT_ACTIONS[id].action, AUDIT_ACTIONS[id].category]));

export function categoryOfAction(action: string): string | undefined {
  return CATEGORY_OF_ACTION.get(action);
}

function resolveNames(field: string, given: readonly string[] | undefined, aliases: Map<string, string>, known: string): { ok: true; names: string[] | null } | { ok: false; issue: QueryIssue } {
  if (!given || given.length === 0) return { ok: true, names: null };
  const names: string[] = [];
  for (const raw of given) {
    const name = aliases.get(raw.trim().toLowerCase());
    if (name === undefined) return { ok: false, issue: { field, message: `Unknown ${known} "${raw}". Known: ${[...new Set(aliases.values())].join(', ')}.` } };
    if (!names.includes(name)) names.push(name);
  }
  return { ok: true, names };
}

function distinct(values: readonly string[] | undefined): string[] | null {
  if (!values) return null;
  const result = [...new Set(values.map((v) => v.trim()).filter((v) => v !== ''))];
  return result.length === 0 ? null : result;
}

/** Free text → terms: lower-cased, split on whitespace, de-duplicated. */
export function searchTerms(search: string | null | undefined): { ok: true; terms: string[] } | { ok: false; issue: QueryIssue } {
  if (!search) return { ok: true, terms: [] };
  if (search.length > QUERY_BOUNDS.searchLength) {
    return { ok: false, issue: { field: 'search', message: `Search text is limited to ${QUERY_BOUNDS.searchLength} characters.` } };
  }
  const terms = [...new Set(search.toLowerCase().split(/\s+/).filter((term) => term !== ''))];
  if (terms.length > QUERY_BOUNDS.terms) {
    return { ok: false, issue: { field: 'search', message: `Search text is limited to ${QUERY_BOUNDS.terms} words.` } };
  }
  if (terms.some((term) => term.length > QUERY_BOUNDS.termLength)) {
    return { ok: false, issue: { field: 'search', message: `A search word is limited to ${QUERY_BOUNDS.termLength} characters.` } };
  }
  return { ok: true, terms };
}

export function normalizeQuery(input: AuditQueryInput): NormalizeResult {
  let from: number | null = null;
  let to: number | null = null;
  if (input.from) {
    from = parseIsoTime(input.from);
    if (from === null) return { ok: false, issue: { field: 'from', message: `"${input.from}" is not an ISO-8601 date-time.` } };
  }
  if (input.to) {
    to = parseIsoTime(input.to);
    if (to === null) return { ok: false, issue: { field: 'to', message: `"${input.to}" is not an ISO-8601 date-time.` } };
  }
  if (from !== null && to !== null && from > to) return { ok: false, issue: { field: 'from', message: '"from" is after "to".' } };

  const categories = resolveNames('categories', input.categories, CATEGORY_BY_ALIAS, 'category');
  if (!categories.ok) return categories;
  const actions = resolveNames('actions', input.actions, ACTION_BY_ALIAS, 'action');
  if (!actions.ok) return actions;
  const terms = searchTerms(input.search);
  if (!terms.ok) return terms;

  let actionNames = actions.names;
  let categoryNames = categories.names;
  let impossible = false;
  if (actionNames && categoryNames) {
    // An action implies its category: keep the actions inside the chosen categories.
    const allowed = new Set(categoryNames);
    actionNames = actionNames.filter((action) => allowed.has(categoryOfAction(action) ?? ''));
    impossible = actionNames.length === 0;
    categoryNames = null;
    if (impossible) actionNames = null;
  } else if (actionNames) {
    categoryNames = null;
  }

  const objects = input.affectedObjects && input.affectedObjects.length > 0 ? [...new Set(input.affectedObjects.map(objectKeyOf))] : null;
  return {
    ok: true,
    query: {
      from,
      to,
      categories: categoryNames,
      actions: actionNames,
      authors: distinct(input.authors),
      objects,
      terms: terms.terms,
      impossible,
    },
  };
}

/**
 * A short, stable fingerprint of the filters (not of limit or scan limit): a cursor carries it,
 * so a cursor used with another filter is refused instead of silently paging the wrong list.
 * FNV-1a is enough: this detects mistakes, it is not a security boundary (the cursor holds only
 * a position inside the caller's own query).
 */
export function queryFingerprint(query: AuditQuery): string {
  const canonical = JSON.stringify([
    query.from,
    query.to,
    query.categories && [...query.categories].sort(),
    query.actions && [...query.actions].sort(),
    query.authors && [...query.authors].sort(),
    query.objects && [...query.objects].sort(),
    [...query.terms].sort(),
  ]);
  let hash = 0x811c9dc5;
  for (let i = 0; i < canonical.length; i += 1) {
    hash ^= canonical.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(36);
}
