import { alertId, utcDay } from '../../../src/domain/alerts/model';
import { networkOf } from '../../../src/domain/net/cidr';
import { denied } from '../../../src/domain/verification/model';
import { isEmptyPlan, planWrites } from '../../../src/domain/verification/plan-writes';
import { BURST_THRESHOLD, BURST_WINDOW_MS, planSignals, RECENT_NETWORKS, type SignalInput } from '../../../src/domain/verification/signals';
import { InstanceMemory } from '../../../src/domain/verification/instance-memory';
import { verify } from '../../../src/domain/verification/verify';
import { input, lookup, NOW, rateRead, settings } from '../../fakes/verification-fixtures';

const TODAY = utcDay(NOW);
const admitted = () => verify(input(), lookup(), settings(), rateRead(), NOW);
const usedFrom = (networks: string[] | undefined, extra: Partial<NonNullable<SignalInput['usage']>> = {}): NonNullable<SignalInput['usage']> => ({
  lastUsedAt: NOW - 1_000,
  lastUsedIp: '203.0.113.7',
  lastUsedChain: null,
  useCount: 3,
  requestsPerDay: [],
  ...(networks ? { networks } : {}),
  ...extra,
});

function signals(over: Partial<SignalInput> = {}) {
  return planSignals({ decision: admitted(), input: input(), usage: usedFrom(['203.0.113.0/24']), now: NOW, recentFailures: 0, settled: [], ...over });
}

describe('networkOf', () => {
  it('is the /24 of an IPv4 address, the /64 of an IPv6 one, and the IPv4 /24 of an IPv4-mapped one', () => {
    expect(networkOf('203.0.113.77')).toBe('203.0.113.0/24');
    expect(networkOf('2001:db8:1:2:aaaa::1')).toBe('2001:db8:1:2::/64');
    expect(networkOf('::ffff:198.51.100.9')).toBe('198.51.100.0/24');
    expect(networkOf('not an address')).toBeNull();
    expect(networkOf(null)).toBeNull();
  });
});

describe('new network signal', () => {
  it('does not fire for a network among the recent ones, nor for the first network a token is seen from', () => {
    expect(signals().fired).toEqual([]);
    const first = signals({ usage: null });
    expect(first.fired).toEqual([]);
    expect(first.memory).toEqual({ networks: ['203.0.113.0/24'] });
  });

  it('fires for a network not among the recent ones, with its sentence, and remembers the network first', () => {
    const result = signals({ input: input({ clientIp: '198.51.100.4' }) });
    expect(result.fired).toHaveLength(1);
    const [{ alert, draft }] = result.fired;
    expect(alert).toMatchObject({ id: alertId('tok-1', 'newNetworkUsed', TODAY), signal: 'newNetworkUsed', network: '198.51.100.0/24', status: 'open', clientIp: '198.51.100.4' });
    expect(alert.sentence).toBe('API token "CI pipeline" (tok-1) of alice was used from 198.51.100.0/24, a network it has not used recently (client 198.51.100.4).');
    expect(draft).toMatchObject({ action: 'newNetworkUsed', affectedObjects: [{ id: 'tok-1', type: 'API token' }, { id: 'alice', type: 'user' }] });
    expect(result.memory).toEqual({ networks: ['198.51.100.0/24', '203.0.113.0/24'], signalDays: { newNetworkUsed: TODAY } });
  });

  it('compares usage rows from before the rule with the network of their last address', () => {
    expect(signals({ usage: usedFrom(undefined) }).fired).toEqual([]);
    expect(signals({ usage: usedFrom(undefined), input: input({ clientIp: '198.51.100.4' }) }).fired).toHaveLength(1);
  });

  it('fires at most once a day, but keeps remembering networks', () => {
    const result = signals({ input: input({ clientIp: '198.51.100.4' }), usage: usedFrom(['203.0.113.0/24'], { signalDays: { newNetworkUsed: TODAY } }) });
    expect(result.fired).toEqual([]);
    expect(result.memory?.networks?.[0]).toBe('198.51.100.0/24');
    const tomorrow = signals({ now: NOW + 86_400_000, input: input({ clientIp: '198.51.100.4' }), usage: usedFrom(['203.0.113.0/24'], { signalDays: { newNetworkUsed: TODAY } }) });
    expect(tomorrow.fired).toHaveLength(1);
  });

  it(`keeps the ${RECENT_NETWORKS} most recent networks`, () => {
    const many = Array.from({ length: RECENT_NETWORKS }, (_, i) => `10.0.${i}.0/24`);
    const result = signals({ usage: usedFrom(many) });
    expect(result.memory?.networks).toEqual(['203.0.113.0/24', ...many.slice(0, RECENT_NETWORKS - 1)]);
  });

  it('treats a signal lost to a concurrent writer as fired: only its marker is kept', () => {
    const result = signals({ input: input({ clientIp: '198.51.100.4' }), settled: ['newNetworkUsed'] });
    expect(result.fired).toEqual([]);
    expect(result.memory?.signalDays).toEqual({ newNetworkUsed: TODAY });
  });
});

