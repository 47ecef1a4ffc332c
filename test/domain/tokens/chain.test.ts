import type { AuditEvent } from '../../../src/domain/audit/model';
import { MAX_CHAIN_TOKENS, MAX_REPLACED_IN_GRACE } from '../../../src/domain/tokens/chain';
import type { IssuedToken } from '../../../src/domain/tokens/create-token';
import { hashToken } from '../../../src/domain/tokens/hash';
import { tokenStatus } from '../../../src/domain/tokens/model';
import { revokeAllForUser } from '../../../src/domain/tokens/revoke-all';
import { revokeToken } from '../../../src/domain/tokens/revoke-token';
import { rotateToken } from '../../../src/domain/tokens/rotate-token';
import { updateToken } from '../../../src/domain/tokens/update-token';
import { MAX_GRACE_SECONDS } from '../../../src/resolvers/schemas/tokens';
import { seedToken } from '../../fakes/seed-tokens';
import { ADMIN, ALICE, fakeTokenWorld, type FakeTokenWorld } from '../../fakes/token-deps';

const HOUR = 3600;

async function rotate(world: FakeTokenWorld, tokenId: string, graceSeconds: number): Promise<IssuedToken> {
  const result = await rotateToken(world.deps, ADMIN, { tokenId, graceSeconds });
  if (!result.ok) throw new Error(`rotate failed: ${result.error.code} ${result.error.message}`);
  world.clock.advance(1000);
  return result.data;
}

/** A chain of `length` tokens, each rotated with `graceSeconds`; oldest first. */
async function chainOf(world: FakeTokenWorld, length: number, graceSeconds = HOUR): Promise<IssuedToken[]> {
  const chain = [await seedToken(world)];
  world.clock.advance(1000);
  while (chain.length < length) chain.push(await rotate(world, chain[chain.length - 1].token.id, graceSeconds));
  return chain;
}

function verifies(world: FakeTokenWorld, secret: string): string {
  const lookup = world.repository.lookups.get(hashToken(secret));
  return lookup ? tokenStatus(lookup, world.clock.now()) : 'unknown';
}

function revokedEventOf(world: FakeTokenWorld, tokenId: string): AuditEvent | undefined {
  return world.repository.events.find((event) => event.type.action === 'Token revoked' && event.affectedObjects[0]?.id === tokenId);
}

function attribute(event: AuditEvent | undefined, name: string): string | undefined {
  return event?.extraAttributes.find((item) => item.name === name)?.value;
}

function operations(world: FakeTokenWorld, from: number): number[] {
  return world.repository.commits.slice(from).map((commit) => commit.writes.length * 2 + commit.events.length);
}

