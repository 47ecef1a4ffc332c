/**
 * The verify-token web trigger through the local host (docs/verify-token.md, docs/performance.md): every answer code,
 * every credential form, both gateway header styles, allowlists, rotation, expiry, storage failure,
 * and the storage calls each outcome costs.
 */
import { generateToken } from '../../src/domain/tokens/format';
import { cryptoRandom } from '../../src/adapters/crypto-random';
import { useHost } from '../support/host';
import { changeSettings, createToken, describeRequest, revokeToken, rotateToken, trustingTestGateway, verify, viaGateway, withAudit } from './support/verification';

const host = useHost();

beforeAll(async () => {
  // The trigger logs one line per request; the audit test file checks their content.
  jest.spyOn(console, 'info').mockImplementation(() => undefined);
});

afterAll(async () => {
  jest.restoreAllMocks();
});

afterEach(() => {
  host.setFailRate(0);
});

const basic = (user: string, password: string): string => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

describe('200 for a valid token', () => {
  it('answers with the token identity in the body and in gateway headers', async () => {
    const { token, secret } = await createToken(host, { scope: 'read-only', description: 'Reporting job' });
    const reply = await verify(host, secret, { body: describeRequest('GET') });
    expect(reply.status).toBe(200);
    expect(reply.headers['content-type']).toBe('application/json');
    expect(reply.json()).toEqual({ valid: true, tokenId: token.id, accountId: 'alice', scope: 'read-only', expiresAt: null, rateLimit: null });
    expect(reply.headers['x-token-id']).toBe(token.id);
    expect(reply.headers['x-token-account-id']).toBe('alice');
    expect(reply.headers['x-token-scope']).toBe('read-only');
  });

  it('accepts the token as the Basic password (any user name) and as X-Api-Token', async () => {
    const { secret } = await createToken(host);
    expect((await verify(host, null, { headers: { authorization: basic('automation', secret) } })).status).toBe(200);
    expect((await verify(host, null, { headers: { authorization: basic('', secret) } })).status).toBe(200);
    expect((await verify(host, null, { headers: { 'x-api-token': secret } })).status).toBe(200);
  });

  it('reports the expiry and the rate limit state', async () => {
    const expiresAt = new Date(Date.now() + 86_400_000).toISOString();
    const { secret } = await createToken(host, { expiresAt, rateLimit: { requests: 3, windowSeconds: 60 } });
    const body = (await verify(host, secret)).json();
    expect(body.expiresAt).toBe(new Date(Date.parse(expiresAt)).toISOString());
    expect(body.rateLimit).toMatchObject({ limit: 3, remaining: 2 });
    expect(Date.parse(body.rateLimit.resetAt)).toBeGreaterThan(Date.now());
  });
});

describe('the request to authorise', () => {
  it('never reads X-Original-Method: a gateway that forwards client headers would let the client choose it', async () => {
    const { secret } = await createToken(host, { scope: 'read-only' });
    const spoof = await verify(host, secret, { method: 'DELETE', headers: { 'x-original-method': 'GET', 'x-original-uri': '/rest/api/3/myself' } });
    expect(spoof.status).toBe(403);
    expect(spoof.json().code).toBe('SCOPE_DENIED');
  });

  it('reads the gateway headers X-Forwarded-Method and X-Forwarded-Uri', async () => {
    const { secret } = await createToken(host, { scope: 'read-only' });
    const read = await verify(host, secret, { method: 'GET', headers: { 'x-forwarded-method': 'HEAD', 'x-forwarded-uri': '/x' } });
    const write = await verify(host, secret, { method: 'GET', headers: { 'x-forwarded-method': 'DELETE', 'x-forwarded-uri': '/x' } });
    expect([read.status, write.status]).toEqual([200, 403]);
  });

  it('reads the JSON body of a GET, as curl -X GET --data sends it', async () => {
    const { secret } = await createToken(host, { scope: 'read-only' });
    const write = await verify(host, secret, { method: 'GET', body: describeRequest('PUT') });
    expect(write.status).toBe(403);
    expect(write.json().code).toBe('SCOPE_DENIED');
  });

  it("falls back to the trigger's own method", async () => {
    const { secret } = await createToken(host, { scope: 'read-only' });
    expect((await verify(host, secret, { method: 'GET' })).status).toBe(200);
    expect((await verify(host, secret, { method: 'POST' })).status).toBe(403);
  });

  it.each([
    ['broken JSON', '{"method":'],
    ['an unknown field', '{"method":"GET","path":"/x","user":"admin"}'],
    ['an unknown method', '{"method":"BREW","path":"/x"}'],
    ['a path that is not a path', '{"method":"GET","path":"issue/ABC-1"}'],
    ['an oversize body', JSON.stringify({ method: 'GET', path: `/${'a'.repeat(9000)}` })],
  ])('answers 400 BAD_REQUEST for %s, without a storage call', async (_name, body) => {
    const { secret } = await createToken(host);
    await host.resetStats();
    const reply = await verify(host, secret, { body });
    expect(reply.status).toBe(400);
    expect(reply.json()).toMatchObject({ valid: false, code: 'BAD_REQUEST' });
    expect((await host.stats()).total).toBe(0);
  });
});

