/**
 * No spelling of a secret reaches a log line, an event or any stored row (issue 11, part 5).
 * Secrets are put in request paths (JSON body and gateway headers), in every spelling a caller
 * could use, and in X-Forwarded-For, through the real verify-token trigger with every audit
 * toggle on; then the console output and the whole store (its write-ahead log and snapshot, so
 * every row ever written) are searched for any run of 8 characters of each secret.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { cryptoRandom } from '../../src/adapters/crypto-random';
import { generateToken, TOKEN_PREFIX } from '../../src/domain/tokens/format';
import { leakedRuns } from '../support/leaks';
import { startHost, type TestHost } from '../support/host';
import { searchAll } from './support/audit';
import { changeSettings, createToken, describeRequest, verify, withAudit } from './support/verification';

let host: TestHost;
let storeDir: string;
const output: string[] = [];

beforeAll(async () => {
  storeDir = mkdtempSync(path.join(tmpdir(), 'redaction-store-'));
  host = await startHost({ store: { dir: storeDir } });
  for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) {
    jest.spyOn(console, method).mockImplementation((...args: unknown[]) => {
      output.push(args.map(String).join(' '));
    });
  }
  await changeSettings(
    host,
    withAudit({ successfulAuthentication: true, failedAuthentication: true, failedCredentialVerification: true, permissionDenied: true, rateLimited: true, appApiCalls: true }),
  );
  host.advanceClock(10_001); // the no-storage path may use settings up to 10 s old
});

afterAll(async () => {
  jest.restoreAllMocks();
  await host.stop();
  rmSync(storeDir, { recursive: true, force: true });
});

const hex = (char: string): string => `%${char.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`;
const fullwidth = (char: string): string => String.fromCharCode(char.charCodeAt(0) + 0xfee0);

/** Paths holding `secret` in a spelling a header can carry (Latin-1). */
function headerSpellings(secret: string): string[] {
  const rest = secret.startsWith(TOKEN_PREFIX) ? secret.slice(TOKEN_PREFIX.length) : secret;
  return [
    // The four of the issue.
    `/p/${rest}`,
    `/p/%61tat_${rest}`,
    `/p/atat%5F${rest}`,
    `/p/atat_+${rest}`,
    `/p/${secret}`,
    `/p/${secret.toLowerCase()}/x`,
    `/p/${secret.toUpperCase()}/x`,
    `/p/${[...secret].map(hex).join('')}`,
    `/p/${[...secret].map((c) => hex(c).replace('%', '%25')).join('')}`,
    ...['-', '.', '/', '+', '%20', '%E2%80%8B', '%2F', '%252F', '~'].map((separator) => `/p/${[...rest].join(separator)}/x`),
    `/p/${rest.slice(0, 20)}/q/${rest.slice(20)}`,
    `/p/ATAT-${rest.slice(10)}`,
    `/p/x${rest}y/z`,
    `/search?jql=${rest}&token=${secret}`,
  ];
}

/** Paths a JSON body can carry too: any Unicode. */
function bodySpellings(secret: string): string[] {
  const rest = secret.startsWith(TOKEN_PREFIX) ? secret.slice(TOKEN_PREFIX.length) : secret;
  return [...headerSpellings(secret), `/p/${[...rest].join('\u200b')}`, `/p/${[...rest].map(fullwidth).join('')}`, `/p/${[...rest].join('\u00ad')}/x`];
}

/** Every request carrying `secret` in its path, as a direct caller (body) and as a gateway (headers), with `method`. */
async function sendSpellings(secret: string, credential: Record<string, string>, method: string): Promise<number[]> {
  const statuses: number[] = [];
  for (const spelled of bodySpellings(secret)) {
    statuses.push((await verify(host, null, { headers: credential, body: describeRequest(method, spelled) })).status);
  }
  for (const spelled of headerSpellings(secret)) {
    statuses.push((await verify(host, null, { headers: { ...credential, 'x-forwarded-method': method, 'x-forwarded-uri': spelled } })).status);
  }
  return statuses;
}

