/** The admin page's resolvers: tokens, settings, people pickers, outbound catalog, audit search, and its bootstrap. */
import { getGroupsByIds } from '../adapters/jira/directory';
import { loadSettings } from '../adapters/settings/settings-store';
import { tokenDeps } from '../adapters/tokens/token-deps';
import { listTokens } from '../domain/tokens/list-tokens';
import type { DataOf } from '../shared/resolvers';
import { fail, ok, type ResolverResult } from '../shared/result';
import { alertWebhookSpecs } from './alert-webhooks';
import { alertSpecs } from './alerts';
import { auditSpecs } from './audit';
import { creatorGroupsOf } from './creator-groups';
import { buildResolver, moduleSpecs, spec } from './define';
import { destinationSpecs } from './destinations';
import { expiringCount, hygieneSpecs } from './hygiene';
import { integritySpecs } from './integrity';
import { catalogView, outboundSpecs, recentCalls } from './outbound';
import { emptySchema } from './schemas/tokens';
import { settingsSpecs } from './settings';
import { adminTokenSpecs, callerFor, siteOf } from './tokens';
import { userSpecs } from './users';

/** Everything the admin page needs for its first render, in one invocation. */
const bootstrap = spec({
  access: 'admin',
  payload: emptySchema,
  handle: async (_payload, context): Promise<ResolverResult<DataOf<'admin/bootstrap'>>> => {
    const deps = tokenDeps(siteOf(context));
    const settingsAndCalls = loadSettings().then(async (settings) => {
      const [calls, creatorGroups, expiring] = await Promise.all([
        recentCalls(undefined, settings),
        creatorGroupsOf(settings.policies.creators, getGroupsByIds),
        expiringCount(deps.clock.now(), settings.hygiene),
      ]);
      return { settings, calls, creatorGroups, expiring };
    });
    const [tokens, { settings, calls, creatorGroups, expiring }, names] = await Promise.all([
      listTokens(deps, callerFor('admin', context), {}),
      settingsAndCalls,
      deps.directory.displayNames([context.accountId]),
    ]);
    if (!tokens.ok) return fail(tokens.error.code, tokens.error.message);
    return ok({
      me: { accountId: context.accountId, displayName: names.get(context.accountId) ?? context.accountId, isAdmin: true },
      tokens: tokens.data,
      settings,
      catalog: catalogView(),
      recentCalls: calls,
      ...(creatorGroups ? { creatorGroups } : {}),
      expiring,
    });
  },
});

/** Every resolver of the admin page (exported so tests can check that each one is admin-only). */
export const adminSpecs = moduleSpecs('api-token-admin')({
  ...adminTokenSpecs,
  ...settingsSpecs,
  ...userSpecs,
  ...outboundSpecs,
  ...auditSpecs,
  ...destinationSpecs,
  ...integritySpecs,
  ...hygieneSpecs,
  ...alertSpecs,
  ...alertWebhookSpecs,
  'admin/bootstrap': bootstrap,
});

export const adminResolver = buildResolver(adminSpecs);
