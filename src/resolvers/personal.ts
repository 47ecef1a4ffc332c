/** The "My API tokens" page's resolvers: the caller's own tokens and the page's bootstrap. */
import { loadSettings } from '../adapters/settings/settings-store';
import { tokenDeps } from '../adapters/tokens/token-deps';
import { listTokens } from '../domain/tokens/list-tokens';
import { personalPolicyView } from '../domain/tokens/policy-view';
import type { DataOf } from '../shared/resolvers';
import { fail, ok, type ResolverResult } from '../shared/result';
import { buildResolver, moduleSpecs, spec } from './define';
import { noticesFor } from './hygiene';
import { emptySchema } from './schemas/tokens';
import { callerFor, personalTokenSpecs, siteOf } from './tokens';

/** Everything the personal page needs for its first render, in one invocation. */
const bootstrap = spec({
  access: 'user',
  payload: emptySchema,
  handle: async (_payload, context): Promise<ResolverResult<DataOf<'personal/bootstrap'>>> => {
    const deps = tokenDeps(siteOf(context));
    const settingsAndNotices = loadSettings().then(async (settings) => ({
      settings,
      notices: await noticesFor(context.accountId, deps.clock.now(), settings.hygiene),
    }));
    const [tokens, { settings, notices }, names, isAdmin] = await Promise.all([
      listTokens(deps, callerFor('personal', context), {}),
      settingsAndNotices,
      deps.directory.displayNames([context.accountId]),
      deps.directory.isAdmin(context.accountId),
    ]);
    if (!tokens.ok) return fail(tokens.error.code, tokens.error.message);
    // Groups matter only when the policy limits creators to groups: spare the Jira call otherwise.
    const userGroupIds = settings.policies.creators.mode === 'groups' ? await deps.directory.groupIds(context.accountId) : [];
    return ok({
      me: { accountId: context.accountId, displayName: names.get(context.accountId) ?? context.accountId, isAdmin },
      tokens: tokens.data,
      policy: personalPolicyView(settings.policies, { now: deps.clock.now(), userGroupIds }),
      notices,
    });
  },
});

export const personalSpecs = moduleSpecs('my-api-tokens')({
  ...personalTokenSpecs,
  'personal/bootstrap': bootstrap,
});

export const personalResolver = buildResolver(personalSpecs);
