/**
 * The trust boundary at the gateway, tried as a hostile client would: real nginx and real Caddy
 * (Debian's packages) run the shipped docs/gateways/nginx.conf and docs/gateways/Caddyfile in
 * front of a small upstream, with the app's verify-token trigger on the local host behind them.
 *
 * Addresses: clients connect to the gateways from 127.0.0.5; nginx reaches the trigger from
 * 127.0.0.2 (proxy_bind), Caddy from 127.0.0.1; direct callers come from 127.0.0.3. The admin
 * trusts the two gateways (trustedGateways), as a customer running them would.
 */
import type { AuditEvent } from '../../src/domain/audit/model';
import { FAILURE_MESSAGES } from '../../src/domain/verification/messages';
import { startHost, type TestHost } from '../support/host';
import { CADDY_PEER, NGINX_PEER, send, startCaddy, startNginx, startUpstream, type Gateway, type Reply, type Upstream } from './support/gateways';
import { changeSettings, createToken, type CreatedToken } from './support/verification';

const CLIENT = '127.0.0.5';
const DIRECT = '127.0.0.3';
const SPOOFED_IP = '10.1.2.3';

let host: TestHost;
let upstream: Upstream;
const gateways: Gateway[] = [];

type Result<T> = { ok: true; data: T } | { ok: false; error: { code: string; message: string } };

beforeAll(async () => {
  jest.spyOn(console, 'info').mockImplementation(() => undefined);
  host = await startHost();
  upstream = await startUpstream();
  const verifyUrl = host.webtriggerUrl('verify-token');
  gateways.push(await startNginx(upstream.port, verifyUrl));
  gateways.push(await startCaddy(upstream.port, verifyUrl));
  await changeSettings(host, (s) => ({
    ...s,
    audit: { ...s.audit, successfulAuthentication: true, failedAuthentication: true, permissionDenied: true, failedCredentialVerification: true },
    trustedGateways: [`${NGINX_PEER}/32`, `${CADDY_PEER}/32`],
  }));
});

afterAll(async () => {
  for (const gateway of gateways) await gateway.stop();
  if (upstream) await upstream.close();
  if (host) await host.stop();
  jest.restoreAllMocks();
});

/** Every header a client could add to change what the trigger believes, one switch each. */
const SPOOFS: Array<{ name: string; headers?: Record<string, string>; body?: string }> = [
  { name: 'X-Original-*', headers: { 'x-original-method': 'GET', 'x-original-uri': '/harmless' } },
  { name: 'X-Forwarded-Method/Uri', headers: { 'x-forwarded-method': 'GET', 'x-forwarded-uri': '/harmless' } },
  { name: 'X-Forwarded-For', headers: { 'x-forwarded-for': `${SPOOFED_IP}, ${NGINX_PEER}` } },
  { name: 'X-Real-IP', headers: { 'x-real-ip': SPOOFED_IP } },
  { name: 'Forwarded', headers: { forwarded: `for=${SPOOFED_IP};proto=https` } },
  { name: 'method overrides', headers: { 'x-http-method-override': 'GET', 'x-method-override': 'GET' } },
  { name: 'identity headers', headers: { 'x-token-account-id': 'local-admin', 'x-token-scope': 'read-write', 'x-token-id': 'forged' } },
  { name: 'JSON body', body: JSON.stringify({ method: 'GET', path: '/harmless' }) },
];

interface Spoofed {
  headers: Record<string, string>;
  body: string | undefined;
  label: string;
}

/** The combination numbered `mask`: bit i switches SPOOFS[i] on. */
function spoofed(mask: number): Spoofed {
  const headers: Record<string, string> = {};
  let body: string | undefined;
  const names: string[] = [];
  SPOOFS.forEach((spoof, bit) => {
    if ((mask & (1 << bit)) === 0) return;
    names.push(spoof.name);
    Object.assign(headers, spoof.headers);
    if (spoof.body !== undefined) {
      body = spoof.body;
      headers['content-type'] = 'application/json';
    }
  });
  return { headers, body, label: names.join(' + ') || 'no spoof' };
}

const ALL_MASKS = Array.from({ length: 1 << SPOOFS.length }, (_, mask) => mask);
/** Every 8th combination, plus all of them switched on: the scenarios that need fewer runs. */
const SOME_MASKS = ALL_MASKS.filter((mask) => mask % 8 === 3 || mask === ALL_MASKS.length - 1);

interface Sent {
  gateway: Gateway['name'];
  path: string;
  method: string;
  label: string;
  reply: Reply;
}

async function through(gateway: Gateway, token: CreatedToken, method: string, path: string, mask: number): Promise<Sent> {
  const { headers, body, label } = spoofed(mask);
  const reply = await send(`${gateway.url}${path}`, { method, headers: { ...headers, authorization: `Bearer ${token.secret}` }, body, from: CLIENT });
  return { gateway: gateway.name, path, method, label, reply };
}

