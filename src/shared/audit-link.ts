/**
 * A link into the audit-log page with its filters (docs/audit-events.md, "Links into the audit log"):
 * the path the Alerts tab navigates to (`router.navigate` with `path`) and the location the page
 * reads back (`view.createHistory()`) and keeps in step as filters change, so a filtered view can be
 * shared. One format, written and read here only:
 *
 *   /events?v=1&object=<id>[&type=<object type>][&action=<action id>]...[&category=<name>]...
 *          [&from=<ISO-8601>][&to=<ISO-8601>][&author=<account id>][&q=<text>]
 *
 * Anyone can craft such a URL and send it to an admin, so reading is defensive: unknown keys are
 * ignored, a malformed or ambiguous (repeated) value is dropped on its own, lengths are bounded,
 * another version or path gives no filter at all, and nothing here is ever HTML (the page renders
 * values as text). Reading never throws. Browser-safe: the UI Kit admin page and the Custom UI
 * import it.
 */
import * as z from 'zod/mini';
import { MS_PER_DAY, type SignalKind } from '../domain/alerts/model';
import { AUDIT_ACTION_IDS, AUDIT_ACTIONS, AUDIT_CATEGORIES, OBJECT_TYPES } from '../domain/audit/model';
import { parseIsoTime, QUERY_BOUNDS } from '../domain/audit/query';

export const AUDIT_LINK_VERSION = '1';
export const AUDIT_LINK_PATH = '/events';
/** A longer location is not a link this app wrote: it is ignored whole. */
export const AUDIT_LINK_MAX_LENGTH = 2048;
/** At most this many categories or actions are read from a link; more are dropped. */
const MAX_LISTED = 32;
const ID_PATTERN = /^[\w.:@-]{1,128}$/;
/** Free text as a link may carry it: the search's own bound, no control characters. */
const printable = z.string().check(
  z.maxLength(QUERY_BOUNDS.searchLength),
  z.refine((text) => !/\p{Cc}/u.test(text)),
);

/** The filters a link carries; empty strings and lists mean "not filtered by this". */
export interface AuditLinkFilters {
  /** Epoch ms, inclusive; null = open. */
  from: number | null;
  to: number | null;
  /** Category names. */
  categories: string[];
  /** Action names, as the search and the page's filter use them. */
  actions: string[];
  /** Author account id. */
  author: string;
  /** Affected object type; `API token` when the link names none. */
  objectType: string;
  objectId: string;
  text: string;
}

export const NO_LINK_FILTERS: AuditLinkFilters = {
  from: null,
  to: null,
  categories: [],
  actions: [],
  author: '',
  objectType: OBJECT_TYPES.token,
  objectId: '',
  text: '',
};

/** What `history.location` offers; the search part may also arrive inside the path. */
export interface LinkLocation {
  pathname?: string;
  search?: string;
}

const OBJECT_TYPE_VALUES = Object.values(OBJECT_TYPES);
const ACTION_ID_BY_NAME = new Map<string, string>(AUDIT_ACTION_IDS.map((id) => [AUDIT_ACTIONS[id].action, id]));

/**
 * The path of a link showing these filters (no filter: the page itself). A value the reader would
 * drop (an author typed as text that is no account id, say) is left out, so a link never promises
 * more than it shows.
 */
export function formatAuditLink(filters: Partial<AuditLinkFilters>): string {
  const f = { ...NO_LINK_FILTERS, ...filters };
  const params = new URLSearchParams();
  if (ID_PATTERN.test(f.objectId.trim())) {
    if (f.objectType !== OBJECT_TYPES.token) params.append('type', f.objectType);
    params.append('object', f.objectId.trim());
  }
  // Actions by catalog id: shorter than their names, and stable if a name is reworded.
  for (const action of f.actions) params.append('action', ACTION_ID_BY_NAME.get(action) ?? action);
  for (const category of f.categories) params.append('category', category);
  if (f.from !== null) params.append('from', new Date(f.from).toISOString());
  if (f.to !== null) params.append('to', new Date(f.to).toISOString());
  if (ID_PATTERN.test(f.author.trim())) params.append('author', f.author.trim());
  if (printable.safeParse(f.text.trim()).success && f.text.trim() !== '') params.append('q', f.text.trim());
  if ([...params.keys()].length === 0) return '/';
  return `${AUDIT_LINK_PATH}?v=${AUDIT_LINK_VERSION}&${params.toString()}`;
}

// --- Reading ---------------------------------------------------------------------------------------

/** A value that fails its schema becomes undefined: dropped alone, never failing the whole link. */
const lenient = <T extends z.ZodMiniType>(schema: T) => z.catch(z.optional(schema), undefined);