describe('401 answers', () => {
  it('MISSING_CREDENTIALS with WWW-Authenticate: Bearer', async () => {
    const reply = await verify(host, null);
    expect(reply.status).toBe(401);
    expect(reply.headers['www-authenticate']).toBe('Bearer');
    expect(reply.json()).toEqual({ valid: false, code: 'MISSING_CREDENTIALS', message: expect.any(String) });
  });

  it('MALFORMED_TOKEN for a bad checksum, a password, or another scheme', async () => {
    const { secret } = await createToken(host);
    const broken = secret.slice(0, -1) + (secret.endsWith('a') ? 'b' : 'a');
    for (const headers of [{ authorization: `Bearer ${broken}` }, { authorization: basic('jdoe', 'hunter2') }, { authorization: 'Digest x' }]) {
      const reply = await verify(host, null, { headers });
      expect(reply.status).toBe(401);
      expect(reply.json().code).toBe('MALFORMED_TOKEN');
    }
  });

  it('UNKNOWN_TOKEN for a well-formed token that was never issued', async () => {
    const reply = await verify(host, generateToken(cryptoRandom));
    expect(reply.status).toBe(401);
    expect(reply.json().code).toBe('UNKNOWN_TOKEN');
    expect(reply.headers['www-authenticate']).toBe('Bearer');
  });

  it('REVOKED_TOKEN once revoked', async () => {
    const { token, secret } = await createToken(host);
    expect((await verify(host, secret)).status).toBe(200);
    await revokeToken(host, token.id);
    const reply = await verify(host, secret);
    expect(reply.status).toBe(401);
    expect(reply.json().code).toBe('REVOKED_TOKEN');
  });

  it('EXPIRED_TOKEN after its expiry', async () => {
    const { secret } = await createToken(host, { expiresAt: new Date(Date.now() + 3_600_000).toISOString() });
    expect((await verify(host, secret)).status).toBe(200);
    host.advanceClock(3_600_001);
    const reply = await verify(host, secret);
    expect(reply.status).toBe(401);
    expect(reply.json().code).toBe('EXPIRED_TOKEN');
  });

  it('accepts a rotated token during its grace period only; the new secret keeps working', async () => {
    const { token, secret: old } = await createToken(host);
    const rotated = await rotateToken(host, token.id, 600);
    expect((await verify(host, old)).status).toBe(200);
    expect((await verify(host, rotated.secret)).status).toBe(200);
    host.advanceClock(600_001);
    expect((await verify(host, old)).json().code).toBe('EXPIRED_TOKEN');
    expect((await verify(host, rotated.secret)).status).toBe(200);
  });
});