describe('revoked or expired token presented', () => {
  it('fires for a revoked and for an expired token, once a day', () => {
    const revoked = signals({ decision: denied('REVOKED_TOKEN', lookup({ state: 'revoked' })) });
    expect(revoked.fired.map((f) => f.alert.signal)).toEqual(['revokedTokenPresented']);
    expect(revoked.fired[0].alert.sentence).toContain('although it is revoked');
    expect(signals({ decision: denied('EXPIRED_TOKEN', lookup()) }).fired[0].alert.sentence).toContain('although it is expired');
    expect(signals({ decision: denied('REVOKED_TOKEN', lookup()), usage: usedFrom([], { signalDays: { revokedTokenPresented: TODAY } }) }).fired).toEqual([]);
  });

  it('never fires for an unknown token (no token to alert about)', () => {
    expect(signals({ decision: denied('UNKNOWN_TOKEN') })).toEqual({ fired: [], memory: null });
  });
});

describe('failure burst', () => {
  it(`fires at ${BURST_THRESHOLD} counted failures of a known token, not before, and not for rate limiting`, () => {
    const ipDenied = denied('IP_NOT_ALLOWED', lookup());
    expect(signals({ decision: ipDenied, recentFailures: BURST_THRESHOLD - 1 }).fired).toEqual([]);
    const burst = signals({ decision: ipDenied, recentFailures: BURST_THRESHOLD });
    expect(burst.fired[0].alert).toMatchObject({ signal: 'failureBurst', failures: BURST_THRESHOLD });
    expect(signals({ decision: denied('RATE_LIMITED', lookup()), recentFailures: 50 }).fired).toEqual([]);
  });

  it('is counted by the instance within a sliding window', () => {
    const memory = new InstanceMemory();
    for (let i = 1; i < BURST_THRESHOLD; i += 1) expect(memory.countFailure('h', NOW + i)).toBe(i);
    expect(memory.countFailure('h', NOW + BURST_THRESHOLD)).toBe(BURST_THRESHOLD);
    expect(memory.countFailure('other', NOW)).toBe(1);
    // Past the window, the old failures no longer count.
    expect(memory.countFailure('h', NOW + BURST_WINDOW_MS + 5)).toBe(BURST_THRESHOLD - 4);
  });
});

describe('the write plan with signals', () => {
  it('writes nothing extra when no signal fires (the hot path stays one read)', () => {
    expect(isEmptyPlan(planWrites({ decision: admitted(), input: input(), settings: settings(), now: NOW, usage: usedFrom(['203.0.113.0/24']), held: [], tallyId: 't' }))).toBe(true);
    expect(isEmptyPlan(planWrites({ decision: denied('IP_NOT_ALLOWED', lookup()), input: input(), settings: settings(), now: NOW, usage: usedFrom([]), held: [], tallyId: 't', recentFailures: 3 }))).toBe(true);
  });

  it('a fired signal on a denial writes its alert, its event and the marker, but does not count the denial as a use', () => {
    const plan = planWrites({ decision: denied('REVOKED_TOKEN', lookup()), input: input(), settings: settings(), now: NOW, usage: usedFrom(['203.0.113.0/24']), held: [{ day: TODAY, count: 2 }], tallyId: 't' });
    expect(plan.signals).toHaveLength(1);
    expect(plan.signals[0].event).toMatchObject({ id: plan.signals[0].alert.eventId, at: NOW });
    expect(plan.usage).toMatchObject({ lastUsedAt: NOW - 1_000, useCount: 5, signalDays: { revokedTokenPresented: TODAY } });
    expect(plan.events).toEqual([]);
  });
});
