/**
 * The admin page's "API calls" tab (docs/api-calls.md): what the app may call and why, and the calls it made.
 * `catalogView()` and `recentCalls()` are also used by `admin/bootstrap`, so the first render needs one invocation.
 */
import { kvsAuditRows } from '../adapters/audit/row-source';
import { catalogEntries, VENDOR_SUPPORT_URL } from '../adapters/outbound/catalog';
import { loadSettings } from '../adapters/settings/settings-store';
import { AUDIT_ACTIONS, type AuditEvent } from '../domain/audit/model';
import { searchAuditEvents } from '../domain/audit/search-service';
import type { Settings } from '../domain/settings/model';
import type { DataOf, OutboundCallView } from '../shared/resolvers';
import { fail, ok, type ResolverResult } from '../shared/result';
import { spec } from './define';
import { RECENT_CALLS, recentCallsSchema } from './schemas/outbound';
import { emptySchema } from './schemas/tokens';

export { RECENT_CALLS };

export function catalogView(): DataOf<'outbound/catalog'> {
  const calls: OutboundCallView[] = catalogEntries().map(({ id, method, route, actor, origin, description }) => ({
    id,
    method,
    route,
    actor,
    origin,
    description,
  }));
  return { calls, supportUrl: VENDOR_SUPPORT_URL };
}

/**
 * The most recent "App API call" events, newest first: one indexed page of the audit log (by action), within
 * retention. Pass the settings when the caller has them already, to save the read.
 */
export async function recentCalls(limit: number = RECENT_CALLS.default, settings?: Settings): Promise<AuditEvent[]> {
  const { retention } = settings ?? (await loadSettings());
  const outcome = await searchAuditEvents(kvsAuditRows, {
    input: { actions: [AUDIT_ACTIONS.appApiCall.action] },
    limit: Math.min(Math.max(1, Math.trunc(limit)), RECENT_CALLS.max),
    retention,
    now: Date.now(),
  });
  if (!outcome.ok) throw new Error(`Recent App API calls could not be searched: ${outcome.issue.message}`);
  return outcome.events;
}

const catalogSpec = spec({
  access: 'admin',
  payload: emptySchema,
  handle: async (): Promise<ResolverResult<DataOf<'outbound/catalog'>>> => ok(catalogView()),
});

const recentSpec = spec({
  access: 'admin',
  payload: recentCallsSchema,
  handle: async (payload): Promise<ResolverResult<DataOf<'outbound/recent'>>> => {
    try {
      return ok({ events: await recentCalls(payload.limit) });
    } catch (error) {
      console.error(`outbound/recent failed: ${error instanceof Error ? error.name : 'unknown error'}`);
      return fail('UNAVAILABLE', 'The recent API calls could not be read right now. Please try again.');
    }
  },
});

export const outboundSpecs = {
  'outbound/catalog': catalogSpec,
  'outbound/recent': recentSpec,
};
