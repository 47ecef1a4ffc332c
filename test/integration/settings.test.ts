/** Settings through the local host (docs/resolvers.md): strict validation, versioned saves, audit events, effect on tokens. */
import { kvs } from '@forge/kvs';
import { LOCAL_GROUPS } from '../../local/jira/fixture';
import { OUTBOUND_CATALOG } from '../../src/adapters/outbound/catalog';
import { AUDIT_INDEX, ENTITY } from '../../src/adapters/kvs/names';
import type { AuditEvent } from '../../src/domain/audit/model';
import type { Settings } from '../../src/domain/settings/model';
import type { PersonalPolicyView, TokenView } from '../../src/shared/resolvers';
import type { TestHost } from '../support/host';
import { ADMIN_PAGE, attempt, bearer, call, PERSONAL_PAGE, withQuietMemoryHost } from './support/tokens';

let host: TestHost;
withQuietMemoryHost((started) => {
  host = started;
});

const load = async (): Promise<Settings> => (await call<{ settings: Settings }>(host, ADMIN_PAGE, 'settings/get', {})).settings;
const save = (settings: Settings): ReturnType<typeof attempt<{ settings: Settings }>> => attempt<{ settings: Settings }>(host, ADMIN_PAGE, 'settings/update', { settings });

async function change(edit: (settings: Settings) => void): Promise<Settings> {
  const settings = structuredClone(await load());
  edit(settings);
  const result = await save(settings);
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.data.settings;
}

async function settingsEvents(action: string): Promise<AuditEvent[]> {
  const page = await kvs.entity<{ event: AuditEvent }>(ENTITY.auditEvent).query().index(AUDIT_INDEX.byAction, { partition: [action] }).limit(100).getMany();
  return page.results.map((result) => result.value.event);
}

describe('settings', () => {
  it('start with every audit toggle off', async () => {
    expect(Object.values((await load()).audit).every((value) => value === false)).toBe(true);
  });

  it('are saved and read back with a new version', async () => {
    const before = await load();
    const saved = await change((s) => {
      s.audit.successfulAuthentication = true;
      s.retention.perCategoryDays = { Authentication: 30 };
    });
    expect(saved.version).toBe(before.version + 1);
    expect(await load()).toEqual(saved);
  });

  it('refuse a save based on a stale version with CONFLICT and keep the newer values', async () => {
    const stale = await load();
    await change((s) => {
      s.audit.rateLimited = true;
    });
    const result = await save({ ...stale, audit: { ...stale.audit, permissionDenied: true } });
    expect(result).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect((await load()).audit).toMatchObject({ rateLimited: true, permissionDenied: false });
  });

  it('let exactly one of two simultaneous saves of the same version win', async () => {
    const base = await load();
    // Storage latency lets both saves read the current version before either writes.
    host.setLatency(25);
    const results = await Promise.all([
      save({ ...base, retention: { ...base.retention, defaultDays: 90 } }),
      save({ ...base, retention: { ...base.retention, defaultDays: 365 } }),
    ]).finally(() => host.setLatency(0));
    expect(results.filter((result) => result.ok)).toHaveLength(1);
    expect(results.filter((result) => !result.ok && result.error.code === 'CONFLICT')).toHaveLength(1);
    const winner = results.find((result) => result.ok);
    expect((await load()).retention.defaultDays).toBe(winner?.ok ? winner.data.settings.retention.defaultDays : -1);
  });

  it('record what changed as "Audit settings changed" and "Token policy changed" events', async () => {
    await change((s) => {
      s.audit.appApiCalls = !s.audit.appApiCalls;
      s.policies.defaultRateLimit = { requests: 600, windowSeconds: 60 };
    });
    const audit = (await settingsEvents('Audit settings changed')).at(-1);
    const policy = (await settingsEvents('Token policy changed')).at(-1);
    expect(audit?.changedValues.map((c) => c.key)).toEqual(['audit.appApiCalls']);
    expect(policy?.changedValues).toEqual([expect.objectContaining({ key: 'policies.defaultRateLimit', from: null, to: '600 requests per 60 s' })]);
    expect(audit?.author).toMatchObject({ id: 'local-admin', type: 'user' });
  });

  describe('validation', () => {
    it.each<[string, (s: Settings) => unknown]>([
      ['an unknown nested field', (s) => ({ ...s, audit: { ...s.audit, everything: true } })],
      ['a missing toggle', (s) => ({ ...s, audit: { successfulAuthentication: true } })],
      ['a toggle that is not a boolean', (s) => ({ ...s, audit: { ...s.audit, rateLimited: 'yes' } })],
      ['a retention of 0 days', (s) => ({ ...s, retention: { ...s.retention, defaultDays: 0 } })],
      ['retention for an unknown category', (s) => ({ ...s, retention: { ...s.retention, perCategoryDays: { Everything: 5 } } })],
      ['excluding an always-recorded action', (s) => ({ ...s, excludedActions: ['Token created'] })],
      ['a custom validity without days', (s) => ({ ...s, policies: { ...s.policies, maxValidity: 'custom', customDays: null } })],
      ['creator groups without groups', (s) => ({ ...s, policies: { ...s.policies, creators: { mode: 'groups', groupIds: [] } } })],
      ['an invalid system allowlist entry', (s) => ({ ...s, policies: { ...s.policies, systemIpAllowlist: ['10.0.0.0/8', 'vpn'] } })],
      ['a missing version', ({ version: _v, ...s }) => s],
    ])('rejects %s with INVALID_INPUT and changes nothing', async (_name, edit) => {
      const before = await load();
      const result = await attempt(host, ADMIN_PAGE, 'settings/update', { settings: edit(structuredClone(before)) });
      expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
      expect(await load()).toEqual(before);
    });
  });
});

