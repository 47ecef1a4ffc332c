/**
 * The rate limit holds under concurrency (docs/tokens.md): counter writes are conditional on the
 * count they were decided on, so concurrent requests can never share a slot.
 */
import { useHost } from '../support/host';
import { createToken, verify } from './support/verification';

const host = useHost();

afterEach(() => {
  host.setLatency(0);
});

async function burst(secret: string, count: number): Promise<number[]> {
  const replies = await Promise.all(Array.from({ length: count }, () => verify(host, secret)));
  return replies.map((reply) => reply.status);
}

const tally = (statuses: number[]): Record<number, number> =>
  statuses.reduce<Record<number, number>>((acc, status) => ({ ...acc, [status]: (acc[status] ?? 0) + 1 }), {});

describe('rate limit under concurrency', () => {
  // Storage latency makes the 40 requests' reads and writes overlap, as they would on Forge; with
  // none, the local host would answer each call before the next arrives and hide any race.
  it.each([2, 25])('admits exactly 5 of 40 concurrent requests against a limit of 5 (%i ms storage latency); the others get 429', async (latencyMs) => {
    host.setLatency(latencyMs);
    const { secret } = await createToken(host, { rateLimit: { requests: 5, windowSeconds: 3600 } });
    jest.spyOn(console, 'info').mockImplementation(() => undefined);
    const statuses = await burst(secret, 40);
    jest.restoreAllMocks();
    expect(tally(statuses)).toEqual({ 200: 5, 429: 35 });
  });

  it('never admits more than the limit, whatever the contention (limit 20, 60 concurrent), and loses no slot', async () => {
    host.setLatency(2);
    const { secret } = await createToken(host, { rateLimit: { requests: 20, windowSeconds: 3600 } });
    jest.spyOn(console, 'info').mockImplementation(() => undefined);
    const statuses = await burst(secret, 60);
    // A request may give up under contention (429, Retry-After: 1) before the window is full;
    // one at a time, the rest of the window must still be there, and not one request more.
    let more = 0;
    while ((await verify(host, secret)).status === 200) more += 1;
    jest.restoreAllMocks();
    expect(statuses.every((status) => status === 200 || status === 429)).toBe(true);
    expect(statuses.filter((status) => status === 200).length + more).toBe(20);
  });

  it('keeps the new limit exact when it is lowered during a window', async () => {
    host.setLatency(2);
    const { token, secret } = await createToken(host, { rateLimit: { requests: 16, windowSeconds: 3600 } });
    jest.spyOn(console, 'info').mockImplementation(() => undefined);
    for (let i = 0; i < 6; i += 1) expect((await verify(host, secret)).status).toBe(200);
    const updated = await host.invoke<{ ok: boolean }>('api-token-admin', 'tokens/update', { tokenId: token.id, rateLimit: { requests: 8, windowSeconds: 3600 } });
    expect(updated.ok).toBe(true);
    const statuses = await burst(secret, 30);
    let more = 0;
    while ((await verify(host, secret)).status === 200) more += 1;
    jest.restoreAllMocks();
    expect(6 + statuses.filter((status) => status === 200).length + more).toBe(8);
  });

  it('never admits more than a limit larger than one read covers (63 shards, 13 read each time): 150 at once against 100', async () => {
    host.setLatency(2);
    const { secret } = await createToken(host, { rateLimit: { requests: 100, windowSeconds: 3600 } });
    jest.spyOn(console, 'info').mockImplementation(() => undefined);
    const statuses = await burst(secret, 150);
    let more = 0;
    while ((await verify(host, secret)).status === 200) more += 1;
    jest.restoreAllMocks();
    expect(statuses.filter((status) => status === 200).length + more).toBe(100);
  });

  it('keeps a large limit exact when it is lowered during a window: the edit snapshots every shard', async () => {
    host.setLatency(2);
    const { token, secret } = await createToken(host, { rateLimit: { requests: 200, windowSeconds: 3600 } });
    jest.spyOn(console, 'info').mockImplementation(() => undefined);
    // Some of a cold burst may be answered 429 with Retry-After 1 after losing 6 races: count what was admitted.
    const first = (await burst(secret, 70)).filter((status) => status === 200).length;
    const updated = await host.invoke<{ ok: boolean }>('api-token-admin', 'tokens/update', { tokenId: token.id, rateLimit: { requests: 80, windowSeconds: 3600 } });
    expect(updated.ok).toBe(true);
    const statuses = await burst(secret, 40);
    let more = 0;
    while ((await verify(host, secret)).status === 200) more += 1;
    jest.restoreAllMocks();
    expect(first).toBeGreaterThan(60);
    expect(first + statuses.filter((status) => status === 200).length + more).toBe(80);
  });
});