async function allEvents(): Promise<AuditEvent[]> {
  const events: AuditEvent[] = [];
  let cursor: string | null = null;
  do {
    const result: Result<{ entities: AuditEvent[]; cursor: string | null }> = await host.invoke('api-token-admin', 'audit/search', { limit: 200, categories: ['Authentication'], ...(cursor ? { cursor } : {}) });
    if (!result.ok) throw new Error(`audit/search failed: ${result.error.code}`);
    events.push(...result.data.entities);
    cursor = result.data.cursor;
  } while (cursor !== null);
  return events;
}

const attribute = (event: AuditEvent, name: string): string | undefined => event.extraAttributes.find((a) => a.name === name)?.value;

/** Checks that the event recorded for each request names its real method, path and client. */
async function expectRecordedAsSent(sent: Sent[], action: string): Promise<void> {
  const byPath = new Map<string, AuditEvent>();
  for (const event of await allEvents()) {
    const path = attribute(event, 'Request path');
    if (path) byPath.set(path, event);
  }
  const wrong = sent.flatMap(({ gateway, path, method, label }) => {
    const event = byPath.get(path);
    const recorded = event && { action: event.type.action, method: attribute(event, 'Request method'), source: event.source };
    const expected = { action, method, source: CLIENT };
    return JSON.stringify(recorded) === JSON.stringify(expected) ? [] : [`${gateway} ${label}: recorded ${JSON.stringify(recorded)}, expected ${JSON.stringify(expected)}`];
  });
  expect(wrong).toEqual([]);
}

describe('a hostile client behind nginx and Caddy cannot change a decision or a recorded value', () => {
  it(`refuses a DELETE with a read-only token under every one of the ${ALL_MASKS.length} header combinations, and records DELETE from the real client`, async () => {
    const token = await createToken(host, { scope: 'read-only', ipAllowlist: [`${CLIENT}/32`] });
    const before = upstream.received.length;
    const sent: Sent[] = [];
    for (const gateway of gateways) {
      for (const mask of ALL_MASKS) sent.push(await through(gateway, token, 'DELETE', `/scope/${gateway.name}/${mask}`, mask));
    }
    const answers = sent.map(({ gateway, label, reply }) => `${gateway} ${label}: ${reply.status} ${String(JSON.parse(reply.body || '{}').code)}`);
    expect(answers.filter((answer) => !answer.endsWith(': 403 SCOPE_DENIED'))).toEqual([]);
    expect(upstream.received.slice(before).map((request) => `${request.method} ${request.url}`)).toEqual([]);
    await expectRecordedAsSent(sent, 'Permission denied');
  });

  it('refuses a token allowlisted for the spoofed address, whatever the client says its address is', async () => {
    const token = await createToken(host, { scope: 'read-write', ipAllowlist: [`${SPOOFED_IP}/32`] });
    const sent: Sent[] = [];
    for (const gateway of gateways) {
      for (const mask of SOME_MASKS) sent.push(await through(gateway, token, 'GET', `/ip/${gateway.name}/${mask}`, mask));
    }
    const answers = sent.map(({ gateway, label, reply }) => `${gateway} ${label}: ${reply.status} ${String(JSON.parse(reply.body || '{}').code)}`);
    expect(answers.filter((answer) => !answer.endsWith(': 403 IP_NOT_ALLOWED'))).toEqual([]);
    await expectRecordedAsSent(sent, 'Token authentication failed');
  });

  it("lets a read through with the trigger's identity headers, never the client's, and never the token", async () => {
    const token = await createToken(host, { scope: 'read-only', ipAllowlist: [`${CLIENT}/32`] });
    const sent: Sent[] = [];
    for (const gateway of gateways) {
      for (const mask of SOME_MASKS) {
        const before = upstream.received.length;
        const one = await through(gateway, token, 'GET', `/ok/${gateway.name}/${mask}?q=1`, mask);
        sent.push({ ...one, path: `/ok/${gateway.name}/${mask}` });
        expect(`${gateway.name} ${one.label}: ${one.reply.status}`).toBe(`${gateway.name} ${one.label}: 200`);
        const received = upstream.received.slice(before);
        expect(received.map((request) => `${request.method} ${request.url}`)).toEqual([`GET /ok/${gateway.name}/${mask}?q=1`]);
        expect(received[0].headers).toMatchObject({ 'x-token-id': token.token.id, 'x-token-account-id': 'alice', 'x-token-scope': 'read-only' });
        expect(received[0].headers.authorization).toBeUndefined();
        expect(received[0].headers['x-api-token']).toBeUndefined();
      }
    }
    await expectRecordedAsSent(sent, 'Token authentication succeeded');
  });

  it.each(['nginx', 'caddy'] as const)("%s passes the trigger's JSON code on for 401 and 403, not an HTML page", async (name) => {
    const gateway = gateways.find((candidate) => candidate.name === name) as Gateway;
    const readOnly = await createToken(host, { scope: 'read-only' });
    const missing = await send(`${gateway.url}/x`, { method: 'GET', from: CLIENT });
    expect([missing.status, missing.headers['content-type'], missing.headers['www-authenticate']]).toEqual([401, 'application/json', 'Bearer']);
    expect(JSON.parse(missing.body)).toEqual({ valid: false, code: 'MISSING_CREDENTIALS', message: FAILURE_MESSAGES.MISSING_CREDENTIALS });
    const denied = await send(`${gateway.url}/x`, { method: 'PUT', headers: { authorization: `Bearer ${readOnly.secret}` }, from: CLIENT });
    expect(denied.status).toBe(403);
    expect(JSON.parse(denied.body)).toEqual({ valid: false, code: 'SCOPE_DENIED', message: FAILURE_MESSAGES.SCOPE_DENIED });
  });

  it.each(['nginx', 'caddy'] as const)('%s answers 429 with Retry-After when the token is over its rate limit', async (name) => {
    const gateway = gateways.find((candidate) => candidate.name === name) as Gateway;
    const { secret } = await createToken(host, { rateLimit: { requests: 1, windowSeconds: 3600 } });
    const headers = { authorization: `Bearer ${secret}` };
    expect((await send(`${gateway.url}/x`, { method: 'GET', headers, from: CLIENT })).status).toBe(200);
    const limited = await send(`${gateway.url}/x`, { method: 'GET', headers, from: CLIENT });
    expect(limited.status).toBe(429);
    expect(JSON.parse(limited.body)).toMatchObject({ code: 'RATE_LIMITED' });
    expect(Number(limited.headers['retry-after'])).toBeGreaterThanOrEqual(1);
  });
});

