/** Resolver answers for the ForgeDoc page tests, in the shapes of src/shared/resolvers.ts. */
import { DEFAULT_SETTINGS, type Settings } from '../../src/domain/settings/model';
import type { DataOf, TokenView } from '../../src/shared/resolvers';
import type { ResolverResult } from '../../src/shared/result';

const DAY = 86_400_000;
export const NOW = Date.parse('2026-11-20T10:00:00.000Z');

export function tokenView(overrides: Partial<TokenView> = {}): TokenView {
  const id = overrides.id ?? 'tok-1';
  return {
    id,
    ownerAccountId: 'alice',
    ownerDisplayName: 'Alice Example',
    createdBy: 'alice',
    description: 'Nightly backup',
    scope: 'read-only',
    hint: `jat_${id.replace(/[^a-z0-9]/gi, '').slice(0, 6)}`,
    createdAt: NOW - 10 * DAY,
    expiresAt: NOW + 80 * DAY,
    state: 'active',
    status: 'active',
    revokedAt: null,
    revokedBy: null,
    ipAllowlist: [],
    rateLimit: null,
    replacedBy: null,
    replaces: null,
    graceEndsAt: null,
    usage: { lastUsedAt: null, lastUsedIp: null, lastUsedChain: null, useCount: 0, requestsPerDay: [] },
    ...overrides,
  };
}

export function settings(overrides: Partial<Settings> = {}): Settings {
  return { ...structuredClone(DEFAULT_SETTINGS), version: 3, ...overrides };
}

export function adminBootstrap(overrides: Partial<DataOf<'admin/bootstrap'>> = {}): DataOf<'admin/bootstrap'> {
  return {
    me: { accountId: 'local-admin', displayName: 'Local Admin', isAdmin: true },
    tokens: { tokens: [tokenView()], cursor: null },
    settings: settings(),
    catalog: {
      calls: [
        {
          id: 'permissions.check',
          method: 'POST',
          route: '/rest/api/3/permissions/check',
          actor: 'app',
          origin: 'backend',
          description: 'Checks that the caller is a Jira administrator before an admin action.',
        },
      ],
      supportUrl: 'https://example.com/support',
    },
    recentCalls: [],
    ...overrides,
  };
}

export function personalBootstrap(overrides: Partial<DataOf<'personal/bootstrap'>> = {}): DataOf<'personal/bootstrap'> {
  return {
    me: { accountId: 'alice', displayName: 'Alice Example', isAdmin: false },
    tokens: { tokens: [tokenView()], cursor: null },
    policy: { canCreate: true, forcedScope: null, maxExpiresAt: null, defaultRateLimit: null },
    ...overrides,
  };
}

export const ok = <T>(data: T): ResolverResult<T> => ({ ok: true, data });
export const failure = <T>(code: 'FORBIDDEN' | 'INVALID_INPUT' | 'CONFLICT' | 'UNAVAILABLE' | 'NOT_FOUND', message: string, issues?: Array<{ path: string; message: string }>): ResolverResult<T> => ({
  ok: false,
  error: issues ? { code, message, issues } : { code, message },
});