describe('403 answers', () => {
  it("IP_NOT_ALLOWED outside the token's IPv4 allowlist", async () => {
    const { secret } = await createToken(host, { ipAllowlist: ['203.0.113.0/24'] });
    await changeSettings(host, trustingTestGateway);
    try {
      expect((await verify(host, secret, viaGateway('203.0.113.9'))).status).toBe(200);
      const outside = await verify(host, secret, viaGateway('198.51.100.1'));
      expect(outside.status).toBe(403);
      expect(outside.json().code).toBe('IP_NOT_ALLOWED');
      // A direct caller is the peer the edge saw, whatever it writes.
      expect((await verify(host, secret, { headers: { 'x-forwarded-for': '203.0.113.9' } })).json().code).toBe('IP_NOT_ALLOWED');
    } finally {
      await changeSettings(host, (s) => ({ ...s, trustedGateways: [] }));
    }
  });

  it("applies the token's IPv6 allowlist, and never reads X-Real-IP", async () => {
    const { secret } = await createToken(host, { ipAllowlist: ['2001:db8:abcd::/48'] });
    await changeSettings(host, trustingTestGateway);
    try {
      expect((await verify(host, secret, viaGateway('2001:db8:abcd:12::1'))).status).toBe(200);
      expect((await verify(host, secret, viaGateway('2001:db8:abce::1'))).json().code).toBe('IP_NOT_ALLOWED');
      expect((await verify(host, secret, { headers: { 'x-real-ip': '2001:db8:abcd:12::1' } })).json().code).toBe('IP_NOT_ALLOWED');
    } finally {
      await changeSettings(host, (s) => ({ ...s, trustedGateways: [] }));
    }
  });

  it('applies the system-wide allowlist on top of the token allowlist', async () => {
    const { secret } = await createToken(host);
    await changeSettings(host, (s) => trustingTestGateway({ ...s, policies: { ...s.policies, systemIpAllowlist: ['10.0.0.0/8', 'fd00::/8'] } }));
    try {
      expect((await verify(host, secret, viaGateway('10.2.3.4'))).status).toBe(200);
      expect((await verify(host, secret, viaGateway('fd12::1'))).status).toBe(200);
      expect((await verify(host, secret, viaGateway('11.2.3.4'))).json().code).toBe('IP_NOT_ALLOWED');
      expect((await verify(host, secret, viaGateway('::10.2.3.4'))).json().code).toBe('IP_NOT_ALLOWED');
    } finally {
      await changeSettings(host, (s) => ({ ...s, trustedGateways: [], policies: { ...s.policies, systemIpAllowlist: [] } }));
    }
  });

  it('SCOPE_DENIED for a write with a read-only token, and for any request with an audit-read token', async () => {
    const readOnly = await createToken(host, { scope: 'read-only' });
    const auditRead = await createToken(host, { scope: 'audit-read' });
    expect((await verify(host, readOnly.secret, { body: describeRequest('PUT') })).json().code).toBe('SCOPE_DENIED');
    const reply = await verify(host, auditRead.secret, { body: describeRequest('GET') });
    expect(reply.status).toBe(403);
    expect(reply.json()).toMatchObject({ valid: false, code: 'SCOPE_DENIED' });
  });
});

describe('429 RATE_LIMITED', () => {
  // Start just after a window boundary, so a test's requests cannot straddle two windows.
  beforeEach(() => {
    host.advanceClock(3_600_000 - (Date.now() % 3_600_000) + 1_000);
  });

  it('admits N requests per window, then answers 429 with Retry-After until the window ends', async () => {
    const { secret } = await createToken(host, { rateLimit: { requests: 2, windowSeconds: 60 } });
    const statuses = [];
    for (let i = 0; i < 3; i += 1) statuses.push((await verify(host, secret)).status);
    expect(statuses).toEqual([200, 200, 429]);
    const limited = await verify(host, secret);
    expect(limited.json()).toMatchObject({ valid: false, code: 'RATE_LIMITED' });
    const retryAfter = Number(limited.headers['retry-after']);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    host.advanceClock(retryAfter * 1000);
    expect((await verify(host, secret)).status).toBe(200);
  });

  it('does not count denied requests against the limit', async () => {
    const { secret } = await createToken(host, { scope: 'read-only', rateLimit: { requests: 1, windowSeconds: 3600 } });
    expect((await verify(host, secret, { body: describeRequest('DELETE') })).status).toBe(403);
    expect((await verify(host, secret, { body: describeRequest('GET') })).status).toBe(200);
  });
});