const isoTime = z.pipe(
  z.string().check(z.maxLength(40)),
  z.transform((text, ctx) => {
    const time = parseIsoTime(text);
    if (time === null) {
      ctx.issues.push({ code: 'custom', message: 'not an ISO-8601 time', input: text });
      return z.NEVER;
    }
    return time;
  }),
);
const id = z.string().check(z.regex(ID_PATTERN));
const actionName = z.pipe(
  z.string(),
  z.transform((given, ctx) => {
    const entry = (AUDIT_ACTION_IDS as readonly string[]).includes(given) ? AUDIT_ACTIONS[given as keyof typeof AUDIT_ACTIONS] : undefined;
    if (!entry) {
      ctx.issues.push({ code: 'custom', message: 'unknown action', input: given });
      return z.NEVER;
    }
    return entry.action;
  }),
);
/** Each entry checked on its own: a bad one is dropped, the others kept. */
const list = <T extends z.ZodMiniType>(entry: T) => z.catch(z.optional(z.array(z.catch(z.optional(entry), undefined))), undefined);

const linkSchema = z.object({
  from: lenient(isoTime),
  to: lenient(isoTime),
  type: lenient(z.enum(OBJECT_TYPE_VALUES)),
  object: lenient(id),
  author: lenient(id),
  q: lenient(printable),
  action: list(actionName),
  category: list(z.enum(AUDIT_CATEGORIES)),
});

const SINGLE_KEYS = new Set(['v', 'from', 'to', 'type', 'object', 'author', 'q']);
const LIST_KEYS = new Set(['action', 'category']);

/** Query parameters as the schema reads them; a single-valued key given twice is ambiguous and left out. */
function paramsOf(search: string): Record<string, string | string[]> {
  const single = new Map<string, string[]>();
  const lists = new Map<string, string[]>();
  for (const [key, value] of new URLSearchParams(search)) {
    if (SINGLE_KEYS.has(key)) single.set(key, [...(single.get(key) ?? []), value]);
    else if (LIST_KEYS.has(key)) lists.set(key, [...(lists.get(key) ?? []), value].slice(0, MAX_LISTED));
  }
  const params: Record<string, string | string[]> = {};
  for (const [key, values] of single) if (values.length === 1) params[key] = values[0];
  for (const [key, values] of lists) params[key] = values;
  return params;
}

/** The filters a location carries; no filter for anything this app would not have written. Never throws. */
export function parseAuditLink(location: LinkLocation | null | undefined): AuditLinkFilters {
  const pathname = typeof location?.pathname === 'string' ? location.pathname : '';
  const search = typeof location?.search === 'string' ? location.search : '';
  if (pathname.length + search.length > AUDIT_LINK_MAX_LENGTH) return NO_LINK_FILTERS;
  // The platform may hand the query over inside the path; both forms read the same.
  const inPath = pathname.indexOf('?');
  const path = inPath >= 0 ? pathname.slice(0, inPath) : pathname;
  const query = inPath >= 0 ? pathname.slice(inPath) : search;
  if (path.replace(/\/+$/, '') !== AUDIT_LINK_PATH) return NO_LINK_FILTERS;

  const params = paramsOf(query);
  if (params.v !== undefined && params.v !== AUDIT_LINK_VERSION) return NO_LINK_FILTERS;
  const parsed = linkSchema.safeParse(params);
  if (!parsed.success) return NO_LINK_FILTERS;
  const link = parsed.data;

  let from = link.from ?? null;
  let to = link.to ?? null;
  // A range that ends before it starts matches nothing: drop it rather than show an empty page.
  if (from !== null && to !== null && from > to) {
    from = null;
    to = null;
  }
  const objectId = link.object ?? '';
  const present = (values: ReadonlyArray<string | undefined> | undefined): string[] => [...new Set((values ?? []).filter((v): v is string => v !== undefined))];
  return {
    from,
    to,
    categories: present(link.category),
    actions: present(link.action),
    author: link.author ?? '',
    objectType: objectId !== '' ? (link.type ?? OBJECT_TYPES.token) : OBJECT_TYPES.token,
    objectId,
    text: (link.q ?? '').trim(),
  };
}

/**
 * The events of one alert: its signal's event on its token on its UTC day. An alert is one per
 * token, signal and day (src/domain/alerts/model.ts), so this is the tightest filter the search
 * has (object, action, time range) and it lists exactly the alert's event.
 */
export function alertEventsFilters(alert: { tokenId: string; signal: SignalKind; day: string }): AuditLinkFilters {
  const start = parseIsoTime(alert.day);
  return {
    ...NO_LINK_FILTERS,
    objectType: OBJECT_TYPES.token,
    objectId: alert.tokenId,
    actions: [AUDIT_ACTIONS[alert.signal].action],
    from: start,
    to: start === null ? null : start + MS_PER_DAY - 1,
  };
}
