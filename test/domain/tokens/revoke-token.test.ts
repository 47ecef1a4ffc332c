import { revokeToken } from '../../../src/domain/tokens/revoke-token';
import { updateToken } from '../../../src/domain/tokens/update-token';
import { hashToken } from '../../../src/domain/tokens/hash';
import { seedToken } from '../../fakes/seed-tokens';
import { ADMIN, ALICE, BOB, fakeTokenWorld } from '../../fakes/token-deps';

describe('revokeToken', () => {
  it('revokes the token and its lookup together, with a "Token revoked" event carrying the token id', async () => {
    const world = fakeTokenWorld();
    const { token, secret } = await seedToken(world);
    const result = await revokeToken(world.deps, ADMIN, token.id);
    expect(result).toMatchObject({ ok: true, data: { token: { id: token.id, status: 'revoked', revokedBy: 'local-admin' } } });
    expect(world.repository.lookups.get(hashToken(secret))).toMatchObject({ state: 'revoked' });
    const event = world.repository.events.at(-1);
    expect(event?.type.action).toBe('Token revoked');
    expect(event?.affectedObjects[0]).toEqual({ type: 'API token', id: token.id, name: 'Seeded token' });
  });

  it('lets owners revoke their own tokens on the personal page', async () => {
    const world = fakeTokenWorld();
    const { token } = await seedToken(world, { caller: ALICE });
    expect(await revokeToken(world.deps, ALICE, token.id)).toMatchObject({ ok: true, data: { token: { status: 'revoked' } } });
    expect(world.repository.events.at(-1)?.method).toBe('Personal settings');
  });

  it("answers NOT_FOUND for someone else's token on the personal page, exactly as for a missing one", async () => {
    const world = fakeTokenWorld();
    const { token } = await seedToken(world, { caller: ALICE });
    const foreign = await revokeToken(world.deps, BOB, token.id);
    const missing = await revokeToken(world.deps, BOB, '00000000-0000-4000-8000-000000000000');
    expect(foreign).toEqual(missing);
    expect(foreign).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(world.repository.tokens.get(token.id)?.token.state).toBe('active');
  });

  it('answers CONFLICT for a token that is already revoked, without a second event', async () => {
    const world = fakeTokenWorld();
    const { token } = await seedToken(world);
    await revokeToken(world.deps, ADMIN, token.id);
    const events = world.repository.events.length;
    expect(await revokeToken(world.deps, ADMIN, token.id)).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(world.repository.events).toHaveLength(events);
  });

  it('returns the token with its usage', async () => {
    const world = fakeTokenWorld();
    const { token, secret } = await seedToken(world);
    world.repository.usageByHash.set(hashToken(secret), { lastUsedAt: 5, lastUsedIp: '10.0.0.1', lastUsedChain: null, useCount: 7, requestsPerDay: [] });
    const result = await revokeToken(world.deps, ADMIN, token.id);
    expect(result.ok && result.data.token.usage).toMatchObject({ lastUsedAt: 5, lastUsedIp: '10.0.0.1', lastUsedChain: null, useCount: 7 });
  });

  it('still revokes when Jira cannot give display names (ids stand in)', async () => {
    const world = fakeTokenWorld();
    const { token } = await seedToken(world);
    world.directory.down = true;
    expect((await revokeToken(world.deps, ADMIN, token.id)).ok).toBe(true);
    expect(world.repository.events.at(-1)?.author).toEqual({ id: 'local-admin', name: 'local-admin', type: 'user' });
  });

  it('an edit that read the token before a concurrent revoke does not resurrect it', async () => {
    const world = fakeTokenWorld();
    const { token, secret } = await seedToken(world);
    // The revoke lands between the edit's read and its write.
    world.repository.beforeCommit = async () => {
      expect((await revokeToken(world.deps, ADMIN, token.id)).ok).toBe(true);
    };
    const edit = await updateToken(world.deps, ADMIN, { tokenId: token.id, description: 'Renamed' });
    expect(edit).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(world.repository.tokens.get(token.id)?.token).toMatchObject({ state: 'revoked', description: 'Seeded token' });
    expect(world.repository.lookups.get(hashToken(secret))?.state).toBe('revoked');
    expect(world.repository.conflicts).toBe(1);
  });
});
