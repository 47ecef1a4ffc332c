import { hashToken } from '../../../src/domain/tokens/hash';
import { updateToken } from '../../../src/domain/tokens/update-token';
import { seedToken } from '../../fakes/seed-tokens';
import { ADMIN, ALICE, BOB, fakeTokenWorld } from '../../fakes/token-deps';

describe('updateToken', () => {
  it('changes description, allowlist and rate limit in the token and its lookup, recording changed values', async () => {
    const world = fakeTokenWorld();
    const { token, secret } = await seedToken(world);
    const result = await updateToken(world.deps, ADMIN, {
      tokenId: token.id,
      description: 'Nightly export',
      ipAllowlist: ['192.168.0.0/16'],
      rateLimit: { requests: 10, windowSeconds: 60 },
    });
    expect(result).toMatchObject({ ok: true, data: { token: { description: 'Nightly export', ipAllowlist: ['192.168.0.0/16'] } } });
    expect(world.repository.lookups.get(hashToken(secret))).toMatchObject({
      description: 'Nightly export',
      ipAllowlist: ['192.168.0.0/16'],
      rateLimit: { requests: 10, windowSeconds: 60 },
    });
    const event = world.repository.events.at(-1);
    expect(event?.type.action).toBe('Token edited');
    expect(event?.changedValues.map(({ key, from, to }) => ({ key, from, to }))).toEqual([
      { key: 'description', from: 'Seeded token', to: 'Nightly export' },
      { key: 'ipAllowlist', from: null, to: '192.168.0.0/16' },
      { key: 'rateLimit', from: null, to: '10 requests per 60 s' },
    ]);
  });

  it('removes a rate limit when sent null, and leaves fields that are not sent', async () => {
    const world = fakeTokenWorld();
    const { token } = await seedToken(world, { rateLimit: { requests: 1, windowSeconds: 1 }, ipAllowlist: ['10.0.0.0/8'] });
    const result = await updateToken(world.deps, ADMIN, { tokenId: token.id, rateLimit: null });
    expect(result).toMatchObject({ ok: true, data: { token: { rateLimit: null, ipAllowlist: ['10.0.0.0/8'], description: 'Seeded token' } } });
  });

  it('records the window before a changed rate limit becomes visible, and only for a changed limit', async () => {
    const world = fakeTokenWorld();
    const { token, secret } = await seedToken(world, { rateLimit: { requests: 16, windowSeconds: 3600 } });
    let commitsAtRecord = -1;
    const record = world.repository.recordRateLimitEdit.bind(world.repository);
    world.repository.recordRateLimitEdit = async (...args) => {
      commitsAtRecord = world.repository.commits.length;
      await record(...args);
    };
    const commitsBefore = world.repository.commits.length;
    await updateToken(world.deps, ADMIN, { tokenId: token.id, rateLimit: { requests: 8, windowSeconds: 3600 } });
    expect(world.repository.rateLimitEdits).toEqual([{ secretHash: hashToken(secret), limit: { requests: 8, windowSeconds: 3600 }, now: world.clock.now() }]);
    expect(commitsAtRecord).toBe(commitsBefore);
    expect(world.repository.commits).toHaveLength(commitsBefore + 1);
    await updateToken(world.deps, ADMIN, { tokenId: token.id, description: 'Renamed' });
    await updateToken(world.deps, ADMIN, { tokenId: token.id, rateLimit: null });
    expect(world.repository.rateLimitEdits).toHaveLength(1);
  });

  it('writes nothing and records nothing when the values are unchanged', async () => {
    const world = fakeTokenWorld();
    const { token } = await seedToken(world);
    const commits = world.repository.commits.length;
    expect((await updateToken(world.deps, ADMIN, { tokenId: token.id, description: 'Seeded token' })).ok).toBe(true);
    expect(world.repository.commits).toHaveLength(commits);
  });

  it('rejects invalid allowlist entries before touching storage', async () => {
    const world = fakeTokenWorld();
    const { token } = await seedToken(world);
    expect(await updateToken(world.deps, ADMIN, { tokenId: token.id, ipAllowlist: ['999.0.0.1'] })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });

  it('refuses to edit a revoked token', async () => {
    const world = fakeTokenWorld();
    const { token } = await seedToken(world);
    world.repository.forceWrite(token.id, (t) => ({ ...t, state: 'revoked', revokedAt: 1, revokedBy: 'x' }));
    expect(await updateToken(world.deps, ADMIN, { tokenId: token.id, description: 'x' })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
  });

  it("answers NOT_FOUND for someone else's token on the personal page", async () => {
    const world = fakeTokenWorld();
    const { token } = await seedToken(world, { caller: ALICE });
    expect(await updateToken(world.deps, BOB, { tokenId: token.id, description: 'mine now' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(world.repository.tokens.get(token.id)?.token.description).toBe('Seeded token');
  });

  it('re-reads and applies its change on top of a concurrent edit instead of overwriting it', async () => {
    const world = fakeTokenWorld();
    const { token } = await seedToken(world);
    world.repository.beforeCommit = () => world.repository.forceWrite(token.id, (t) => ({ ...t, ipAllowlist: ['10.0.0.0/8'] }));
    const result = await updateToken(world.deps, ADMIN, { tokenId: token.id, description: 'Renamed' });
    expect(result).toMatchObject({ ok: true, data: { token: { description: 'Renamed', ipAllowlist: ['10.0.0.0/8'] } } });
    expect(world.repository.conflicts).toBe(1);
  });

  it('gives up with CONFLICT when the token keeps changing', async () => {
    const world = fakeTokenWorld();
    const { token } = await seedToken(world);
    const interfere = (): void => {
      world.repository.forceWrite(token.id, (t) => ({ ...t, description: `${t.description}!` }));
      world.repository.beforeCommit = interfere;
    };
    world.repository.beforeCommit = interfere;
    expect(await updateToken(world.deps, ADMIN, { tokenId: token.id, ipAllowlist: ['10.0.0.0/8'] })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(world.repository.conflicts).toBe(3);
    world.repository.beforeCommit = null;
  });
});
