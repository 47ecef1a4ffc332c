/**
 * Thousands of random and hostile requests (fast-check): every answer is well-formed JSON with a
 * docs/verify-token.md status and code, the handler never throws, and the presented credential is never echoed in
 * the body or any header. Once straight into the handler (any request object the platform could
 * hand over, control characters included), once over HTTP through the local host.
 */
import fc from 'fast-check';
import { generateToken } from '../../src/domain/tokens/format';
import { FAILURE_STATUS, VERIFICATION_FAILURE_CODES } from '../../src/domain/verification/model';
import { verifyToken } from '../../src/webtriggers/verify-token';
import type { WebTriggerResponse } from '../../src/webtriggers/http';
import { seededRandom } from '../fakes/random';
import { useHost } from '../support/host';
import { createToken, revokeToken } from './support/verification';

const host = useHost();

let secrets: string[];

beforeAll(async () => {
  jest.spyOn(console, 'info').mockImplementation(() => undefined);
  const readOnly = await createToken(host, { scope: 'read-only' });
  const readWrite = await createToken(host, { scope: 'read-write', ipAllowlist: ['10.0.0.0/8', '2001:db8::/32'] });
  const auditRead = await createToken(host, { scope: 'audit-read' });
  const limited = await createToken(host, { scope: 'read-write', rateLimit: { requests: 1, windowSeconds: 3600 } });
  const revoked = await createToken(host);
  await revokeToken(host, revoked.token.id);
  secrets = [readOnly.secret, readWrite.secret, auditRead.secret, limited.secret, revoked.secret];
});

afterAll(async () => {
  jest.restoreAllMocks();
});

const STATUSES = new Set<number>([200, ...Object.values(FAILURE_STATUS)]);
/** Text every answer may contain anyway; a "credential" that is part of it proves nothing when found. */
const VOCABULARY = 'application/json no-store Bearer valid code message true false null read-only read-write audit-read ' +
  VERIFICATION_FAILURE_CODES.join(' ');

function checkAnswer(status: number, headers: Record<string, string>, body: string, credential: string): void {
  expect(STATUSES.has(status)).toBe(true);
  expect(headers['content-type']).toBe('application/json');
  const json = JSON.parse(body) as Record<string, unknown>;
  if (status === 200) {
    expect(Object.keys(json).sort()).toEqual(['accountId', 'expiresAt', 'rateLimit', 'scope', 'tokenId', 'valid']);
    expect(json.valid).toBe(true);
    expect(headers['x-token-id']).toBe(json.tokenId);
  } else {
    expect(Object.keys(json).sort()).toEqual(['code', 'message', 'valid']);
    expect(json.valid).toBe(false);
    expect(FAILURE_STATUS[json.code as keyof typeof FAILURE_STATUS]).toBe(status);
    if (status === 401) expect(headers['www-authenticate']).toBe('Bearer');
    if (status === 429) expect(Number(headers['retry-after'])).toBeGreaterThanOrEqual(1);
  }
  if (credential.trim().length >= 8 && !VOCABULARY.includes(credential.trim())) {
    expect(body).not.toContain(credential.trim());
    for (const value of Object.values(headers)) expect(value).not.toContain(credential.trim());
  }
}

function flatHeaders(response: WebTriggerResponse): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, values] of Object.entries(response.headers)) flat[name.toLowerCase()] = values.join(', ');
  return flat;
}

// --- Generators --------------------------------------------------------------------------------