function storedText(): string {
  return readdirSync(storeDir)
    .filter((name) => name.endsWith('.jsonl'))
    .map((name) => readFileSync(path.join(storeDir, name), 'utf8'))
    .join('\n');
}

describe('verify-token with secrets in its recorded strings, every audit toggle on', () => {
  /** The secret part of every credential sent. */
  const secrets: string[] = [];
  let expectedEvents = 0;

  beforeAll(async () => {
    const readOnly = await createToken(host, { scope: 'read-only', description: 'Redaction probe' });
    const limited = await createToken(host, { rateLimit: { requests: 1, windowSeconds: 3600 } });
    const unknown = generateToken(cryptoRandom);
    const mistyped = `${readOnly.secret.slice(0, -2)}zz`;
    const password = 'Correct-Horse-Battery-Staple-42';
    // A token's prefix and first 4 characters are its hint, shown by design; the rest is secret.
    secrets.push(...[readOnly.secret, limited.secret, unknown, mistyped].map((token) => token.slice(TOKEN_PREFIX.length)), password);

    // Success, permission denied, unknown token, malformed credential, rate limited; Bearer and X-Api-Token.
    const outcomes: Array<[string, Record<string, string>, string, number]> = [
      [readOnly.secret, { authorization: `Bearer ${readOnly.secret}` }, 'GET', 200],
      [readOnly.secret, { 'x-api-token': readOnly.secret }, 'PUT', 403],
      [unknown, { authorization: `Bearer ${unknown}` }, 'GET', 401],
      [mistyped, { authorization: `Bearer ${mistyped}` }, 'GET', 401],
      [password, { authorization: `Basic ${Buffer.from(`jdoe:${password}`).toString('base64')}` }, 'GET', 401],
    ];
    for (const [secret, credential, method, status] of outcomes) {
      const statuses = await sendSpellings(secret, credential, method);
      expect(statuses).toEqual(statuses.map(() => status));
      expectedEvents += statuses.length;
    }
    expect((await verify(host, limited.secret, { body: describeRequest('GET', `/p/${limited.secret}`) })).status).toBe(200);
    const limitedStatuses = await sendSpellings(limited.secret, { authorization: `Bearer ${limited.secret}` }, 'GET');
    expect(limitedStatuses).toEqual(limitedStatuses.map(() => 429));
    expectedEvents += 1 + limitedStatuses.length;

    // A caller that writes its secret where its address goes: the chain is kept with the token's usage.
    host.advanceClock(61_000);
    const chained = await verify(host, readOnly.secret, { headers: { 'x-forwarded-for': `${readOnly.secret}, atat_+${readOnly.secret.slice(5)}` }, body: describeRequest('GET') });
    expect(chained.status).toBe(200);
    expectedEvents += 1;
  });

  it('records every outcome, with the secret replaced in its request path', async () => {
    const events = await searchAll(host, { limit: 200 });
    const authentication = events.filter((event) => event.type.category === 'Authentication');
    expect(authentication.length).toBe(expectedEvents);
    const paths = authentication.map((event) => event.extraAttributes.find((attribute) => attribute.name === 'Request path')?.value);
    expect(paths).toContain('/p/[redacted]');
    expect(paths).toContain('/p/[redacted]/x');
    expect(paths).toContain('/search');
  });

  it('prints no run of 8 characters of any secret to the console', () => {
    expect(output.some((line) => line.includes('REST endpoint: GET /p/[redacted]'))).toBe(true);
    for (const secret of secrets) expect(output.filter((line) => leakedRuns(line, secret).length > 0)).toEqual([]);
  });

  it('stores no run of 8 characters of any secret: no event, no usage row, nothing', async () => {
    const events = JSON.stringify(await searchAll(host, { limit: 200 }));
    const stored = storedText();
    expect(stored.length).toBeGreaterThan(0);
    for (const secret of secrets) {
      expect(leakedRuns(events, secret)).toEqual([]);
      expect(leakedRuns(stored, secret)).toEqual([]);
    }
  });
});