describe('token policies take effect on the next request', () => {
  it('maximum validity: "never" is refused and the personal page is told the latest date', async () => {
    await change((s) => {
      s.policies.maxValidity = '30d';
    });
    const never = await attempt(host, PERSONAL_PAGE, 'tokens/create', { description: 'forever', scope: 'read-only', expiresAt: null }, 'alice');
    expect(never).toMatchObject({ ok: false, error: { code: 'POLICY_VIOLATION' } });
    const boot = await call<{ policy: PersonalPolicyView }>(host, PERSONAL_PAGE, 'personal/bootstrap', {}, 'alice');
    expect(boot.policy.maxExpiresAt).not.toBeNull();
    const allowed = await attempt(host, PERSONAL_PAGE, 'tokens/create', { description: 'bounded', scope: 'read-only', expiresAt: boot.policy.maxExpiresAt }, 'alice');
    expect(allowed.ok).toBe(true);
    await change((s) => {
      s.policies.maxValidity = 'never';
    });
  });

  it('creator groups: only members of a chosen group create their own tokens', async () => {
    // Groups are kept by id, as the admin page's group picker returns them.
    const { groups } = await call<{ groups: Array<{ groupId: string; name: string }> }>(host, ADMIN_PAGE, 'groups/search', { query: 'api-users' });
    const apiUsers = groups.find((group) => group.name === 'api-users');
    if (!apiUsers) throw new Error('fixture group api-users not found');
    await change((s) => {
      s.policies.creators = { mode: 'groups', groupIds: [apiUsers.groupId] };
    });
    const payload = { description: 'group check', scope: 'read-only', expiresAt: null };
    const alice = await attempt(host, PERSONAL_PAGE, 'tokens/create', payload, 'alice');
    const bob = await attempt(host, PERSONAL_PAGE, 'tokens/create', payload, 'bob');
    const forBob = await attempt(host, ADMIN_PAGE, 'tokens/create', { ...payload, ownerAccountId: 'bob' });
    const bobBoot = await call<{ policy: PersonalPolicyView }>(host, PERSONAL_PAGE, 'personal/bootstrap', {}, 'bob');
    await change((s) => {
      s.policies.creators = { mode: 'everyone' };
    });
    // The local site puts alice, not bob, in api-users.
    expect({ alice: alice.ok, bob: bob.ok ? 'ok' : bob.error.code, forBob: forBob.ok, bobCanCreate: bobBoot.policy.canCreate }).toEqual({
      alice: true,
      bob: 'POLICY_VIOLATION',
      forBob: true,
      bobCanCreate: false,
    });
  });

  it('creator groups: the admin page bootstrap names the chosen groups with one Jira call, and asks nothing for everyone', async () => {
    const apiUsers = LOCAL_GROUPS.find((group) => group.name === 'api-users');
    if (!apiUsers) throw new Error('fixture group api-users not found');
    const groupCalls = async (): Promise<Array<{ path: string; headers: Record<string, string> }>> =>
      (await host.outbound()).filter((call) => call.path.startsWith('/rest/api/3/group/bulk'));
    await change((s) => {
      s.policies.creators = { mode: 'groups', groupIds: [apiUsers.groupId] };
    });
    const before = (await groupCalls()).length;
    const named = await call<{ creatorGroups?: Array<{ groupId: string; name: string }> }>(host, ADMIN_PAGE, 'admin/bootstrap', {});
    const calls = (await groupCalls()).slice(before);
    await change((s) => {
      s.policies.creators = { mode: 'everyone' };
    });
    const everyone = await call<{ creatorGroups?: unknown }>(host, ADMIN_PAGE, 'admin/bootstrap', {});
    expect(named.creatorGroups).toEqual([{ groupId: apiUsers.groupId, name: 'api-users' }]);
    expect(calls).toHaveLength(1);
    expect(calls[0]?.headers['x-audit-log-description']).toBe(OUTBOUND_CATALOG['groups.bulk'].description);
    expect(everyone.creatorGroups).toBeUndefined();
    expect((await groupCalls()).length).toBe(before + 1);
  });

  it('forced read-only: a read-write self-service token is refused, an admin-made one is not', async () => {
    await change((s) => {
      s.policies.forceReadOnlyForSelfCreated = true;
    });
    const own = await attempt(host, PERSONAL_PAGE, 'tokens/create', { description: 'rw', scope: 'read-write', expiresAt: null }, 'alice');
    const byAdmin = await attempt<{ token: TokenView }>(host, ADMIN_PAGE, 'tokens/create', { description: 'rw', scope: 'read-write', expiresAt: null, ownerAccountId: 'alice' });
    await change((s) => {
      s.policies.forceReadOnlyForSelfCreated = false;
    });
    expect(own).toMatchObject({ ok: false, error: { code: 'POLICY_VIOLATION' } });
    expect(byAdmin.ok && byAdmin.data.token.scope).toBe('read-write');
  });

  it('default rate limit: applied to a token created without one', async () => {
    await change((s) => {
      s.policies.defaultRateLimit = { requests: 2, windowSeconds: 3600 };
    });
    const created = await call<{ token: TokenView; secret: string }>(host, PERSONAL_PAGE, 'tokens/create', { description: 'limited', scope: 'read-only', expiresAt: null }, 'alice');
    await change((s) => {
      s.policies.defaultRateLimit = null;
    });
    expect(created.token.rateLimit).toEqual({ requests: 2, windowSeconds: 3600 });
    const statuses = [];
    for (let i = 0; i < 3; i += 1) statuses.push((await host.webtrigger('verify-token', { method: 'GET', ...bearer(created.secret) })).status);
    expect(statuses).toEqual([200, 200, 429]);
  });

  it('system IP allowlist: applies to every token at once', async () => {
    const created = await call<{ token: TokenView; secret: string }>(host, ADMIN_PAGE, 'tokens/create', { description: 'sys allowlist', scope: 'read-only', expiresAt: null, ownerAccountId: 'bob' });
    // The host appends the loopback address a call comes from, as the platform's edge appends its peer.
    const from = async (ip: string): Promise<number> => (await host.webtrigger('verify-token', { method: 'GET', ...bearer(created.secret), from: ip })).status;
    expect(await from('127.0.0.20')).toBe(200);
    await change((s) => {
      s.policies.systemIpAllowlist = ['127.0.0.8/29'];
    });
    const outside = await from('127.0.0.20');
    const inside = await from('127.0.0.9');
    await change((s) => {
      s.policies.systemIpAllowlist = [];
    });
    expect({ outside, inside }).toEqual({ outside: 403, inside: 200 });
  });
});
