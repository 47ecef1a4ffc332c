/**
 * Verification caching at the gateway (setting verificationCacheSeconds), through real nginx running
 * the shipped docs/gateways/nginx.conf in front of a small upstream, with the app's verify-token
 * trigger on the local host. Invocations are counted by the local host, as the platform counts
 * them against its per-installation limit.
 *
 * nginx's cache runs on real time, not the local host's clock: the revocation test uses a 2 s
 * cache and waits for it.
 */
import { startHost, type TestHost } from '../support/host';
import { NGINX_PEER, send, startNginx, startUpstream, type Gateway, type Reply, type Upstream } from './support/gateways';
import { changeSettings, createToken, revokeToken } from './support/verification';
import { cryptoRandom } from '../../src/adapters/crypto-random';
import { generateToken } from '../../src/domain/tokens/format';

const CLIENT = '127.0.0.5';
const TRIGGER = 'verify-token';

let host: TestHost;
let upstream: Upstream;
let nginx: Gateway;

beforeAll(async () => {
  jest.spyOn(console, 'info').mockImplementation(() => undefined);
  host = await startHost();
  upstream = await startUpstream();
  nginx = await startNginx(upstream.port, host.webtriggerUrl(TRIGGER));
  await changeSettings(host, (s) => ({ ...s, trustedGateways: [`${NGINX_PEER}/32`], verificationCacheSeconds: 30 }));
});

afterAll(async () => {
  if (nginx) await nginx.stop();
  if (upstream) await upstream.close();
  if (host) await host.stop();
  jest.restoreAllMocks();
});

function get(secret: string, path = '/orders/1', method = 'GET'): Promise<Reply> {
  return send(`${nginx.url}${path}`, { method, headers: { authorization: `Bearer ${secret}` }, from: CLIENT });
}

/** `total` requests, `parallel` at a time; the statuses in order of completion. */
async function repeat(total: number, parallel: number, request: () => Promise<Reply>): Promise<number[]> {
  const statuses: number[] = [];
  let started = 0;
  const worker = async (): Promise<void> => {
    while (started < total) {
      started += 1;
      statuses.push((await request()).status);
    }
  };
  await Promise.all(Array.from({ length: parallel }, worker));
  return statuses;
}

async function invocationsOf(run: () => Promise<unknown>): Promise<number> {
  const before = host.webtriggerInvocations(TRIGGER);
  await run();
  return host.webtriggerInvocations(TRIGGER) - before;
}

describe('nginx caches the verification answer the app allows it to reuse', () => {
  it('serves 1,000 repeated requests of one token with at most 50 invocations (30 s cache)', async () => {
    const { secret } = await createToken(host);
    let statuses: number[] = [];
    const received = upstream.received.length;
    const invocations = await invocationsOf(async () => {
      statuses = await repeat(1000, 16, () => get(secret));
    });
    expect(statuses.filter((status) => status === 200)).toHaveLength(1000);
    expect(upstream.received.length - received).toBe(1000);
    expect(invocations).toBeGreaterThanOrEqual(1);
    expect(invocations).toBeLessThanOrEqual(50);
  });

  it('asks for every request of a token with a rate limit, and for every refusal (no-store)', async () => {
    const limited = await createToken(host, { rateLimit: { requests: 1000, windowSeconds: 3600 } });
    expect(await invocationsOf(() => repeat(30, 4, () => get(limited.secret)))).toBe(30);
    const unknown = generateToken(cryptoRandom);
    let statuses: number[] = [];
    expect(await invocationsOf(async () => (statuses = await repeat(20, 4, () => get(unknown))))).toBe(20);
    expect(new Set(statuses)).toEqual(new Set([401]));
  });

  it('keys the cache on the method and path too: a cached read does not let a write through', async () => {
    const readOnly = await createToken(host, { scope: 'read-only' });
    expect((await get(readOnly.secret, '/orders/7', 'GET')).status).toBe(200);
    expect((await get(readOnly.secret, '/orders/7', 'GET')).status).toBe(200);
    const write = await get(readOnly.secret, '/orders/7', 'DELETE');
    expect(write.status).toBe(403);
    expect(JSON.parse(write.body)).toMatchObject({ code: 'SCOPE_DENIED' });
  });

  it('refuses a revoked token once the cache time has passed (2 s cache, real time)', async () => {
    await changeSettings(host, (s) => ({ ...s, verificationCacheSeconds: 2 }));
    const { token, secret } = await createToken(host);
    const first = await get(secret);
    expect(first.status).toBe(200);
    await revokeToken(host, token.id);
    // nginx keeps whole seconds: an entry made during second t with max-age 2 is gone by t + 2.
    await new Promise((resolve) => setTimeout(resolve, 3_100));
    const after = await get(secret);
    expect(after.status).toBe(401);
    expect(JSON.parse(after.body)).toMatchObject({ code: 'REVOKED_TOKEN' });
  });
});
