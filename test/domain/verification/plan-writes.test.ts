import { aggregationSlot } from '../../../src/domain/audit/recording-rules';
import type { Settings } from '../../../src/domain/settings/model';
import { AGGREGATION_SHARDS, aggregateRowId, isEmptyPlan, planWrites, USAGE_WRITE_INTERVAL_MS, type PlanInput } from '../../../src/domain/verification/plan-writes';
import { verify } from '../../../src/domain/verification/verify';
import { input, lookup, NOW, settings, TOKEN, rateRead } from '../../fakes/verification-fixtures';

function plan(over: Partial<PlanInput> & { settings?: Settings } = {}) {
  const s = over.settings ?? settings();
  const decision = over.decision ?? verify(input(), lookup(), s, rateRead(), NOW);
  return planWrites({
    decision,
    input: input(),
    settings: s,
    now: NOW,
    usage: { lastUsedAt: NOW - 1_000, lastUsedIp: '203.0.113.7', lastUsedChain: null, useCount: 10, requestsPerDay: [] },
    held: [],
    aggregation: [],
    pick: 0,
    ...over,
  });
}

const successOn = (extra: Partial<Settings> = {}): Settings =>
  settings({ audit: { ...settings().audit, successfulAuthentication: true }, ...extra });

describe('planWrites', () => {
  it('writes nothing for a repeat verification within a minute from the same IP, auditing off', () => {
    expect(isEmptyPlan(plan())).toBe(true);
  });

  it('writes usage when the stored value is a minute old, adding the uses this instance held back', () => {
    const result = plan({ usage: { lastUsedAt: NOW - USAGE_WRITE_INTERVAL_MS, lastUsedIp: '203.0.113.7', lastUsedChain: null, useCount: 10, requestsPerDay: [] }, held: [{ day: '2026-11-22', count: 4 }] });
    expect(result.usage).toEqual({ lastUsedAt: NOW, lastUsedIp: '203.0.113.7', lastUsedChain: { entries: ['203.0.113.7'], taken: 0 }, useCount: 15, requestsPerDay: [{ day: '2026-11-22', count: 5 }], networks: ['203.0.113.0/24'] });
  });

  it('writes usage on first use and when the IP changed', () => {
    expect(plan({ usage: null }).usage).toEqual({ lastUsedAt: NOW, lastUsedIp: '203.0.113.7', lastUsedChain: { entries: ['203.0.113.7'], taken: 0 }, useCount: 1, requestsPerDay: [{ day: '2026-11-22', count: 1 }], networks: ['203.0.113.0/24'] });
    expect(plan({ usage: { lastUsedAt: NOW - 1, lastUsedIp: '10.0.0.1', lastUsedChain: null, useCount: 1, requestsPerDay: [] } }).usage?.lastUsedIp).toBe('203.0.113.7');
  });

  it('keeps the address chain the use arrived with, and the entry taken, with the usage write', () => {
    const behindGateway = { ...input(), forwardedFor: ['10.9.9.9', '203.0.113.7', '127.0.0.2'], addressChain: { entries: ['10.9.9.9', '203.0.113.7', '127.0.0.2'], taken: 1 } };
    const result = plan({ input: behindGateway, usage: null });
    expect(result.usage?.lastUsedChain).toEqual({ entries: ['10.9.9.9', '203.0.113.7', '127.0.0.2'], taken: 1 });
  });

  it('keeps a secret the caller wrote into X-Forwarded-For out of the chain it stores', () => {
    const rest = TOKEN.slice('atat_'.length);
    const entries = [TOKEN, `atat%5F${rest}`, '203.0.113.7'];
    const result = plan({ input: { ...input(), forwardedFor: entries, addressChain: { entries, taken: 2 } }, usage: null });
    expect(result.usage?.lastUsedChain).toEqual({ entries: ['[redacted]', '[redacted]', '203.0.113.7'], taken: 2 });
  });

  it('writes the rate counter on every admitted request, with usage riding along for free', () => {
    const record = lookup({ rateLimit: { requests: 5, windowSeconds: 60 } });
    const result = plan({ decision: verify(input(), record, settings(), rateRead(), NOW) });
    expect(result.rateCounter?.next.count).toBe(1);
    expect(result.usage?.useCount).toBe(11);
  });

  it('records a success event only when the toggle is on and the action is not excluded', () => {
    expect(plan().events).toEqual([]);
    expect(plan({ settings: successOn() }).events).toHaveLength(1);
    expect(plan({ settings: successOn({ excludedActions: ['Token authentication succeeded'] }) }).events).toEqual([]);
  });

  it('records denial events under their own toggles, and never writes usage for them', () => {
    const s = settings({ audit: { ...settings().audit, failedAuthentication: true } });
    const result = plan({ settings: s, decision: verify(input(), null, s, rateRead(), NOW) });
    expect(result.events.map((event) => event.draft.action)).toEqual(['authFailed']);
    expect(result.usage).toBeNull();
    expect(isEmptyPlan(plan({ decision: verify(input(), null, settings(), rateRead(), NOW) }))).toBe(true);
  });

  it("aggregates successes into the audit log's slot for the token and window, with a count and the first occurrence's time", () => {
    const s = successOn({ successAggregation: { enabled: true, windowSeconds: 60 } });
    const windowStart = NOW - (NOW % 60_000);
    const first = plan({ settings: s });
    const slot = aggregationSlot(first.events[0].draft, s, NOW);
    expect(slot).not.toBeNull();
    expect(first.aggregationCounter).toEqual({ shard: 0, read: null, next: { windowStart, count: 1, firstAt: NOW }, windowSeconds: 60 });
    expect(first.events[0]).toMatchObject({ id: slot?.rowId, at: NOW, aggregate: { count: 1, windowEnd: windowStart + 60_000 } });

    const read = { windowStart, count: 6, firstAt: NOW - 10_000 };
    const later = plan({ settings: s, now: NOW + 5_000, aggregation: [read] });
    expect(later.events[0]).toMatchObject({ id: slot?.rowId, at: NOW - 10_000, aggregate: { count: 7 } });
    expect(later.aggregationCounter).toMatchObject({ read, next: { windowStart, count: 7, firstAt: NOW - 10_000 } });

    const nextWindow = plan({ settings: s, now: NOW + 60_000, aggregation: [read] });
    expect(nextWindow.events[0].id).not.toBe(slot?.rowId);
    expect(nextWindow.events[0]).toMatchObject({ at: NOW + 60_000, aggregate: { count: 1 } });
  });

  it('does not aggregate when the success action is excluded', () => {
    const s = successOn({ successAggregation: { enabled: true, windowSeconds: 60 }, excludedActions: ['Token authentication succeeded'] });
    const result = plan({ settings: s });
    expect(result.aggregationCounter).toBeNull();
    expect(result.events).toEqual([]);
  });

  it('spreads successes over at most AGGREGATION_SHARDS aggregates, each counted by its own shard', () => {
    const s = successOn({ successAggregation: { enabled: true, windowSeconds: 60 } });
    const windowStart = NOW - (NOW % 60_000);
    const slot = aggregationSlot(plan({ settings: s }).events[0].draft, s, NOW);
    const shards = Array.from({ length: AGGREGATION_SHARDS }, (_, shard) => ({ windowStart, count: shard + 1, firstAt: NOW - shard }));
    const ids = new Set<string | null>();
    for (let step = 0; step < 100; step += 1) {
      const result = plan({ settings: s, aggregation: shards, pick: step / 100 });
      const shard = result.aggregationCounter?.shard ?? -1;
      expect(result.events[0]).toMatchObject({ id: aggregateRowId(slot?.rowId ?? '', shard), aggregate: { count: shard + 2 }, at: NOW - shard });
      ids.add(result.events[0].id);
    }
    expect(ids.size).toBe(AGGREGATION_SHARDS);
    expect(plan({ settings: s, aggregation: shards, pick: 0.999999 }).aggregationCounter?.shard).toBe(AGGREGATION_SHARDS - 1);
  });
});
