import { runHygiene, type AccountDirectory, type HygieneDeps, type LiveTokenSource, type OwnerAccount } from '../../../src/domain/hygiene/daily-run';
import { DAY_MS } from '../../../src/domain/hygiene/rules';
import { DEFAULT_SETTINGS, type HygieneSettings } from '../../../src/domain/settings/model';
import { tokenStatus, type TokenUsage } from '../../../src/domain/tokens/model';
import { effectiveEnd } from '../../../src/domain/tokens/stored';
import { seedToken } from '../../fakes/seed-tokens';
import { fakeTokenWorld, type FakeTokenWorld } from '../../fakes/token-deps';

/** Live tokens of the in-memory repository, 100 a page, as the index range gives them. */
function fakeLive(world: FakeTokenWorld, pageSize = 100): LiveTokenSource & { pages: number } {
  const source = {
    pages: 0,
    async live(now: number, cursor: string | undefined) {
      source.pages += 1;
      const all = [...world.repository.tokens.values()]
        .filter((stored) => tokenStatus(stored.token, now) === 'active')
        .sort((a, b) => (effectiveEnd(a.token) ?? Infinity) - (effectiveEnd(b.token) ?? Infinity));
      const start = cursor ? Number(cursor) : 0;
      const next = start + pageSize;
      return { tokens: structuredClone(all.slice(start, next)), cursor: next < all.length ? String(next) : null };
    },
    async usage(hashes: readonly string[]) {
      return new Map(hashes.flatMap((hash): Array<[string, TokenUsage]> => {
        const usage = world.repository.usageByHash.get(hash);
        return usage ? [[hash, usage]] : [];
      }));
    },
  };
  return source;
}

function fakeAccounts(states: Record<string, OwnerAccount['state']>): AccountDirectory & { calls: string[][]; failing: boolean } {
  const directory = {
    calls: [] as string[][],
    failing: false,
    async accounts(accountIds: readonly string[]) {
      directory.calls.push([...accountIds]);
      if (directory.failing) throw new Error('Jira answered 503');
      return new Map(accountIds.map((id): [string, OwnerAccount] => [id, { state: states[id] ?? 'active', displayName: id }]));
    },
  };
  return directory;
}

function hygieneDeps(world: FakeTokenWorld, accounts: AccountDirectory, live = fakeLive(world)): HygieneDeps {
  return { ...world.deps, live, accounts };
}

const settings = (change: Partial<HygieneSettings> = {}): HygieneSettings => ({ ...DEFAULT_SETTINGS.hygiene, ...change });
const FAR = Number.MAX_SAFE_INTEGER;

describe('runHygiene', () => {
  it('asks Jira about at most 100 owners per call', async () => {
    const world = fakeTokenWorld();
    for (let n = 0; n < 150; n += 1) {
      const issued = await seedToken(world);
      world.repository.forceWrite(issued.token.id, (token) => ({ ...token, ownerAccountId: `owner-${n}` }));
    }
    const accounts = fakeAccounts({});
    const report = await runHygiene(hygieneDeps(world, accounts), settings(), FAR);
    expect(accounts.calls.map((ids) => ids.length)).toEqual([100, 50]);
    expect(report).toMatchObject({ scanned: 150, ownerCheck: 'done', complete: true });
  });

  it('acts on no owner when Jira fails, and still sends the reminders', async () => {
    const world = fakeTokenWorld();
    await seedToken(world, { ownerAccountId: 'bob', expiresAt: world.clock.now() + 2 * DAY_MS });
    const accounts = fakeAccounts({ bob: 'deactivated' });
    accounts.failing = true;
    const report = await runHygiene(hygieneDeps(world, accounts), settings({ deactivatedOwners: 'revoke' }), FAR);
    expect(report).toMatchObject({ ownerCheck: 'failed', revokedDeactivated: 0, reminded: 1 });
    expect(world.repository.events.map((event) => event.type.action)).toEqual(['Token created', 'Token expiring soon']);
  });

  it('re-reads a token another writer changed first and does not record its reminder twice', async () => {
    const world = fakeTokenWorld();
    const issued = await seedToken(world, { expiresAt: world.clock.now() + 3 * DAY_MS });
    const deps = hygieneDeps(world, fakeAccounts({}));
    // Another run records the reminder between this run's read and its write.
    world.repository.beforeCommit = () => world.repository.forceWrite(issued.token.id, (token) => ({ ...token, hygiene: { remindedDays: [7] } }));
    const report = await runHygiene(deps, settings(), FAR);
    expect(report.reminded).toBe(0);
    expect(world.repository.conflicts).toBe(1);
    expect(world.repository.events.filter((event) => event.type.action === 'Token expiring soon')).toEqual([]);
  });

  it('revokes an unused token with its live replaced secrets in one commit, as the app', async () => {
    const world = fakeTokenWorld();
    const issued = await seedToken(world);
    world.clock.advance(23 * DAY_MS);
    const deps = hygieneDeps(world, fakeAccounts({}));
    expect((await runHygiene(deps, settings({ unusedDays: 30 }), FAR)).warned).toBe(1);
    world.clock.advance(7 * DAY_MS);
    expect((await runHygiene(deps, settings({ unusedDays: 30 }), FAR)).revokedUnused).toBe(1);
    const revoked = world.repository.events.find((event) => event.type.action === 'Token revoked');
    expect(revoked?.author).toEqual({ id: 'api-token-audit', name: 'API Token Audit', type: 'app' });
    expect(revoked?.extraAttributes.find((extra) => extra.name === 'Reason')?.value).toBe('unused for 30 days');
    expect(world.repository.lookupOfToken(issued.token.id)?.state).toBe('revoked');
  });

  it('stops at its deadline and says the run is incomplete', async () => {
    const world = fakeTokenWorld();
    await seedToken(world, { expiresAt: world.clock.now() + DAY_MS });
    const report = await runHygiene(hygieneDeps(world, fakeAccounts({})), settings(), world.clock.now());
    expect(report).toMatchObject({ complete: false, reminded: 0 });
  });
});
