import { lastDays, utcDay } from '../../../src/domain/tokens/daily-usage';
import { hashToken } from '../../../src/domain/tokens/hash';
import { listTokens } from '../../../src/domain/tokens/list-tokens';
import { seedToken } from '../../fakes/seed-tokens';
import { ADMIN, ALICE, fakeTokenWorld } from '../../fakes/token-deps';

describe('listTokens', () => {
  it('confines a personal-page list to the caller, whatever the filters', async () => {
    const world = fakeTokenWorld();
    await seedToken(world, { ownerAccountId: 'alice', description: 'alice token' });
    await seedToken(world, { ownerAccountId: 'bob', description: 'bob token' });
    const result = await listTokens(world.deps, ALICE, { text: 'token' });
    expect(result.ok && result.data.tokens.map((token) => token.description)).toEqual(['alice token']);
  });

  it('refuses a personal-page list that names another owner', async () => {
    const world = fakeTokenWorld();
    expect(await listTokens(world.deps, ALICE, { ownerAccountId: 'bob' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it('shows owner names, status and usage, and never a hash', async () => {
    const world = fakeTokenWorld();
    const { secret } = await seedToken(world);
    const today = utcDay(world.clock.now());
    world.repository.usageByHash.set(hashToken(secret), { lastUsedAt: 1, lastUsedIp: '10.0.0.1', lastUsedChain: null, useCount: 3, requestsPerDay: [{ day: today, count: 3 }] });
    const result = await listTokens(world.deps, ADMIN, {});
    if (!result.ok) throw new Error(result.error.message);
    expect(result.data.tokens[0]).toMatchObject({ ownerDisplayName: 'Alice Example', status: 'active', usage: { useCount: 3 } });
    expect(result.data.tokens[0].usage.requestsPerDay).toEqual(lastDays([{ day: today, count: 3 }], world.clock.now()));
    expect(JSON.stringify(result.data)).not.toContain(hashToken(secret));
    expect(JSON.stringify(result.data)).not.toContain(secret);
  });

  it('asks the directory for names once per page', async () => {
    const world = fakeTokenWorld();
    for (let i = 0; i < 5; i += 1) await seedToken(world, { ownerAccountId: i % 2 ? 'bob' : 'alice' });
    world.directory.calls.length = 0;
    await listTokens(world.deps, ADMIN, {});
    expect(world.directory.calls).toEqual(['displayNames:alice,bob']);
  });

  it('lowercases and trims the text filter; blank text means no filter', async () => {
    const world = fakeTokenWorld();
    await seedToken(world, { description: 'Nightly Export' });
    await seedToken(world, { description: 'Deploy bot' });
    const found = await listTokens(world.deps, ADMIN, { text: '  EXPORT ' });
    expect(found.ok && found.data.tokens.map((token) => token.description)).toEqual(['Nightly Export']);
    const all = await listTokens(world.deps, ADMIN, { text: '   ' });
    expect(all.ok && all.data.tokens).toHaveLength(2);
  });
});
