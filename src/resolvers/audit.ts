/**
 * `audit/search` and `audit/bootstrap` (docs/audit-events.md, docs/resolvers.md): admin only, on the admin page and on
 * the audit-log page. Search answers from the indexes (src/domain/audit/plan.ts).
 */
import { kvsAuditRows } from '../adapters/audit/row-source';
import { lookUpAuthorNames, searchAuthors } from '../adapters/jira/author-names';
import { loadSettings } from '../adapters/settings/settings-store';
import { unnamedAuthorIds } from '../domain/audit/author-names';
import { AUDIT_ACTION_IDS, AUDIT_ACTIONS, AUDIT_CATEGORIES, OBJECT_TYPES } from '../domain/audit/model';
import { searchAuditEvents } from '../domain/audit/search-service';
import type { AuditFacets, AuditSearchData, DataOf } from '../shared/resolvers';
import { fail, ok, type ResolverResult } from '../shared/result';
import { spec } from './define';
import { auditAuthorSearchSchema, auditBootstrapSchema, auditSearchSchema, type AuditSearchSchema } from './schemas/audit';

/** The page size of the audit-log page's first render. */
export const BOOTSTRAP_PAGE_SIZE = 50;

export const AUDIT_FACETS: AuditFacets = {
  categories: [...AUDIT_CATEGORIES],
  actions: AUDIT_ACTION_IDS.map((id) => ({ category: AUDIT_ACTIONS[id].category, action: AUDIT_ACTIONS[id].action })),
  objectTypes: Object.values(OBJECT_TYPES),
};

async function search(payload: AuditSearchSchema): Promise<ResolverResult<AuditSearchData>> {
  const settings = await loadSettings();
  const outcome = await searchAuditEvents(kvsAuditRows, {
    input: {
      from: payload.from,
      to: payload.to,
      categories: payload.categories,
      actions: payload.actions,
      authors: payload.authors,
      affectedObjects: payload.affectedObject ? [payload.affectedObject] : undefined,
      search: payload.search,
    },
    limit: payload.limit,
    scanLimit: payload.scanLimit,
    cursor: payload.cursor,
    countBeyond: payload.countBeyond,
    retention: settings.retention,
    now: Date.now(),
  });
  if (!outcome.ok) return fail('INVALID_INPUT', outcome.issue.message, [{ path: outcome.issue.field, message: outcome.issue.message }]);
  // Names beside the events, not in them: the events stay as stored (exports carry them under their seals).
  const authorNames = await lookUpAuthorNames(unnamedAuthorIds(outcome.events));
  return ok({
    entities: outcome.events,
    cursor: outcome.cursor,
    scanLimitReached: outcome.scanLimitReached,
    authorNames,
    ...(outcome.beyond ? { beyond: outcome.beyond } : {}),
  });
}

export const auditSpecs = {
  'audit/search': spec({
    access: 'admin',
    payload: auditSearchSchema,
    handle: (payload): Promise<ResolverResult<DataOf<'audit/search'>>> => search(payload),
  }),
  'audit/searchAuthors': spec({
    access: 'admin',
    payload: auditAuthorSearchSchema,
    // Jira's user search needs a query; an empty box simply has no suggestions.
    handle: async ({ query }): Promise<ResolverResult<DataOf<'audit/searchAuthors'>>> => ok({ users: query === '' ? [] : await searchAuthors(query) }),
  }),
  'audit/bootstrap': spec({
    access: 'admin',
    payload: auditBootstrapSchema,
    handle: async ({ query }): Promise<ResolverResult<DataOf<'audit/bootstrap'>>> => {
      // The page's timeline says how many more events match, where the index can tell (one more read).
      const firstPage = await search({ ...query, limit: BOOTSTRAP_PAGE_SIZE, countBeyond: true });
      if (!firstPage.ok) return firstPage;
      return ok({ firstPage: firstPage.data, facets: AUDIT_FACETS });
    },
  }),
};
