// Test-only switches over HTTP: storage latency and failure rate, and the shared clock.
import { FIXTURE_APP, startHost, type TestHost } from '../../support/host';

const DAY = 86_400_000;

describe('POST /api/switches and POST /api/clock', () => {
  let host: TestHost;
  const post = (path: string, body: unknown): Promise<Response> =>
    fetch(`${host.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

  beforeAll(async () => {
    host = await startHost({ app: FIXTURE_APP });
  });
  afterAll(async () => {
    await host.stop();
  });

  it('sets the storage failure rate: 1 fails every storage call, 0 none', async () => {
    expect((await post('/api/switches', { failRate: 1 })).status).toBe(200);
    await expect(host.invoke('fixture-page', 'counter/get')).rejects.toThrow(/FUNCTION_ERR/);
    expect((await post('/api/switches', { failRate: 0, latencyMs: 0 })).status).toBe(200);
    await expect(host.invoke('fixture-page', 'counter/get')).resolves.toEqual({ counter: 0 });
  });

  it('refuses out-of-range switch values with 400 and changes nothing', async () => {
    const reply = await post('/api/switches', { failRate: 2 });
    expect(reply.status).toBe(400);
    expect(((await reply.json()) as { code: string }).code).toBe('BAD_REQUEST');
    expect((await post('/api/switches', { latencyMs: -1 })).status).toBe(400);
    expect((await fetch(`${host.url}/api/switches`, { method: 'POST', body: '{not json' })).status).toBe(400);
    await expect(host.invoke('fixture-page', 'counter/get')).resolves.toEqual({ counter: 0 });
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