describe('rotation chains: revoking a token ends the grace of every secret it replaced', () => {
  it('revoking the replacement makes the old secret still in grace stop verifying, in the same commit', async () => {
    const world = fakeTokenWorld();
    const [old, replacement] = await chainOf(world, 2);
    expect(verifies(world, old.secret)).toBe('active');
    const before = world.repository.commits.length;
    expect(await revokeToken(world.deps, ADMIN, replacement.token.id)).toMatchObject({ ok: true });
    expect(world.repository.commits.length - before).toBe(1);
    expect(world.repository.commits.at(-1)?.writes.map((write) => write.next.token.id)).toEqual([replacement.token.id, old.token.id]);
    expect(verifies(world, old.secret)).toBe('revoked');
    expect(verifies(world, replacement.secret)).toBe('revoked');
  });

  it('records a "Token revoked" event per chain member, the replaced one naming the replacement that ended it', async () => {
    const world = fakeTokenWorld();
    const [old, replacement] = await chainOf(world, 2);
    await revokeToken(world.deps, ALICE, replacement.token.id);
    const oldEvent = revokedEventOf(world, old.token.id);
    expect(attribute(oldEvent, 'Reason')).toBe(`Replacement ${replacement.token.id} revoked`);
    expect(oldEvent?.method).toBe('Personal settings');
    expect(attribute(revokedEventOf(world, replacement.token.id), 'Replaced secrets revoked')).toBe(old.token.id);
  });

  it('ends every secret of a longer chain that is still in grace, newest first', async () => {
    const world = fakeTokenWorld();
    const chain = await chainOf(world, 4);
    await revokeToken(world.deps, ADMIN, chain[3].token.id);
    for (const member of chain) expect(verifies(world, member.secret)).toBe('revoked');
    expect(attribute(revokedEventOf(world, chain[3].token.id), 'Replaced secrets revoked')).toBe(
      [chain[2], chain[1], chain[0]].map((member) => member.token.id).join(', '),
    );
  });

  it('reaches a secret still in grace behind one whose grace has already ended, and writes nothing for the ended one', async () => {
    const world = fakeTokenWorld();
    const first = await seedToken(world);
    const second = await rotate(world, first.token.id, MAX_GRACE_SECONDS);
    const third = await rotate(world, second.token.id, 0);
    expect([verifies(world, first.secret), verifies(world, second.secret)]).toEqual(['active', 'expired']);
    await revokeToken(world.deps, ADMIN, third.token.id);
    expect(world.repository.commits.at(-1)?.writes.map((write) => write.next.token.id)).toEqual([third.token.id, first.token.id]);
    expect(verifies(world, first.secret)).toBe('revoked');
    expect(world.repository.tokens.get(second.token.id)?.token.state).toBe('active');
  });

  it('reads nothing more and writes one token when every replaced grace has ended', async () => {
    const world = fakeTokenWorld();
    const chain = await chainOf(world, 3);
    world.clock.advance(2 * HOUR * 1000);
    const reads = world.repository.getManyCalls.length;
    await revokeToken(world.deps, ADMIN, chain[2].token.id);
    expect(world.repository.getManyCalls.length).toBe(reads);
    expect(world.repository.commits.at(-1)?.writes).toHaveLength(1);
    expect(revokedEventOf(world, chain[0].token.id)).toBeUndefined();
  });

  it('revoking a replaced token ends the secrets before it, not the replacement after it', async () => {
    const world = fakeTokenWorld();
    const [first, second, third] = await chainOf(world, 3);
    await revokeToken(world.deps, ADMIN, second.token.id);
    expect([verifies(world, first.secret), verifies(world, second.secret), verifies(world, third.secret)]).toEqual(['revoked', 'revoked', 'active']);
  });

  it('leaves a replaced secret that someone already revoked as it was (no second event)', async () => {
    const world = fakeTokenWorld();
    const [old, replacement] = await chainOf(world, 2);
    await revokeToken(world.deps, ADMIN, old.token.id);
    const events = world.repository.events.length;
    await revokeToken(world.deps, ADMIN, replacement.token.id);
    expect(world.repository.events.length - events).toBe(1);
    expect(world.repository.commits.at(-1)?.writes).toHaveLength(1);
  });

  it('follows `replaces` for a token rotated before chains were recorded', async () => {
    const world = fakeTokenWorld();
    const [old, replacement] = await chainOf(world, 2);
    const stored = world.repository.tokens.get(replacement.token.id);
    if (!stored) throw new Error('missing');
    delete stored.replacedInGrace;
    await revokeToken(world.deps, ADMIN, replacement.token.id);
    expect(verifies(world, old.secret)).toBe('revoked');
    expect(attribute(revokedEventOf(world, old.token.id), 'Reason')).toBe(`Replacement ${replacement.token.id} revoked`);
  });
});

describe('rotation chains: what rotation records', () => {
  it('the replacement records the rotated token and the earlier secrets still in grace, newest first; ended ones are dropped', async () => {
    const world = fakeTokenWorld();
    const first = await seedToken(world);
    const second = await rotate(world, first.token.id, 1);
    world.clock.advance(5000);
    const third = await rotate(world, second.token.id, HOUR);
    const fourth = await rotate(world, third.token.id, HOUR);
    expect(world.repository.tokens.get(fourth.token.id)?.replacedInGrace?.map((link) => link.tokenId)).toEqual([third.token.id, second.token.id]);
    expect(world.repository.tokens.get(first.token.id)?.replacedInGrace).toBeUndefined();
  });

  it('rotating a token rotated before chains were recorded follows `replaces` to carry its secrets still in grace', async () => {
    const world = fakeTokenWorld();
    const [old, replacement] = await chainOf(world, 2);
    const stored = world.repository.tokens.get(replacement.token.id);
    if (!stored) throw new Error('missing');
    delete stored.replacedInGrace;
    const next = await rotate(world, replacement.token.id, HOUR);
    expect(world.repository.tokens.get(next.token.id)?.replacedInGrace?.map((link) => link.tokenId)).toEqual([replacement.token.id, old.token.id]);
    await revokeToken(world.deps, ADMIN, next.token.id);
    expect(verifies(world, old.secret)).toBe('revoked');
  });
});

