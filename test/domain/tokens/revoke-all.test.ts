import { hashToken } from '../../../src/domain/tokens/hash';
import { REVOKE_BATCH, revokeAllForUser } from '../../../src/domain/tokens/revoke-all';
import { revokeToken } from '../../../src/domain/tokens/revoke-token';
import { seedToken } from '../../fakes/seed-tokens';
import { ADMIN, fakeTokenWorld } from '../../fakes/token-deps';

describe('revokeAllForUser', () => {
  it("revokes every active token of the user, and only that user's", async () => {
    const world = fakeTokenWorld();
    const alice = [];
    for (let i = 0; i < 20; i += 1) {
      alice.push(await seedToken(world, { description: `alice ${i}` }));
      world.clock.advance(1);
    }
    const bob = await seedToken(world, { ownerAccountId: 'bob' });
    const result = await revokeAllForUser(world.deps, ADMIN, 'alice');
    expect(result).toEqual({ ok: true, data: { revoked: 20 } });
    for (const { secret } of alice) expect(world.repository.lookups.get(hashToken(secret))?.state).toBe('revoked');
    expect(world.repository.lookups.get(hashToken(bob.secret))?.state).toBe('active');
  });

  it('keeps each transaction within the platform limit of 25 operations (3 per token)', async () => {
    const world = fakeTokenWorld();
    for (let i = 0; i < 19; i += 1) await seedToken(world);
    const before = world.repository.commits.length;
    await revokeAllForUser(world.deps, ADMIN, 'alice');
    const commits = world.repository.commits.slice(before);
    const sizes = commits.map((commit) => commit.writes.length * 2 + commit.events.length);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(25);
    expect(commits.map((commit) => commit.writes.length)).toEqual([REVOKE_BATCH, REVOKE_BATCH, 3, 0]);
  });

  it('records a "Token revoked" event per token and one summary event with the count', async () => {
    const world = fakeTokenWorld();
    const { token } = await seedToken(world);
    await seedToken(world);
    await revokeAllForUser(world.deps, ADMIN, 'alice');
    const actions = world.repository.events.map((event) => event.type.action);
    expect(actions.filter((action) => action === 'Token revoked')).toHaveLength(2);
    const summary = world.repository.events.at(-1);
    expect(summary?.type.action).toBe('All tokens of a user revoked');
    expect(summary?.affectedObjects).toEqual([{ type: 'user', id: 'alice', name: 'Alice Example' }]);
    expect(summary?.extraAttributes).toEqual([expect.objectContaining({ name: 'Tokens revoked', value: '2' })]);
    const perToken = world.repository.events.find((event) => event.affectedObjects[0]?.id === token.id && event.type.action === 'Token revoked');
    expect(perToken?.extraAttributes).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'Reason', value: 'All tokens of the user revoked' })]));
  });

  it('skips tokens already revoked and reports zero for a user without tokens', async () => {
    const world = fakeTokenWorld();
    const { token } = await seedToken(world);
    await seedToken(world);
    await revokeToken(world.deps, ADMIN, token.id);
    expect(await revokeAllForUser(world.deps, ADMIN, 'alice')).toEqual({ ok: true, data: { revoked: 1 } });
    expect(await revokeAllForUser(world.deps, ADMIN, 'bob')).toEqual({ ok: true, data: { revoked: 0 } });
  });

  it('falls back to one token at a time when a batch loses a race, counting only its own revocations', async () => {
    const world = fakeTokenWorld();
    const first = await seedToken(world);
    await seedToken(world);
    await seedToken(world);
    // Someone revokes one token between the page read and the batch write.
    world.repository.beforeCommit = async () => {
      await revokeToken(world.deps, ADMIN, first.token.id);
    };
    expect(await revokeAllForUser(world.deps, ADMIN, 'alice')).toEqual({ ok: true, data: { revoked: 2 } });
    expect([...world.repository.tokens.values()].every((stored) => stored.token.state === 'revoked')).toBe(true);
  });
});