/** Real tokens, near misses of real tokens, and strings that have nothing to do with tokens. */
const credentialArb = (): fc.Arbitrary<string> =>
  fc.oneof(
    fc.constantFrom(...secrets),
    fc.tuple(fc.constantFrom(...secrets), fc.nat(), fc.constantFrom('a', 'Z', '0', '_', '-', ' ', '\u0000', 'é')).map(
      ([secret, at, char]) => secret.slice(0, at % secret.length) + char + secret.slice((at % secret.length) + 1),
    ),
    fc.constantFrom(...secrets).map((secret) => secret.slice(0, -3)),
    fc.integer().map((seed) => generateToken(seededRandom(seed))),
    fc.constantFrom(...secrets).map((secret) => `${secret}${secret}`),
    fc.string({ minLength: 0, maxLength: 64 }),
    fc.string({ unit: 'binary', maxLength: 64 }),
    fc.stringMatching(/^atat_[0-9A-Za-z]{0,50}$/),
    fc.constantFrom('', ' ', 'null', 'undefined', '{}', 'Bearer', 'atat_', 'a'.repeat(10_000), "' OR 1=1 --", '../../etc/passwd', '\r\nX-Evil: 1'),
  );

const methodArb = fc.oneof(
  fc.constantFrom('GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'TRACE', 'CONNECT', 'get', 'BREW', '', ' GET'),
  fc.string({ maxLength: 12 }),
);
const pathArb = fc.oneof(
  fc.constantFrom('/rest/api/3/issue/ABC-1', '/', '/a?b=c', 'relative', 'https://x/y', '/a b', '/a\nb', `/${'x'.repeat(3000)}`),
  fc.webPath(),
  fc.string({ maxLength: 40 }),
);

type Placement = 'bearer' | 'basic' | 'x-api-token' | 'raw-authorization' | 'path' | 'other-header' | 'none';
const placementArb = fc.constantFrom<Placement>('bearer', 'basic', 'x-api-token', 'raw-authorization', 'path', 'other-header', 'none');

const bodyArb = (credential: string): fc.Arbitrary<string | undefined> =>
  fc.oneof(
    fc.constant(undefined),
    fc.constant(''),
    fc.record({ method: methodArb, path: pathArb }).map((value) => JSON.stringify(value)),
    fc.record({ method: methodArb }).map((value) => JSON.stringify(value)),
    fc.record({ method: methodArb, path: pathArb, extra: fc.anything() }).map((value) => JSON.stringify(value)),
    fc.json(),
    fc.string({ maxLength: 200 }),
    fc.constantFrom('{"method":', '[]', 'null', '{"__proto__":{"method":"GET"}}', `{"method":"GET","path":"/${credential}"}`, ' '.repeat(9000)),
  );

interface Generated {
  credential: string;
  request: { method: string; headers: Record<string, string[]>; body?: string };
}

function place(credential: string, placement: Placement, user: string): Record<string, string[]> {
  switch (placement) {
    case 'bearer':
      return { authorization: [`Bearer ${credential}`] };
    case 'basic':
      return { authorization: [`Basic ${Buffer.from(`${user}:${credential}`).toString('base64')}`] };
    case 'x-api-token':
      return { 'x-api-token': [credential] };
    case 'raw-authorization':
      return { authorization: [credential] };
    case 'path':
      return { 'x-forwarded-method': ['GET'], 'x-forwarded-uri': [`/${credential}`] };
    case 'other-header':
      return { 'x-forwarded-uri': [credential], 'x-forwarded-method': ['GET'] };
    case 'none':
      return {};
  }
}

/** Built after beforeAll: it draws from the tokens created there. */
const requestArb = (): fc.Arbitrary<Generated> => credentialArb().chain((credential) =>
  fc
    .record({
      placement: placementArb,
      extraPlacement: fc.option(placementArb),
      user: fc.string({ maxLength: 10 }),
      method: methodArb,
      body: bodyArb(credential),
      gateway: fc.option(fc.record({ style: fc.constantFrom('x-original', 'x-forwarded'), method: methodArb, uri: pathArb })),
      ip: fc.option(fc.oneof(fc.ipV4(), fc.ipV6(), fc.string({ maxLength: 20 }), fc.constantFrom('10.1.2.3', '2001:db8::7', 'unknown, 10.0.0.1'))),
    })
    .map(({ placement, extraPlacement, user, method, body, gateway, ip }) => {
      const headers: Record<string, string[]> = {};
      if (gateway) {
        headers[`${gateway.style}-method`] = [gateway.method];
        headers[gateway.style === 'x-original' ? 'x-original-uri' : 'x-forwarded-uri'] = [gateway.uri];
      }
      if (ip !== null) headers['x-forwarded-for'] = [ip];
      Object.assign(headers, place(credential, placement, user));
      if (extraPlacement !== null) Object.assign(headers, place(credential, extraPlacement, user));
      return { credential, request: { method, headers, body } };
    }),
);

/** A valid use of the rate-limited token (secrets[3]): the second one in an hour is refused with 429. */
function limitedUse(): Generated {
  const credential = secrets[3];
  return { credential, request: { method: 'GET', headers: { authorization: [`Bearer ${credential}`] } } };
}

// --- Properties --------------------------------------------------------------------------------

describe('verify-token under random and hostile requests', () => {
  it('answers every request object with well-formed JSON and a docs/verify-token.md status, never echoing the credential (handler, 3000 runs)', async () => {
    const seen = new Set<string>();
    await fc.assert(
      fc.asyncProperty(requestArb(), async ({ credential, request }) => {
        const response = await verifyToken({ ...request, path: '/x1/verify-token', queryParameters: {} });
        checkAnswer(response.statusCode, flatHeaders(response), response.body, credential);
        const body = JSON.parse(response.body) as { valid: boolean; code?: string };
        seen.add(body.valid ? 'VALID' : (body.code ?? '?'));
      }),
      // Two uses of the token limited to one request an hour are always among the runs, so that the
      // coverage check below does not depend on the random draw reaching RATE_LIMITED.
      { numRuns: 3000, examples: [[limitedUse()], [limitedUse()]] },
    );
    // The generators reach every outcome that does not need a storage failure.
    expect([...seen].sort()).toEqual(
      ['BAD_REQUEST', 'IP_NOT_ALLOWED', 'MALFORMED_TOKEN', 'MISSING_CREDENTIALS', 'RATE_LIMITED', 'REVOKED_TOKEN', 'SCOPE_DENIED', 'UNKNOWN_TOKEN', 'VALID'].sort(),
    );
  });

  it('answers over HTTP the same way (local host, 500 runs)', async () => {
    // Only what can travel in an HTTP header (printable ASCII without line breaks), and methods
    // Node's HTTP parser accepts (it answers others itself, before any handler); no CONNECT, which
    // opens a tunnel instead of carrying a request; no HEAD, whose answer has no body on the wire.
    // PROPFIND and PURGE reach the handler as unknown methods.
    const wireSafe = requestArb().filter(({ request }) =>
      Object.values(request.headers).every((values) => values.every((value) => /^[\x20-\x7e]*$/.test(value) && value.length < 8000)),
    );
    const wireMethod = fc.constantFrom('GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'TRACE', 'PROPFIND', 'PURGE');
    await fc.assert(
      fc.asyncProperty(wireSafe, wireMethod, async ({ credential, request }, method) => {
        const headers: Record<string, string> = {};
        for (const [name, values] of Object.entries(request.headers)) headers[name] = values[0];
        // Node's client frames a GET body only when told its length.
        if (request.body !== undefined) headers['content-length'] = String(Buffer.byteLength(request.body));
        const reply = await host.webtrigger('verify-token', { method, headers, body: request.body });
        checkAnswer(reply.status, reply.headers, reply.body, credential);
      }),
      { numRuns: 500 },
    );
  });

  it('answers 503 and nothing else for token-shaped requests while storage fails', async () => {
    host.setFailRate(1);
    try {
      await fc.assert(
        fc.asyncProperty(fc.constantFrom(...secrets), methodArb, async (secret, method) => {
          const response = await verifyToken({ method, headers: { authorization: [`Bearer ${secret}`] }, path: '/', queryParameters: {} });
          expect([400, 503]).toContain(response.statusCode);
          expect(JSON.parse(response.body).valid).toBe(false);
        }),
        { numRuns: 200 },
      );
    } finally {
      host.setFailRate(0);
    }
  });
});
