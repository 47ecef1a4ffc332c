/**
 * `tokens/*` resolvers for both pages. The admin page reaches every token; the personal page only
 * the caller's own (its schemas have no owner field, and the domain confines every operation).
 */
import { siteSystem } from '../domain/audit/build-event';
import type { AuditMethod } from '../domain/audit/model';
import { createToken } from '../domain/tokens/create-token';
import { listTokens } from '../domain/tokens/list-tokens';
import type { Caller } from '../domain/tokens/ports';
import { revokeAllForUser } from '../domain/tokens/revoke-all';
import { revokeToken } from '../domain/tokens/revoke-token';
import { rotateToken } from '../domain/tokens/rotate-token';
import { updateToken } from '../domain/tokens/update-token';
import { tokenDeps } from '../adapters/tokens/token-deps';
import { spec, type Access, type CallContext } from './define';
import {
  createOwnTokenSchema,
  createTokenSchema,
  listOwnTokensSchema,
  listTokensSchema,
  revokeAllSchema,
  revokeTokenSchema,
  rotateTokenSchema,
  updateTokenSchema,
} from './schemas/tokens';

export type Surface = 'admin' | 'personal';

const SURFACE: Record<Surface, { access: Access; reach: Caller['reach']; method: AuditMethod }> = {
  admin: { access: 'admin', reach: 'all', method: 'Admin page' },
  personal: { access: 'user', reach: 'own', method: 'Personal settings' },
};

export function callerFor(surface: Surface, context: CallContext): Caller {
  const { reach, method } = SURFACE[surface];
  // On the admin page buildResolver has already verified the caller is a Jira administrator.
  return { accountId: context.accountId, isAdmin: surface === 'admin' ? true : undefined, reach, method };
}

export function siteOf(context: CallContext): string {
  return siteSystem(context.cloudId);
}

function sharedSpecs(surface: Surface) {
  const { access } = SURFACE[surface];
  return {
    'tokens/revoke': spec({
      access,
      payload: revokeTokenSchema,
      handle: (payload, context) => revokeToken(tokenDeps(siteOf(context)), callerFor(surface, context), payload.tokenId),
    }),
    'tokens/rotate': spec({
      access,
      payload: rotateTokenSchema,
      handle: (payload, context) => rotateToken(tokenDeps(siteOf(context)), callerFor(surface, context), payload),
    }),
    'tokens/update': spec({
      access,
      payload: updateTokenSchema,
      handle: (payload, context) => updateToken(tokenDeps(siteOf(context)), callerFor(surface, context), payload),
    }),
  };
}

export const adminTokenSpecs = {
  'tokens/create': spec({
    access: 'admin',
    payload: createTokenSchema,
    handle: (payload, context) => createToken(tokenDeps(siteOf(context)), callerFor('admin', context), payload),
  }),
  'tokens/list': spec({
    access: 'admin',
    payload: listTokensSchema,
    handle: (payload, context) => listTokens(tokenDeps(siteOf(context)), callerFor('admin', context), payload),
  }),
  'tokens/revokeAllForUser': spec({
    access: 'admin',
    payload: revokeAllSchema,
    handle: (payload, context) => revokeAllForUser(tokenDeps(siteOf(context)), callerFor('admin', context), payload.accountId),
  }),
  ...sharedSpecs('admin'),
};

export const personalTokenSpecs = {
  'tokens/create': spec({
    access: 'user',
    payload: createOwnTokenSchema,
    handle: (payload, context) => createToken(tokenDeps(siteOf(context)), callerFor('personal', context), payload),
  }),
  'tokens/list': spec({
    access: 'user',
    payload: listOwnTokensSchema,
    handle: (payload, context) => listTokens(tokenDeps(siteOf(context)), callerFor('personal', context), payload),
  }),
  ...sharedSpecs('personal'),
};
