import { aggregationSlot } from '../../../src/domain/audit/recording-rules';
import type { Settings } from '../../../src/domain/settings/model';
import { hashToken } from '../../../src/domain/tokens/hash';
import { isEmptyPlan, planWrites, USAGE_WRITE_INTERVAL_MS, type PlanInput } from '../../../src/domain/verification/plan-writes';
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
    tallyId: 'tally-1',
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

  it("writes an aggregated success as a tally of the token's slot for the window, with no event and no condition", () => {
    const s = successOn({ successAggregation: { enabled: true, windowSeconds: 60 } });
    const windowStart = NOW - (NOW % 60_000);
    const first = plan({ settings: s });
    expect(first.events).toEqual([]);
    expect(first.rateCounter).toBeNull();
    const draft = first.tally?.tally.draft;
    expect(draft?.action).toBe('authSucceeded');
    const slot = draft ? aggregationSlot(draft, s, NOW) : null;
    expect(first.tally).toEqual({ group: slot?.group, id: 'tally-1', tally: { at: NOW, windowStart, windowEnd: windowStart + 60_000, draft } });
    // A tally is a write: the usage rides along.
    expect(first.usage).not.toBeNull();

    expect(plan({ settings: s, now: NOW + 5_000, tallyId: 'tally-2' }).tally).toMatchObject({ group: slot?.group, id: 'tally-2' });
    expect(plan({ settings: s, now: NOW + 60_000 }).tally?.group).not.toBe(slot?.group);
  });

  it('keeps a tally free of the secret and its hash', () => {
    const s = successOn({ successAggregation: { enabled: true, windowSeconds: 60 } });
    const text = JSON.stringify(plan({ settings: s }).tally);
    expect(text).not.toContain(TOKEN);
    expect(text).not.toContain(hashToken(TOKEN));
  });

  it('does not aggregate when the success action is excluded', () => {
    const s = successOn({ successAggregation: { enabled: true, windowSeconds: 60 }, excludedActions: ['Token authentication succeeded'] });
    const result = plan({ settings: s });
    expect(result.tally).toBeNull();
    expect(result.events).toEqual([]);
  });
});