describe('rotation chains under concurrent writes', () => {
  it('a write to the old token between the read and the commit re-plans the whole chain: both end up revoked', async () => {
    const world = fakeTokenWorld();
    const [old, replacement] = await chainOf(world, 2);
    world.repository.beforeCommit = () => world.repository.forceWrite(old.token.id, (token) => ({ ...token, description: 'Renamed meanwhile' }));
    expect(await revokeToken(world.deps, ADMIN, replacement.token.id)).toMatchObject({ ok: true });
    expect(world.repository.conflicts).toBe(1);
    expect([verifies(world, old.secret), verifies(world, replacement.secret)]).toEqual(['revoked', 'revoked']);
    expect(world.repository.tokens.get(old.token.id)?.token.description).toBe('Renamed meanwhile');
  });

  it('a conflict on the old token never leaves the replacement revoked alone: the failed commit writes neither', async () => {
    const world = fakeTokenWorld();
    const [old, replacement] = await chainOf(world, 2);
    // Every attempt loses its race on the old token only.
    let races = 0;
    const race = (): void => {
      races += 1;
      world.repository.forceWrite(old.token.id, (token) => ({ ...token, description: `Edit ${races}` }));
      if (races < 3) world.repository.beforeCommit = race;
    };
    world.repository.beforeCommit = race;
    expect(await revokeToken(world.deps, ADMIN, replacement.token.id)).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect([verifies(world, old.secret), verifies(world, replacement.secret)]).toEqual(['active', 'active']);
    expect(world.repository.events.filter((event) => event.type.action === 'Token revoked')).toHaveLength(0);
  });

  it('an edit of the old token that read it before the chain was revoked does not bring it back', async () => {
    const world = fakeTokenWorld();
    const [old, replacement] = await chainOf(world, 2);
    world.repository.beforeCommit = async () => {
      expect((await revokeToken(world.deps, ADMIN, replacement.token.id)).ok).toBe(true);
    };
    expect(await updateToken(world.deps, ADMIN, { tokenId: old.token.id, description: 'Renamed' })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(verifies(world, old.secret)).toBe('revoked');
  });
});

describe('rotation chains: the bound', () => {
  it(`rotation refuses to leave more than ${MAX_REPLACED_IN_GRACE} replaced secrets in grace, saying when it can go on`, async () => {
    const world = fakeTokenWorld();
    const chain = await chainOf(world, MAX_CHAIN_TOKENS);
    const head = chain[chain.length - 1];
    const refused = await rotateToken(world.deps, ADMIN, { tokenId: head.token.id, graceSeconds: HOUR });
    expect(refused).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(!refused.ok && refused.error.message).toContain(`${MAX_REPLACED_IN_GRACE} earlier secrets of this token are still in their grace period`);
    expect(!refused.ok && refused.error.message).toContain(new Date(world.repository.tokens.get(chain[0].token.id)?.token.graceEndsAt ?? 0).toISOString());
    // With no grace period the chain does not grow, so the rotation goes ahead.
    expect(await rotateToken(world.deps, ADMIN, { tokenId: head.token.id, graceSeconds: 0 })).toMatchObject({ ok: true });
  });

  it('rotation goes on once the oldest grace has ended', async () => {
    const world = fakeTokenWorld();
    const chain = await chainOf(world, MAX_CHAIN_TOKENS);
    world.clock.set((world.repository.tokens.get(chain[0].token.id)?.token.graceEndsAt ?? 0) + 1);
    expect(await rotateToken(world.deps, ADMIN, { tokenId: chain[chain.length - 1].token.id, graceSeconds: HOUR })).toMatchObject({ ok: true });
  });

  it('revoking the newest token of the longest chain rotation allows is one commit of at most 25 operations', async () => {
    const world = fakeTokenWorld();
    const chain = await chainOf(world, MAX_CHAIN_TOKENS);
    const before = world.repository.commits.length;
    await revokeToken(world.deps, ADMIN, chain[chain.length - 1].token.id);
    expect(operations(world, before)).toEqual([MAX_CHAIN_TOKENS * 3]);
    for (const member of chain) expect(verifies(world, member.secret)).toBe('revoked');
  });

  it('a long chain whose old graces have ended costs nothing more to revoke', async () => {
    const world = fakeTokenWorld();
    let head = await seedToken(world);
    for (let i = 0; i < 30; i += 1) {
      head = await rotate(world, head.token.id, 1);
      world.clock.advance(2000);
    }
    const reads = world.repository.getManyCalls.length;
    const before = world.repository.commits.length;
    await revokeToken(world.deps, ADMIN, head.token.id);
    expect(world.repository.getManyCalls.length).toBe(reads);
    expect(operations(world, before)).toEqual([3]);
  });
});

describe('rotation chains: revoke-all', () => {
  it("ends each chain of the user's tokens in one commit, with no commit over 25 operations", async () => {
    const world = fakeTokenWorld();
    for (let i = 0; i < 6; i += 1) {
      await seedToken(world, { description: `plain ${i}` });
      world.clock.advance(1000);
    }
    const chain = await chainOf(world, 3);
    const before = world.repository.commits.length;
    expect(await revokeAllForUser(world.deps, ADMIN, 'alice')).toEqual({ ok: true, data: { revoked: 9 } });
    for (const member of chain) expect(verifies(world, member.secret)).toBe('revoked');
    const commits = world.repository.commits.slice(before);
    const withChain = commits.filter((commit) => commit.writes.some((write) => write.next.token.id === chain[2].token.id));
    expect(withChain).toHaveLength(1);
    expect(withChain[0].writes.map((write) => write.next.token.id)).toEqual(expect.arrayContaining(chain.map((member) => member.token.id)));
    expect(Math.max(...operations(world, before))).toBeLessThanOrEqual(25);
  });

  it('names why each member was revoked: the user-wide reason, and its replacement for a secret taken along', async () => {
    const world = fakeTokenWorld();
    const [old, replacement] = await chainOf(world, 2);
    await revokeAllForUser(world.deps, ADMIN, 'alice');
    expect(attribute(revokedEventOf(world, replacement.token.id), 'Reason')).toBe('All tokens of the user revoked');
    expect(attribute(revokedEventOf(world, old.token.id), 'Reason')).toBe(`Replacement ${replacement.token.id} revoked`);
  });

  it('revokes a replaced secret still in grace whose replacement is already revoked (data from before chains)', async () => {
    const world = fakeTokenWorld();
    const [old, replacement] = await chainOf(world, 2);
    // As an older version left it: the replacement revoked, the old secret still in grace.
    world.repository.forceWrite(replacement.token.id, (token) => ({ ...token, state: 'revoked', revokedAt: world.clock.now(), revokedBy: 'local-admin' }));
    expect(verifies(world, old.secret)).toBe('active');
    expect(await revokeAllForUser(world.deps, ADMIN, 'alice')).toEqual({ ok: true, data: { revoked: 1 } });
    expect(verifies(world, old.secret)).toBe('revoked');
  });

  it('a chain keeps one owner: rotation copies it, so revoke-all of one user never reaches another user', async () => {
    const world = fakeTokenWorld();
    const [old, replacement] = await chainOf(world, 2);
    expect(replacement.token.ownerAccountId).toBe(old.token.ownerAccountId);
    const bob = await seedToken(world, { ownerAccountId: 'bob' });
    await revokeAllForUser(world.deps, ADMIN, 'alice');
    expect(verifies(world, bob.secret)).toBe('active');
  });
});
