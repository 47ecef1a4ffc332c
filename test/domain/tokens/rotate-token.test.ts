import { hashToken } from '../../../src/domain/tokens/hash';
import { tokenStatus } from '../../../src/domain/tokens/model';
import { rotateToken } from '../../../src/domain/tokens/rotate-token';
import { T0 } from '../../fakes/clock';
import { seedToken } from '../../fakes/seed-tokens';
import { ADMIN, ALICE, BOB, fakeTokenWorld } from '../../fakes/token-deps';

const DAY = 86_400_000;

describe('rotateToken', () => {
  it('issues a new secret with the same settings and links the two tokens both ways', async () => {
    const world = fakeTokenWorld();
    const old = await seedToken(world, { ipAllowlist: ['10.0.0.0/8'], rateLimit: { requests: 5, windowSeconds: 60 }, expiresAt: T0 + 10 * DAY });
    const result = await rotateToken(world.deps, ADMIN, { tokenId: old.token.id, graceSeconds: 3600 });
    if (!result.ok) throw new Error(result.error.message);
    const { token, secret } = result.data;
    expect(secret).not.toBe(old.secret);
    expect(token).toMatchObject({
      replaces: old.token.id,
      ownerAccountId: 'alice',
      description: 'Seeded token',
      scope: 'read-write',
      ipAllowlist: ['10.0.0.0/8'],
      rateLimit: { requests: 5, windowSeconds: 60 },
      expiresAt: T0 + 10 * DAY,
      status: 'active',
    });
    const rotatedAway = world.repository.tokens.get(old.token.id)?.token;
    expect(rotatedAway).toMatchObject({ replacedBy: token.id, graceEndsAt: T0 + 3600_000 });
    expect(world.repository.lookups.get(hashToken(old.secret))).toMatchObject({ graceEndsAt: T0 + 3600_000 });
    expect(world.repository.lookups.get(hashToken(secret))).toMatchObject({ tokenId: token.id, graceEndsAt: null });
  });

  it('keeps both secrets valid until the grace period ends, then only the new one', async () => {
    const world = fakeTokenWorld();
    const old = await seedToken(world);
    const result = await rotateToken(world.deps, ADMIN, { tokenId: old.token.id, graceSeconds: 600 });
    if (!result.ok) throw new Error(result.error.message);
    const oldLookup = world.repository.lookups.get(hashToken(old.secret));
    const newLookup = world.repository.lookups.get(hashToken(result.data.secret));
    if (!oldLookup || !newLookup) throw new Error('lookups missing');
    expect(tokenStatus(oldLookup, T0 + 599_999)).toBe('active');
    expect(tokenStatus(newLookup, T0 + 599_999)).toBe('active');
    expect(tokenStatus(oldLookup, T0 + 600_000)).toBe('expired');
    expect(tokenStatus(newLookup, T0 + 600_000)).toBe('active');
  });

  it('ends the old secret at once with a grace period of 0', async () => {
    const world = fakeTokenWorld();
    const old = await seedToken(world);
    await rotateToken(world.deps, ADMIN, { tokenId: old.token.id, graceSeconds: 0 });
    const oldLookup = world.repository.lookups.get(hashToken(old.secret));
    expect(oldLookup && tokenStatus(oldLookup, T0)).toBe('expired');
  });

  it('writes both tokens, both lookups and one "Token rotated" event in a single commit', async () => {
    const world = fakeTokenWorld();
    const old = await seedToken(world);
    const before = world.repository.commits.length;
    const result = await rotateToken(world.deps, ADMIN, { tokenId: old.token.id, graceSeconds: 60 });
    expect(world.repository.commits).toHaveLength(before + 1);
    const commit = world.repository.commits.at(-1);
    expect(commit?.writes.map((w) => w.expected)).toEqual([1, 'new']);
    expect(commit?.events.map((e) => e.type.action)).toEqual(['Token rotated']);
    const event = commit?.events[0];
    expect(event?.affectedObjects.map((o) => o.id)).toEqual([old.token.id, 'alice', result.ok ? result.data.token.id : '']);
    expect(JSON.stringify(event)).not.toContain(result.ok ? result.data.secret : 'x');
  });

  it('refuses to rotate a revoked, an expired or an already rotated token', async () => {
    const world = fakeTokenWorld();
    const revoked = await seedToken(world);
    world.repository.forceWrite(revoked.token.id, (t) => ({ ...t, state: 'revoked', revokedAt: T0, revokedBy: 'x' }));
    expect(await rotateToken(world.deps, ADMIN, { tokenId: revoked.token.id, graceSeconds: 0 })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });

    const expiring = await seedToken(world, { expiresAt: T0 + 1000 });
    world.clock.advance(1000);
    expect(await rotateToken(world.deps, ADMIN, { tokenId: expiring.token.id, graceSeconds: 0 })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });

    const rotated = await seedToken(world);
    expect((await rotateToken(world.deps, ADMIN, { tokenId: rotated.token.id, graceSeconds: 3600 })).ok).toBe(true);
    const again = await rotateToken(world.deps, ADMIN, { tokenId: rotated.token.id, graceSeconds: 3600 });
    expect(again).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(!again.ok && again.error.message).toContain('replacement');
  });

  it("answers NOT_FOUND for someone else's token on the personal page", async () => {
    const world = fakeTokenWorld();
    const { token } = await seedToken(world, { caller: ALICE });
    expect(await rotateToken(world.deps, BOB, { tokenId: token.id, graceSeconds: 0 })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(world.repository.tokens.get(token.id)?.token.replacedBy).toBeNull();
  });

  it("applies today's policy to the replacement a user rotates on the personal page", async () => {
    const world = fakeTokenWorld();
    const { token } = await seedToken(world, { caller: ALICE, scope: 'read-write' });
    world.setPolicies({ forceReadOnlyForSelfCreated: true });
    expect(await rotateToken(world.deps, ALICE, { tokenId: token.id, graceSeconds: 0 })).toMatchObject({ ok: false, error: { code: 'POLICY_VIOLATION' } });
    expect((await rotateToken(world.deps, ADMIN, { tokenId: token.id, graceSeconds: 0 })).ok).toBe(true);
  });

  it('never lets a concurrent edit drop the grace end of a rotated token', async () => {
    const world = fakeTokenWorld();
    const old = await seedToken(world);
    // An edit lands between the rotation's read and write; the rotation re-reads and still links both.
    world.repository.beforeCommit = () => world.repository.forceWrite(old.token.id, (t) => ({ ...t, description: 'Edited meanwhile' }));
    const result = await rotateToken(world.deps, ADMIN, { tokenId: old.token.id, graceSeconds: 60 });
    expect(result.ok).toBe(true);
    expect(world.repository.tokens.get(old.token.id)?.token).toMatchObject({ description: 'Edited meanwhile', graceEndsAt: T0 + 60_000 });
    expect(result.ok && result.data.token.description).toBe('Edited meanwhile');
  });
});
