/**
 * Security signals on the verification path and the alerts they open (docs/tokens.md), through the
 * local host: each signal once per token and UTC day (also when two verifications race), at no
 * storage call when nothing fires, and acknowledgement through `alerts/*`.
 */
import { OUTBOUND_CATALOG } from '../../src/adapters/outbound/catalog';
import type { AlertView } from '../../src/domain/alerts/model';
import type { AuditEvent } from '../../src/domain/audit/model';
import { MS_PER_DAY } from '../../src/domain/alerts/model';
import { hashToken } from '../../src/domain/tokens/hash';
import { BURST_THRESHOLD } from '../../src/domain/verification/signals';
import { useHost } from '../support/host';
import { searchAll } from './support/audit';
import { createToken, revokeToken, rotateToken, verify } from './support/verification';

const host = useHost();

type Result<T> = { ok: true; data: T } | { ok: false; error: { code: string; message: string } };

async function admin<T>(functionKey: string, payload: unknown, accountId = 'local-admin'): Promise<Result<T>> {
  return host.invoke<Result<T>>('api-token-admin', functionKey, payload, { accountId });
}

async function alertsOf(tokenId: string, status: 'open' | 'acknowledged' = 'open'): Promise<AlertView[]> {
  const result = await admin<{ alerts: AlertView[] }>('alerts/list', { status });
  if (!result.ok) throw new Error(result.error.message);
  return result.data.alerts.filter((alert) => alert.tokenId === tokenId);
}

async function signalEvents(tokenId: string, action: string): Promise<AuditEvent[]> {
  return (await searchAll(host, { affectedObject: { type: 'API token', id: tokenId } })).filter((event) => event.type.action === action);
}

async function callsOf(run: () => Promise<unknown>): Promise<number> {
  await host.resetStats();
  await run();
  return (await host.stats()).total;
}

beforeAll(async () => {
  jest.spyOn(console, 'info').mockImplementation(() => undefined);
  // Start an hour into a UTC day, so that "the same day" holds for the whole file.
  const now = Date.now();
  host.advanceClock(Math.ceil(now / MS_PER_DAY) * MS_PER_DAY + 3_600_000 - now);
});

afterAll(async () => {
  jest.restoreAllMocks();
});

describe('revoked or expired token presented', () => {
  it('opens one alert and records one event per token and day, however often the token is presented', async () => {
    const { token, secret } = await createToken(host, { description: 'Leaked CI token' });
    expect((await verify(host, secret)).status).toBe(200);
    await revokeToken(host, token.id);

    expect(await callsOf(async () => expect((await verify(host, secret)).json().code).toBe('REVOKED_TOKEN'))).toBe(2);
    // Once fired today, a presentation costs the one read it always cost.
    expect(await callsOf(async () => expect((await verify(host, secret)).json().code).toBe('REVOKED_TOKEN'))).toBe(1);

    const [alert, ...more] = await alertsOf(token.id);
    expect(more).toEqual([]);
    expect(alert).toMatchObject({ signal: 'revokedTokenPresented', status: 'open', tokenDescription: 'Leaked CI token', ownerAccountId: 'alice', clientIp: '127.0.0.1' });
    expect(alert.sentence).toContain('revoked');
    const events = await signalEvents(token.id, 'Revoked or expired token presented');
    expect(events).toHaveLength(1);
    expect(events[0].id).toBe(alert.eventId);
    expect(events[0].extraAttributes).toContainEqual({ name: 'Alert', value: alert.sentence, nameI18nKey: expect.any(String) });

    host.advanceClock(MS_PER_DAY);
    await verify(host, secret);
    expect(await alertsOf(token.id)).toHaveLength(2);
  });

  it('fires for an old secret presented after its rotation grace ended', async () => {
    const { token, secret } = await createToken(host);
    await rotateToken(host, token.id, 1);
    host.advanceClock(2_000);
    expect((await verify(host, secret)).json().code).toBe('EXPIRED_TOKEN');
    const [alert] = await alertsOf(token.id);
    expect(alert).toMatchObject({ signal: 'revokedTokenPresented' });
    expect(alert.sentence).toContain('expired');
  });

  it('records one alert when two presentations race', async () => {
    const { token, secret } = await createToken(host);
    await revokeToken(host, token.id);
    const answers = await Promise.all([verify(host, secret), verify(host, secret), verify(host, secret)]);
    expect(answers.map((answer) => answer.json().code)).toEqual(['REVOKED_TOKEN', 'REVOKED_TOKEN', 'REVOKED_TOKEN']);
    expect(await alertsOf(token.id)).toHaveLength(1);
    expect(await signalEvents(token.id, 'Revoked or expired token presented')).toHaveLength(1);
  });
});

