// Test-only switches over HTTP: storage latency and failure rate, canned Jira failures, and the shared clock.
import { FIXTURE_APP, useHost } from '../../support/host';

const DAY = 86_400_000;

describe('POST /api/switches and POST /api/clock', () => {
  const host = useHost({ app: FIXTURE_APP });

  const post = (path: string, body: unknown): Promise<Response> =>
    fetch(`${host.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

  it('sets the storage failure rate: 1 fails every storage call, 0 none', async () => {
    const expected = jest.spyOn(console, 'error').mockImplementation(() => undefined); // the failure is on purpose
    expect((await post('/api/switches', { failRate: 1 })).status).toBe(200);
    await expect(host.invoke('fixture-page', 'counter/get')).rejects.toThrow(/FUNCTION_ERR/);
    expect(expected).toHaveBeenCalledWith(expect.stringContaining('Injected storage failure'));
    expected.mockRestore();
    expect((await post('/api/switches', { failRate: 0, latencyMs: 0 })).status).toBe(200);
    await expect(host.invoke('fixture-page', 'counter/get')).resolves.toEqual({ counter: 0 });
  });

  it('refuses out-of-range switch values with 400 and changes nothing', async () => {
    const reply = await post('/api/switches', { failRate: 2 });
    expect(reply.status).toBe(400);
    expect(((await reply.json()) as { code: string }).code).toBe('BAD_REQUEST');
    expect((await post('/api/switches', { latencyMs: -1 })).status).toBe(400);
    expect((await post('/api/switches', { jiraLatencyMs: 'slow' })).status).toBe(400);
    expect((await fetch(`${host.url}/api/switches`, { method: 'POST', body: '{not json' })).status).toBe(400);
    await expect(host.invoke('fixture-page', 'counter/get')).resolves.toEqual({ counter: 0 });
  });

  it('answers the next N product calls with the canned Jira failure, records them, then lets calls through again', async () => {
    const before = (await host.outbound()).length;
    const reply = await post('/api/switches', { jira: { status: 429, times: 2, retryAfter: '7' } });
    expect(reply.status).toBe(200);
    expect(await reply.json()).toEqual({ jira: { status: 429, times: 2, retryAfter: '7' } });

    const statuses: number[] = [];
    for (let i = 0; i < 3; i += 1) {
      statuses.push((await host.invoke<{ status: number }>('fixture-page', 'check-admin', { accountId: 'alice' })).status);
    }
    expect(statuses).toEqual([429, 429, 200]);
    const recorded = (await host.outbound()).slice(before);
    expect(recorded.map((call) => call.status)).toEqual([429, 429, 200]);
    expect(recorded.every((call) => call.headers['x-audit-log-description'] === 'Fixture: checks admin rights.')).toBe(true);
  });

  it('sends forge-proxy-error, which @forge/api turns into its own errors', async () => {
    // The host logs each function that throws; these two throw on purpose.
    jest.spyOn(console, 'error').mockImplementation(() => undefined);
    await post('/api/switches', { jira: { status: 401, times: 1, proxyError: 'NEEDS_AUTHENTICATION_ERR' } });
    await expect(host.invoke('fixture-page', 'check-admin', { accountId: 'alice' })).rejects.toThrow(/Authentication Required/);
    await post('/api/switches', { jira: { status: 502, times: 1, proxyError: 'PROXY_ERR' } });
    await expect(host.invoke('fixture-page', 'check-admin', { accountId: 'alice' })).rejects.toThrow(/FUNCTION_ERR/);
    await expect(host.invoke<{ status: number }>('fixture-page', 'check-admin', { accountId: 'alice' })).resolves.toMatchObject({ status: 200 });
    jest.restoreAllMocks();
  });

  it('clears a pending Jira failure with null, and refuses a malformed one without changing the pending one', async () => {
    await post('/api/switches', { jira: { status: 503, times: 5 } });
    for (const jira of [{ status: 200, times: 1 }, { status: 503, times: 0 }, { status: 503, times: 1, retryAfter: 'a\r\nb' }, { status: 503, times: 1, extra: true }, 'x']) {
      const refused = await post('/api/switches', { jira });
      expect(refused.status).toBe(400);
      expect(((await refused.json()) as { code: string }).code).toBe('BAD_REQUEST');
    }
    await expect(host.invoke<{ status: number }>('fixture-page', 'check-admin', { accountId: 'alice' })).resolves.toMatchObject({ status: 503 });
    expect((await post('/api/switches', { jira: null })).status).toBe(200);
    await expect(host.invoke<{ status: number }>('fixture-page', 'check-admin', { accountId: 'alice' })).resolves.toMatchObject({ status: 200 });
  });

  it('moves the clock the app sees', async () => {
    const before = (await host.invoke<{ now: number }>('fixture-page', 'now')).now;
    expect((await post('/api/clock', { advanceMs: DAY })).status).toBe(200);
    const after = (await host.invoke<{ now: number }>('fixture-page', 'now')).now;
    expect(after - before).toBeGreaterThanOrEqual(DAY);
    host.advanceClock(DAY);
    const later = (await host.invoke<{ now: number }>('fixture-page', 'now')).now;
    expect(later - after).toBeGreaterThanOrEqual(DAY);
  });
});