describe('503 UNAVAILABLE (fail closed)', () => {
  it('refuses a valid token when storage fails, and never answers 200', async () => {
    const { secret } = await createToken(host);
    host.setFailRate(1);
    const reply = await verify(host, secret);
    expect(reply.status).toBe(503);
    expect(reply.json()).toEqual({ valid: false, code: 'UNAVAILABLE', message: expect.any(String) });
  });

  it('refuses a rate-limited token when the counter cannot be written', async () => {
    const { secret } = await createToken(host, { rateLimit: { requests: 100, windowSeconds: 60 } });
    host.setFailRate(1);
    expect((await verify(host, secret)).status).toBe(503);
  });

  it('still answers missing and malformed credentials without storage', async () => {
    host.setFailRate(1);
    expect((await verify(host, null)).status).toBe(401);
    expect((await verify(host, 'atat_not-a-token')).json().code).toBe('MALFORMED_TOKEN');
  });
});

describe('storage calls per verification (docs/performance.md)', () => {
  it('costs exactly 1 call for a repeat verification of a valid token', async () => {
    const { secret } = await createToken(host);
    expect((await verify(host, secret)).status).toBe(200); // first use writes usage
    await host.resetStats();
    expect((await verify(host, secret)).status).toBe(200);
    const stats = await host.stats();
    expect(stats.total).toBe(1);
    expect(stats.storage['batch.get']).toBe(1);
  });

  it('writes usage again once the last write is a minute old, or the IP changed', async () => {
    const { secret } = await createToken(host);
    await verify(host, secret);
    host.advanceClock(60_000);
    await host.resetStats();
    await verify(host, secret);
    expect((await host.stats()).total).toBe(2);
    await host.resetStats();
    await verify(host, secret, { from: '127.0.0.3' });
    expect((await host.stats()).total).toBe(2);
  });

  it('costs 0 calls to reject a malformed token (default settings, warm instance)', async () => {
    const { secret } = await createToken(host);
    await verify(host, secret); // any verification refreshes the instance's settings
    await host.resetStats();
    expect((await verify(host, 'atat_0000')).json().code).toBe('MALFORMED_TOKEN');
    expect((await verify(host, null, { headers: { authorization: basic('jdoe', 'password') } })).status).toBe(401);
    expect((await host.stats()).total).toBe(0);
  });

  it('reads the settings at most once per 10 s to decide on auditing malformed tokens when the instance is cold', async () => {
    host.advanceClock(10_001);
    await host.resetStats();
    for (let i = 0; i < 5; i += 1) await verify(host, 'garbage-credential');
    expect((await host.stats()).total).toBe(1);
  });

  it('costs 0 calls for missing credentials and bad requests', async () => {
    await host.resetStats();
    await verify(host, null);
    await verify(host, 'x', { body: '{' });
    expect((await host.stats()).total).toBe(0);
  });

  it('costs at most 2 calls with a rate limit and success auditing on (1 read, 1 transaction)', async () => {
    await changeSettings(host, withAudit({ successfulAuthentication: true }));
    try {
      const { secret } = await createToken(host, { rateLimit: { requests: 50, windowSeconds: 60 } });
      await verify(host, secret);
      for (let i = 0; i < 3; i += 1) {
        await host.resetStats();
        expect((await verify(host, secret)).status).toBe(200);
        const stats = await host.stats();
        expect(stats.total).toBe(2);
        expect(stats.storage['batch.get']).toBe(1);
      }
    } finally {
      await changeSettings(host, withAudit({ successfulAuthentication: false }));
    }
  });

  it('costs 1 call for denials with auditing off', async () => {
    const readOnly = await createToken(host, { scope: 'read-only' });
    await host.resetStats();
    await verify(host, generateToken(cryptoRandom));
    await verify(host, readOnly.secret, { body: describeRequest('POST') });
    expect((await host.stats()).total).toBe(2);
  });
});