describe('a direct caller cannot borrow an allowlisted address', () => {
  const spoofHeaders = {
    'x-forwarded-for': `${SPOOFED_IP}, ${NGINX_PEER}`,
    'x-real-ip': SPOOFED_IP,
    forwarded: `for=${SPOOFED_IP}`,
  };

  it("refuses a spoofed address against the token's allowlist", async () => {
    const { secret } = await createToken(host, { ipAllowlist: [`${SPOOFED_IP}/32`] });
    const reply = await host.webtrigger('verify-token', { method: 'GET', headers: { ...spoofHeaders, authorization: `Bearer ${secret}` }, from: DIRECT });
    expect([reply.status, reply.json().code]).toEqual([403, 'IP_NOT_ALLOWED']);
  });

  it('refuses a spoofed address against the system-wide allowlist, at verify-token and at audit-events', async () => {
    const reader = await createToken(host, { scope: 'audit-read' });
    const writer = await createToken(host, { scope: 'read-write' });
    await changeSettings(host, (s) => ({ ...s, policies: { ...s.policies, systemIpAllowlist: ['10.0.0.0/8'] } }));
    try {
      const verify = await host.webtrigger('verify-token', { method: 'GET', headers: { ...spoofHeaders, authorization: `Bearer ${writer.secret}` }, from: DIRECT });
      expect([verify.status, verify.json().code]).toEqual([403, 'IP_NOT_ALLOWED']);
      const pull = await host.webtrigger('audit-events', { method: 'GET', headers: { ...spoofHeaders, authorization: `Bearer ${reader.secret}` }, from: DIRECT });
      expect([pull.status, pull.json().code]).toEqual([403, 'IP_NOT_ALLOWED']);
      // The same address through a trusted gateway is believed.
      const viaNginxPeer = await host.webtrigger('verify-token', { method: 'GET', headers: { 'x-forwarded-for': SPOOFED_IP, authorization: `Bearer ${writer.secret}` }, from: NGINX_PEER });
      expect(viaNginxPeer.status).toBe(200);
    } finally {
      await changeSettings(host, (s) => ({ ...s, policies: { ...s.policies, systemIpAllowlist: [] } }));
    }
  });

  it('records the address the edge saw as the source and the last use, with the chain it arrived with', async () => {
    const { token, secret } = await createToken(host);
    await host.webtrigger('verify-token', { method: 'GET', headers: { ...spoofHeaders, authorization: `Bearer ${secret}` }, from: DIRECT });
    const listed: Result<{ tokens: Array<{ id: string; usage: { lastUsedIp: string | null; lastUsedChain: { entries: string[]; taken: number | null } | null } }> }> =
      await host.invoke('api-token-admin', 'tokens/list', { ownerAccountId: 'alice' });
    if (!listed.ok) throw new Error(listed.error.code);
    const usage = listed.data.tokens.find((candidate) => candidate.id === token.id)?.usage;
    expect(usage).toEqual(expect.objectContaining({ lastUsedIp: DIRECT, lastUsedChain: { entries: [SPOOFED_IP, NGINX_PEER, DIRECT], taken: 2 } }));
  });
});
