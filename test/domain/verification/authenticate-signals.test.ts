/**
 * Security signals in the verification use case (authenticate.ts) with the in-memory store: one
 * alert per token, signal and day under concurrency, a lost race settles without a second alert,
 * and the notifier hears only of committed alerts and never changes the answer.
 */
import type { Alert } from '../../../src/domain/alerts/model';
import { createAuthenticator, type AuthenticationRequest } from '../../../src/domain/verification/authenticate';
import { InstanceMemory } from '../../../src/domain/verification/instance-memory';
import type { AuthenticationResult } from '../../../src/domain/verification/result';
import { BURST_THRESHOLD } from '../../../src/domain/verification/signals';
import { DEFAULT_SETTINGS } from '../../../src/domain/settings/model';
import { manualClock } from '../../fakes/clock';
import { lookup, NOW, TOKEN } from '../../fakes/verification-fixtures';
import { fakeVerificationStore } from '../../fakes/verification-store';

function setup(options: { notifier?: (alerts: readonly Alert[]) => Promise<void> } = {}) {
  const store = fakeVerificationStore(DEFAULT_SETTINGS);
  const raised: Alert[] = [];
  const lines: string[] = [];
  const authenticate = createAuthenticator({
    store,
    clock: manualClock(NOW),
    random: () => 0.5,
    sleep: async () => undefined,
    log: (line) => lines.push(line),
    memory: new InstanceMemory(),
    alerts: {
      raised:
        options.notifier ??
        (async (alerts) => {
          raised.push(...alerts);
        }),
    },
  });
  const verify = (ip = '203.0.113.7', request: Partial<AuthenticationRequest> = {}): Promise<AuthenticationResult> =>
    authenticate({ method: 'POST', headers: { authorization: [`Bearer ${TOKEN}`], 'x-forwarded-for': [ip] }, ...request }, { purpose: 'verify-token' });
  return { store, raised, lines, verify };
}

const codeOf = (result: AuthenticationResult): string => (result.valid ? 'VALID' : result.code);

describe('signals in the verification use case', () => {
  it('records one alert when concurrent presentations of a revoked token race, and tells the notifier once', async () => {
    const { store, raised, verify } = setup();
    store.addToken(TOKEN, lookup({ state: 'revoked', revokedAt: NOW - 1 }));
    const answers = await Promise.all(Array.from({ length: 5 }, () => verify()));
    expect(answers.map(codeOf)).toEqual(Array(5).fill('REVOKED_TOKEN'));
    expect([...store.alerts.values()].map((alert) => alert.signal)).toEqual(['revokedTokenPresented']);
    expect(raised).toHaveLength(1);
    // Once the marker is stored, a presentation reads and writes nothing.
    store.calls.length = 0;
    await verify();
    expect(store.calls).toEqual(['read']);
  });

  it('settles a signal whose alert exists but whose marker was lost, without a second alert and within the attempt budget', async () => {
    const { store, raised, verify } = setup();
    const hash = store.addToken(TOKEN, lookup({ state: 'revoked', revokedAt: NOW - 1 }));
    await verify();
    const usage = store.usage.get(hash);
    store.usage.set(hash, { ...usage!, signalDays: {} } as never);
    store.calls.length = 0;
    expect(codeOf(await verify())).toBe('REVOKED_TOKEN');
    // Two conflicting commits (with a read after each), then the marker alone.
    expect(store.calls).toEqual(['read', 'commit', 'read', 'commit', 'read', 'commit']);
    expect(store.alerts.size).toBe(1);
    expect(raised).toHaveLength(1);
    expect((store.usage.get(hash) as { signalDays?: object }).signalDays).toEqual({ revokedTokenPresented: '2026-11-22' });
  });

  it(`fires a failure burst at the ${BURST_THRESHOLD}th failure this instance sees, and costs one read per failure before`, async () => {
    const { store, verify } = setup();
    store.addToken(TOKEN, lookup({ ipAllowlist: ['10.0.0.0/8'] }));
    for (let i = 1; i < BURST_THRESHOLD; i += 1) expect(codeOf(await verify())).toBe('IP_NOT_ALLOWED');
    expect(store.calls.filter((call) => call === 'commit')).toEqual([]);
    await verify();
    expect([...store.alerts.values()]).toMatchObject([{ signal: 'failureBurst', failures: BURST_THRESHOLD }]);
  });

  it('answers as it would without the notifier when the notifier fails', async () => {
    const { store, lines, verify } = setup({ notifier: () => Promise.reject(new Error('queue down')) });
    store.addToken(TOKEN, lookup({ state: 'revoked', revokedAt: NOW - 1 }));
    expect(codeOf(await verify())).toBe('REVOKED_TOKEN');
    expect(store.alerts.size).toBe(1);
    expect(lines.some((line) => line.includes('not handed to delivery'))).toBe(true);
  });

  it('does not tell the notifier of an alert whose transaction failed, and raises it on the next presentation', async () => {
    const { store, raised, verify } = setup();
    store.addToken(TOKEN, lookup({ state: 'revoked', revokedAt: NOW - 1 }));
    store.failNext('commit');
    expect(codeOf(await verify())).toBe('REVOKED_TOKEN');
    expect(raised).toEqual([]);
    await verify();
    expect(raised).toHaveLength(1);
  });
});