describe('token used from a new network', () => {
  it('takes the first network as the baseline, then fires once a day for a network not among the recent ones', async () => {
    const { token, secret } = await createToken(host);
    expect((await verify(host, secret, { from: '127.0.0.9' })).status).toBe(200);
    expect(await alertsOf(token.id)).toEqual([]);
    // Same /24: a changed address writes usage as it always did (2 calls), and signals nothing.
    expect(await callsOf(() => verify(host, secret, { from: '127.0.0.10' }))).toBe(2);
    expect(await alertsOf(token.id)).toEqual([]);

    expect(await callsOf(async () => expect((await verify(host, secret, { from: '127.0.1.9' })).status).toBe(200))).toBe(2);
    const [alert] = await alertsOf(token.id);
    expect(alert).toMatchObject({ signal: 'newNetworkUsed', network: '127.0.1.0/24', clientIp: '127.0.1.9' });
    // Another new network the same day: no second alert; and the hot path stays one read.
    await verify(host, secret, { from: '127.0.2.9' });
    expect(await callsOf(() => verify(host, secret, { from: '127.0.2.9' }))).toBe(1);
    expect(await alertsOf(token.id)).toHaveLength(1);
    expect(await signalEvents(token.id, 'Token used from a new network')).toHaveLength(1);

    // The next day, a network seen recently is not new; one that is, is.
    host.advanceClock(MS_PER_DAY);
    await verify(host, secret, { from: '127.0.1.20' });
    expect(await alertsOf(token.id)).toHaveLength(1);
    await verify(host, secret, { from: '127.0.3.9' });
    expect(await alertsOf(token.id)).toHaveLength(2);
  });

  it('records one alert when two verifications from a new network race', async () => {
    const { token, secret } = await createToken(host);
    await verify(host, secret, { from: '127.0.0.9' });
    host.advanceClock(61_000);
    const answers = await Promise.all([verify(host, secret, { from: '127.0.4.9' }), verify(host, secret, { from: '127.0.4.10' })]);
    expect(answers.map((answer) => answer.status)).toEqual([200, 200]);
    expect(await alertsOf(token.id)).toHaveLength(1);
    expect(await signalEvents(token.id, 'Token used from a new network')).toHaveLength(1);
  });

  it('with a rate limit on, races of a new network still admit within the limit and alert once', async () => {
    const { token, secret } = await createToken(host, { rateLimit: { requests: 100, windowSeconds: 60 } });
    await verify(host, secret, { from: '127.0.0.9' });
    const answers = await Promise.all(Array.from({ length: 6 }, (_, i) => verify(host, secret, { from: `127.0.5.${i + 1}` })));
    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200, 200, 200, 200]);
    expect(await alertsOf(token.id)).toHaveLength(1);
  });
});

describe('burst of failed verifications', () => {
  it(`fires after ${BURST_THRESHOLD} failures of one token, once a day, at no storage call before that`, async () => {
    const { token, secret } = await createToken(host, { ipAllowlist: ['10.0.0.0/8'] });
    const calls: number[] = [];
    for (let i = 0; i < BURST_THRESHOLD + 3; i += 1) {
      calls.push(await callsOf(async () => expect((await verify(host, secret)).json().code).toBe('IP_NOT_ALLOWED')));
    }
    expect(calls).toEqual([...Array<number>(BURST_THRESHOLD - 1).fill(1), 2, 1, 1, 1]);
    const [alert, ...more] = await alertsOf(token.id);
    expect(more).toEqual([]);
    expect(alert).toMatchObject({ signal: 'failureBurst', failures: BURST_THRESHOLD });
    expect(alert.sentence).toContain('IP_NOT_ALLOWED');
    expect(await signalEvents(token.id, 'Burst of failed verifications')).toHaveLength(1);
  });
});

