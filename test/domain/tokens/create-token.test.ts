import { createToken, type CreateTokenInput } from '../../../src/domain/tokens/create-token';
import { parseToken } from '../../../src/domain/tokens/format';
import { hashToken } from '../../../src/domain/tokens/hash';
import { T0 } from '../../fakes/clock';
import { ADMIN, ALICE, fakeTokenWorld } from '../../fakes/token-deps';

const DAY = 86_400_000;
const input = (overrides: Partial<CreateTokenInput> = {}): CreateTokenInput => ({
  description: 'CI pipeline',
  scope: 'read-only',
  expiresAt: T0 + 30 * DAY,
  ...overrides,
});

describe('createToken', () => {
  it('returns a well-formed secret once and stores only its hash', async () => {
    const world = fakeTokenWorld();
    const result = await createToken(world.deps, ADMIN, input({ ownerAccountId: 'alice' }));
    if (!result.ok) throw new Error(result.error.message);
    const { token, secret } = result.data;
    expect(parseToken(secret).ok).toBe(true);
    expect(token.hint).toBe(`${secret.slice(0, 9)}…`);
    const stored = world.repository.tokens.get(token.id);
    expect(stored?.secretHash).toBe(hashToken(secret));
    expect(JSON.stringify([...world.repository.tokens.values(), ...world.repository.lookups.values()])).not.toContain(secret);
    expect(world.repository.lookups.get(hashToken(secret))).toMatchObject({ tokenId: token.id, ownerAccountId: 'alice', state: 'active' });
    expect(token).toMatchObject({ ownerAccountId: 'alice', createdBy: 'local-admin', status: 'active', ownerDisplayName: 'Alice Example' });
    expect(token).not.toHaveProperty('secretHash');
  });

  it('writes the token, its lookup and a "Token created" event in one commit', async () => {
    const world = fakeTokenWorld();
    const result = await createToken(world.deps, ADMIN, input({ ownerAccountId: 'alice' }));
    if (!result.ok) throw new Error(result.error.message);
    expect(world.repository.commits).toHaveLength(1);
    const [event] = world.repository.commits[0].events;
    expect(event.type.action).toBe('Token created');
    expect(event.author).toEqual({ id: 'local-admin', name: 'Local Admin', type: 'user' });
    expect(event.method).toBe('Admin page');
    expect(event.affectedObjects.slice(0, 2)).toEqual([
      { type: 'API token', id: result.data.token.id, name: 'CI pipeline' },
      { type: 'user', id: 'alice', name: 'Alice Example' },
    ]);
    expect(event.extraAttributes).toEqual(
      expect.arrayContaining([expect.objectContaining({ name: 'Scope', value: 'read-only' }), expect.objectContaining({ name: 'Hint', value: result.data.token.hint })]),
    );
    expect(JSON.stringify(event)).not.toContain(result.data.secret);
  });

  it('refuses an owner that is not a Jira user', async () => {
    const world = fakeTokenWorld();
    const result = await createToken(world.deps, ADMIN, input({ ownerAccountId: 'nobody' }));
    expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(world.repository.tokens.size).toBe(0);
  });

  it('refuses another owner on the personal page', async () => {
    const world = fakeTokenWorld();
    expect(await createToken(world.deps, ALICE, input({ ownerAccountId: 'bob' }))).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it('normalises the IP allowlist and names invalid entries', async () => {
    const world = fakeTokenWorld();
    const good = await createToken(world.deps, ALICE, input({ ipAllowlist: ['10.1.2.3/8', '2001:db8::1'] }));
    expect(good.ok && good.data.token.ipAllowlist).toEqual(['10.0.0.0/8', '2001:db8::1/128']);
    const bad = await createToken(world.deps, ALICE, input({ ipAllowlist: ['10.0.0.0/8', 'office'] }));
    expect(bad).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', issues: [{ path: 'ipAllowlist' }] } });
    expect(!bad.ok && bad.error.message).toContain('office');
  });

  it('applies the default rate limit only when the request sets none', async () => {
    const world = fakeTokenWorld();
    world.setPolicies({ defaultRateLimit: { requests: 100, windowSeconds: 60 } });
    const defaulted = await createToken(world.deps, ALICE, input());
    const explicit = await createToken(world.deps, ALICE, input({ rateLimit: { requests: 5, windowSeconds: 1 } }));
    const none = await createToken(world.deps, ALICE, input({ rateLimit: null }));
    expect(defaulted.ok && defaulted.data.token.rateLimit).toEqual({ requests: 100, windowSeconds: 60 });
    expect(explicit.ok && explicit.data.token.rateLimit).toEqual({ requests: 5, windowSeconds: 1 });
    expect(none.ok && none.data.token.rateLimit).toBeNull();
  });

  it('enforces the maximum validity for every creator, admins included', async () => {
    const world = fakeTokenWorld();
    world.setPolicies({ maxValidity: '30d' });
    expect(await createToken(world.deps, ADMIN, input({ expiresAt: null }))).toMatchObject({ ok: false, error: { code: 'POLICY_VIOLATION' } });
    expect(await createToken(world.deps, ALICE, input({ expiresAt: T0 + 60 * DAY }))).toMatchObject({ ok: false, error: { code: 'POLICY_VIOLATION' } });
    expect((await createToken(world.deps, ALICE, input({ expiresAt: T0 + 29 * DAY }))).ok).toBe(true);
  });

  it('rejects an expiry in the past', async () => {
    const world = fakeTokenWorld();
    expect(await createToken(world.deps, ADMIN, input({ expiresAt: T0 - 1 }))).toMatchObject({ ok: false, error: { code: 'POLICY_VIOLATION' } });
  });

  it('lets only members of the chosen groups create their own tokens, while admins create for anyone', async () => {
    const world = fakeTokenWorld();
    world.setPolicies({ creators: { mode: 'groups', groupIds: ['api-users'] } });
    expect((await createToken(world.deps, ALICE, input())).ok).toBe(true);
    const bob = await createToken(world.deps, { ...ALICE, accountId: 'bob' }, input());
    expect(bob).toMatchObject({ ok: false, error: { code: 'POLICY_VIOLATION' } });
    expect((await createToken(world.deps, ADMIN, input({ ownerAccountId: 'bob' }))).ok).toBe(true);
  });

  it('rejects a read-write self-service token when read-only is forced, instead of narrowing it silently', async () => {
    const world = fakeTokenWorld();
    world.setPolicies({ forceReadOnlyForSelfCreated: true });
    expect(await createToken(world.deps, ALICE, input({ scope: 'read-write' }))).toMatchObject({ ok: false, error: { code: 'POLICY_VIOLATION' } });
    expect((await createToken(world.deps, ALICE, input({ scope: 'read-only' }))).ok).toBe(true);
    expect((await createToken(world.deps, ADMIN, input({ scope: 'read-write', ownerAccountId: 'alice' }))).ok).toBe(true);
  });

  it('asks Jira whether a personal-page caller is an admin only for an audit-read token', async () => {
    const world = fakeTokenWorld();
    await createToken(world.deps, ALICE, input());
    expect(world.directory.calls.filter((call) => call.startsWith('isAdmin'))).toEqual([]);
    expect(await createToken(world.deps, ALICE, input({ scope: 'audit-read' }))).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(world.directory.calls).toContain('isAdmin:alice');
    const adminSelf = await createToken(world.deps, { ...ALICE, accountId: 'local-admin' }, input({ scope: 'audit-read' }));
    expect(adminSelf.ok).toBe(true);
  });

  it('gives every token a different secret and id', async () => {
    const world = fakeTokenWorld();
    const results = await Promise.all(Array.from({ length: 20 }, () => createToken(world.deps, ALICE, input())));
    const secrets = new Set(results.map((r) => (r.ok ? r.data.secret : '')));
    const ids = new Set(results.map((r) => (r.ok ? r.data.token.id : '')));
    expect(secrets.size).toBe(20);
    expect(ids.size).toBe(20);
  });
});
