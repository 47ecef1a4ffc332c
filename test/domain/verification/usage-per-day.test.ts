/**
 * Requests per day through the verification use case, with a fake store and fake clock: the uses
 * between two usage writes are held by the instance and land on the day they happened, without a
 * storage call of their own; two instances of one token add up; and the one loss the write rule
 * allows (two usage writes of a token that overlap) is pinned at its bound, never an overcount.
 */
import { createAuthenticator, type Authenticate } from '../../../src/domain/verification/authenticate';
import { InstanceMemory } from '../../../src/domain/verification/instance-memory';
import { USAGE_WRITE_INTERVAL_MS } from '../../../src/domain/verification/plan-writes';
import { DEFAULT_SETTINGS } from '../../../src/domain/settings/model';
import { manualClock, type ManualClock } from '../../fakes/clock';
import { lookup, TOKEN } from '../../fakes/verification-fixtures';
import { fakeVerificationStore, type FakeVerificationStore } from '../../fakes/verification-store';

/** 23:59:00 UTC, a minute before a day ends. */
const LATE = Date.UTC(2026, 10, 22, 23, 59, 0);

function instance(store: FakeVerificationStore, clock: ManualClock): { memory: InstanceMemory; verify: () => ReturnType<Authenticate> } {
  const memory = new InstanceMemory();
  const authenticate = createAuthenticator({ store, clock, random: () => 0.5, sleep: async () => {}, log: () => {}, memory });
  const verify = () => authenticate({ method: 'POST', headers: { authorization: [`Bearer ${TOKEN}`], 'x-forwarded-for': ['203.0.113.7'] } }, { purpose: 'verify-token' });
  return { memory, verify };
}

function world() {
  const store = fakeVerificationStore({ ...DEFAULT_SETTINGS });
  const hash = store.addToken(TOKEN, lookup());
  const clock = manualClock(LATE - 30_000);
  return { store, hash, clock };
}

describe('usage per day on the verification path', () => {
  it('counts every verification of a hot token while writing usage once a minute, with no call of its own', async () => {
    const { store, hash, clock } = world();
    const a = instance(store, clock);
    for (let i = 0; i < 5; i += 1) await a.verify();
    // One read each; the first use wrote usage, the four after it are held.
    expect(store.calls).toEqual(['read', 'commit', 'read', 'read', 'read', 'read']);
    expect(store.usage.get(hash)?.requestsPerDay).toEqual([{ day: '2026-11-22', count: 1 }]);
    expect(a.memory.pendingUses(hash)).toBe(4);

    clock.set(Date.UTC(2026, 10, 23)); // 00:00:00.000 the next day, 90 s after the write: the write is due
    await a.verify();
    expect(store.usage.get(hash)).toMatchObject({ useCount: 6, requestsPerDay: [{ day: '2026-11-22', count: 5 }, { day: '2026-11-23', count: 1 }] });
    expect(a.memory.pendingUses(hash)).toBe(0);
    expect(store.calls.filter((call) => call === 'commit')).toHaveLength(2);
  });

  it('files uses held across midnight under the day they happened, not the day they were written', async () => {
    const { store, hash, clock } = world();
    const a = instance(store, clock);
    clock.set(LATE + 30_000);
    await a.verify(); // 23:59:30, written
    clock.set(LATE + 45_000);
    await a.verify(); // 23:59:45, held
    clock.set(LATE + 59_999);
    await a.verify(); // 23:59:59.999, held
    clock.set(LATE + 90_000);
    await a.verify(); // 00:00:30 the next day: the write is due, and carries the two held uses of the day before
    expect(store.usage.get(hash)?.requestsPerDay).toEqual([
      { day: '2026-11-22', count: 3 },
      { day: '2026-11-23', count: 1 },
    ]);
  });

  it('adds up the uses of two instances that take turns writing, so the series equals the verifications', async () => {
    const { store, hash, clock } = world();
    const a = instance(store, clock);
    const b = instance(store, clock);
    let verifications = 0;
    for (let minute = 0; minute < 5; minute += 1) {
      for (let i = 0; i < 3; i += 1) {
        await a.verify();
        await b.verify();
        verifications += 2;
        clock.advance(5_000);
      }
      clock.advance(USAGE_WRITE_INTERVAL_MS);
    }
    // What each instance still holds goes with its next write; here, a final use after a minute.
    await a.verify();
    await b.verify();
    verifications += 2;
    clock.advance(USAGE_WRITE_INTERVAL_MS);
    await a.verify();
    clock.advance(USAGE_WRITE_INTERVAL_MS);
    await b.verify();
    verifications += 2;
    const stored = store.usage.get(hash);
    const series = stored?.requestsPerDay ?? [];
    expect(a.memory.pendingUses(hash) + b.memory.pendingUses(hash)).toBe(0);
    expect(series.reduce((sum, { count }) => sum + count, 0)).toBe(verifications);
    expect(stored?.useCount).toBe(verifications);
    expect(series.map(({ day }) => day)).toEqual(['2026-11-22', '2026-11-23']);
  });

  it('loses at most the uses of a usage write another instance overwrote in the same instant, and never counts high', async () => {
    const { store, hash, clock } = world();
    const a = instance(store, clock);
    const b = instance(store, clock);
    await a.verify(); // written: 1
    await a.verify(); // held by a
    await b.verify(); // held by b
    await b.verify(); // held by b
    clock.advance(USAGE_WRITE_INTERVAL_MS);
    // Both read the same stale usage, both write: the later write replaces the earlier one.
    await Promise.all([a.verify(), b.verify()]);
    expect(store.calls.slice(-4)).toEqual(['read', 'read', 'commit', 'commit']);
    const total = 6;
    const stored = store.usage.get(hash);
    const counted = (stored?.requestsPerDay ?? []).reduce((sum, { count }) => sum + count, 0);
    // a wrote 1 + 1 held + 1, b wrote 1 + 2 held + 1 over the same read: one of the two is lost.
    expect([total - 2, total - 3]).toContain(counted);
    expect(stored?.useCount).toBe(counted);
    // Neither instance keeps what it wrote: an overwritten write is the documented loss.
    expect(a.memory.pendingUses(hash) + b.memory.pendingUses(hash)).toBe(0);
  });
});