describe('alerts/list and alerts/acknowledge', () => {
  it('moves an alert from open to acknowledged, audits that once, and links it to its token', async () => {
    const { token, secret } = await createToken(host);
    await revokeToken(host, token.id);
    await verify(host, secret);
    const [alert] = await alertsOf(token.id);

    const first = await admin<{ alert: AlertView }>('alerts/acknowledge', { alertId: alert.id });
    expect(first.ok && first.data.alert).toMatchObject({ id: alert.id, status: 'acknowledged', acknowledgedBy: 'local-admin' });
    const again = await admin<{ alert: AlertView }>('alerts/acknowledge', { alertId: alert.id });
    expect(again.ok && again.data.alert.status).toBe('acknowledged');

    expect(await alertsOf(token.id, 'open')).toEqual([]);
    expect(await alertsOf(token.id, 'acknowledged')).toMatchObject([{ id: alert.id }]);
    const acknowledged = await signalEvents(token.id, 'Alert acknowledged');
    expect(acknowledged).toHaveLength(1);
    expect(acknowledged[0].author).toMatchObject({ id: 'local-admin', type: 'user' });
  });

  it("answers the acknowledgers' display names beside a page of alerts, with one name look-up per page and none for open alerts", async () => {
    const { token, secret } = await createToken(host);
    await revokeToken(host, token.id);
    await verify(host, secret);
    const [alert] = await alertsOf(token.id);
    await admin('alerts/acknowledge', { alertId: alert.id });

    const lookups = async (): Promise<number> =>
      (await host.outbound()).filter((call) => call.headers['x-audit-log-description'] === OUTBOUND_CATALOG['alerts.acknowledgerNames'].description).length;
    const before = await lookups();
    const page = await admin<{ alerts: AlertView[]; acknowledgerNames: Record<string, string> }>('alerts/list', { status: 'acknowledged' });
    expect(page.ok && page.data.acknowledgerNames).toEqual({ 'local-admin': 'Local Admin' });
    expect(page.ok && page.data.alerts.find((listed) => listed.id === alert.id)?.acknowledgedBy).toBe('local-admin');
    expect(await lookups()).toBe(before + 1);
    const open = await admin<{ acknowledgerNames: Record<string, string> }>('alerts/list', { status: 'open' });
    expect(open.ok && open.data.acknowledgerNames).toEqual({});
    expect(await lookups()).toBe(before + 1);
  });

  it('never reopens an acknowledged alert nor records its event twice, even when the day marker in usage was lost', async () => {
    const { token, secret } = await createToken(host);
    await revokeToken(host, token.id);
    await verify(host, secret);
    const [alert] = await alertsOf(token.id);
    await admin('alerts/acknowledge', { alertId: alert.id });
    // A concurrent usage write (or a bug) loses the marker: storage still holds the alert.
    const key = `usage:${hashToken(secret)}`;
    const listing = (await (await fetch(`${host.url}/api/store?prefix=${key}`)).json()) as { keys: Array<{ key: string; value: Record<string, unknown> }> };
    const { signalDays: _lost, ...usage } = listing.keys[0].value;
    void _lost;
    await fetch(`${host.url}/api/store`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ key, value: usage }) });

    expect((await verify(host, secret)).json().code).toBe('REVOKED_TOKEN');
    expect((await verify(host, secret)).json().code).toBe('REVOKED_TOKEN');
    expect(await alertsOf(token.id, 'open')).toEqual([]);
    expect(await alertsOf(token.id, 'acknowledged')).toHaveLength(1);
    expect(await signalEvents(token.id, 'Revoked or expired token presented')).toHaveLength(1);
    // The marker is stored again, so the next presentation is back to one read.
    expect(await callsOf(() => verify(host, secret))).toBe(1);
  });

  it('refuses non-admins, bad payloads and unknown alerts with their codes', async () => {
    const codeOf = (result: Result<unknown>): string | null => (result.ok ? null : result.error.code);
    expect(codeOf(await admin('alerts/list', { status: 'open' }, 'bob'))).toBe('FORBIDDEN');
    expect(codeOf(await admin('alerts/acknowledge', { alertId: 'x' }, 'alice'))).toBe('FORBIDDEN');
    expect(codeOf(await admin('alerts/list', { status: 'closed' }))).toBe('INVALID_INPUT');
    expect(codeOf(await admin('alerts/list', { status: 'open', extra: 1 }))).toBe('INVALID_INPUT');
    expect(codeOf(await admin('alerts/acknowledge', {}))).toBe('INVALID_INPUT');
    // Not a storage key: refused at the edge, not answered UNAVAILABLE by storage.
    for (const alertId of ['../settings', 'a/b', '$where', 'x'.repeat(201)]) expect(codeOf(await admin('alerts/acknowledge', { alertId }))).toBe('INVALID_INPUT');
    expect(codeOf(await admin('alerts/acknowledge', { alertId: '2026-01-01.failureBurst.nope' }))).toBe('NOT_FOUND');
  });

  it('pages with a cursor, newest first', async () => {
    const { token, secret } = await createToken(host);
    await verify(host, secret, { from: '127.0.0.9' });
    for (let day = 0; day < 3; day += 1) {
      host.advanceClock(MS_PER_DAY);
      await verify(host, secret, { from: `127.0.${10 + day}.1` });
    }
    const seen: AlertView[] = [];
    let cursor: string | null = null;
    do {
      const page: Result<{ alerts: AlertView[]; cursor: string | null }> = await admin('alerts/list', { status: 'open', limit: 2, ...(cursor ? { cursor } : {}) });
      if (!page.ok) throw new Error(page.error.message);
      seen.push(...page.data.alerts);
      cursor = page.data.cursor;
    } while (cursor);
    const mine = seen.filter((alert) => alert.tokenId === token.id);
    expect(mine.map((alert) => alert.network)).toEqual(['127.0.12.0/24', '127.0.11.0/24', '127.0.10.0/24']);
    const times = seen.map((alert) => alert.createdAt);
    expect(times).toEqual([...times].sort((a, b) => b - a));
  });
});
