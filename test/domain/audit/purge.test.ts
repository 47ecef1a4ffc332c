import { AUDIT_CATEGORIES } from '../../../src/domain/audit/model';
import { purgeExpired, type PurgeProgress } from '../../../src/domain/audit/purge';
import { DAY_MS, retentionCutoffs } from '../../../src/domain/audit/retention';
import { row, T0 } from '../../fakes/audit-events';
import { FakeAuditStore } from '../../fakes/audit-store';

const NOW = T0 + 400 * DAY_MS;
const retention = { defaultDays: 180, perCategoryDays: { Authentication: 30 } };

function setup() {
  const store = new FakeAuditStore();
  let saved: PurgeProgress | null = null;
  let now = NOW;
  const deps = {
    rows: store,
    progress: { load: async () => saved, save: async (p: PurgeProgress | null) => void (saved = p) },
    // Every storage call takes a second of the run's time.
    clock: { now: () => now + (store.calls.query + store.calls.delete) * 1000 },
  };
  return { store, deps, saved: () => saved, setNow: (t: number) => (now = t) };
}

const ago = (days: number) => NOW - days * DAY_MS;

describe('retention purge', () => {
  it('deletes exactly the events past their category retention', async () => {
    const t = setup();
    const keep = [row({ id: 'auth-10', at: ago(10) }), row({ id: 'token-100', at: ago(100), action: 'tokenCreated' })];
    const expired = [row({ id: 'auth-31', at: ago(31) }), row({ id: 'auth-300', at: ago(300) }), row({ id: 'token-181', at: ago(181), action: 'tokenRevoked' })];
    [...keep, ...expired].forEach((r) => t.store.put(r));
    const result = await purgeExpired(t.deps, retentionCutoffs(retention, NOW), NOW + 60_000);
    expect(result).toEqual({ purged: 3, failed: 0, complete: true });
    expect([...t.store.rows.keys()].sort()).toEqual(['auth-10', 'token-100']);
    expect(t.saved()).toBeNull();
  });

  it('never reads an event it keeps: each category is read below its own cutoff', async () => {
    const t = setup();
    for (let i = 0; i < 50; i += 1) t.store.put(row({ id: `keep-${i}`, at: ago(1) - i }));
    await purgeExpired(t.deps, retentionCutoffs(retention, NOW), NOW + 60_000);
    expect(t.store.queries.map((q) => q.index)).toEqual(AUDIT_CATEGORIES.map(() => 'category'));
    expect(t.store.queries.every((q) => q.ascending === true)).toBe(true);
    expect(t.store.rows.size).toBe(50);
  });

  it('stops at the deadline, saves where it was, and the next run finishes the job', async () => {
    const t = setup();
    for (let i = 0; i < 1000; i += 1) t.store.put(row({ id: `old-${String(i).padStart(4, '0')}`, at: ago(40) - i * 1000 }));
    const first = await purgeExpired(t.deps, retentionCutoffs(retention, NOW), NOW + 5_000);
    expect(first.complete).toBe(false);
    expect(first.purged).toBeGreaterThan(0);
    expect(first.purged).toBeLessThan(1000);
    expect(t.saved()).toEqual({ category: AUDIT_CATEGORIES.indexOf('Authentication') });
    // Deleted oldest first: what is left is the newest part.
    const left = [...t.store.rows.values()].map((r) => r.ts);
    expect(Math.max(...left)).toBe(ago(40));

    let total = first.purged;
    for (let run = 0; run < 20 && t.store.rows.size > 0; run += 1) {
      t.store.resetCalls();
      const next = await purgeExpired(t.deps, retentionCutoffs(retention, NOW), NOW + 5_000);
      total += next.purged;
    }
    expect(total).toBe(1000);
    expect(t.store.rows.size).toBe(0);
  });

  it('deletes in batches of at most 25 keys', async () => {
    const t = setup();
    for (let i = 0; i < 120; i += 1) t.store.put(row({ id: `old-${i}`, at: ago(40) - i }));
    await purgeExpired(t.deps, retentionCutoffs(retention, NOW), NOW + 60_000);
    expect(t.store.calls.delete).toBe(5);
    expect(t.store.rows.size).toBe(0);
  });
});
