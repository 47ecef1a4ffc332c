/**
 * Cursors as a hostile or careless client sends them, through the local host and the real SDK:
 * `tokens/list` (both pages), `audit/search` and the `audit-events` pull API. A cursor that is not
 * one, that is altered, truncated, replayed on another list or owner, or taken from the other
 * endpoint is the caller's error (INVALID_INPUT on `cursor`, 400 BAD_REQUEST on `pageCursor`);
 * only a failing store is UNAVAILABLE / 503. No cursor shows a token of another owner.
 */
import { listFingerprint, type ListFilter } from '../../src/domain/tokens/list-cursor';
import type { AuditSearchData, TokenView } from '../../src/shared/resolvers';
import { seedAuditRows } from '../support/audit-seed';
import type { TestHost, WebTriggerReply } from '../support/host';
import { syntheticRows } from './support/audit';
import { ADMIN_PAGE, attempt, PERSONAL_PAGE, withQuietMemoryHost, type Result } from './support/tokens';
import { createToken } from './support/verification';

let host: TestHost;
withQuietMemoryHost((started) => {
  host = started;
});

let auditToken: string;
const ALICE_TOKENS = 6;

beforeAll(async () => {
  for (let i = 0; i < ALICE_TOKENS; i += 1) await createToken(host, { ownerAccountId: 'alice', description: `alice deploy ${i}` });
  for (let i = 0; i < 4; i += 1) await createToken(host, { ownerAccountId: 'bob', description: `bob deploy ${i}` });
  auditToken = (await createToken(host, { ownerAccountId: 'local-admin', scope: 'audit-read', description: 'SIEM pull' })).secret;
  await seedAuditRows(syntheticRows(300, { now: Date.now(), prefix: 'hostile' }));
});

type TokenPage = { tokens: TokenView[]; cursor: string | null };

function listTokens(page: 'admin' | 'personal', payload: Record<string, unknown>, accountId = page === 'admin' ? 'local-admin' : 'alice'): Promise<Result<TokenPage>> {
  return attempt<TokenPage>(host, page === 'admin' ? ADMIN_PAGE : PERSONAL_PAGE, 'tokens/list', payload, accountId);
}

function searchAudit(payload: Record<string, unknown>): Promise<Result<AuditSearchData>> {
  return attempt<AuditSearchData>(host, 'audit-log', 'audit/search', payload);
}

function pull(query: Record<string, string>): Promise<WebTriggerReply> {
  return host.webtrigger('audit-events', { method: 'GET', headers: { authorization: `Bearer ${auditToken}` }, query });
}

function data<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.data;
}

const decode = (cursor: string): Record<string, unknown> => JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as Record<string, unknown>;
const encode = (value: unknown): string => Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');
const ALICE_LIST: ListFilter = { ownerAccountId: 'alice', text: undefined, status: undefined, expiringWithinDays: undefined };

/** A resolver answer refusing the cursor: INVALID_INPUT, with an issue on `cursor`. */
function expectCursorRefused(result: Result<unknown>, what: string): void {
  expect({ what, code: result.ok ? 'ok' : result.error.code }).toEqual({ what, code: 'INVALID_INPUT' });
  if (result.ok) return;
  expect(result.error.message).toMatch(/cursor/i);
  expect(result.error.issues).toEqual([expect.objectContaining({ path: 'cursor' })]);
}

/** The pull API refusing `pageCursor`: 400 in its error body shape, no Retry-After. */
function expectPageCursorRefused(reply: WebTriggerReply, what: string): void {
  expect({ what, status: reply.status }).toEqual({ what, status: 400 });
  expect(reply.headers['retry-after']).toBeUndefined();
  expect(reply.json()).toEqual([{ status: 400, code: 'BAD_REQUEST', message: expect.stringContaining('pageCursor'), errors: [{ key: 'pageCursor', message: expect.any(String) }], timestamp: expect.any(String) }]);
}

/** Cursors that are not one, whatever the endpoint: each must be refused. */
function garbage(real: string): Array<[string, string]> {
  return [
    ['"abc"', 'abc'],
    ['characters outside base64url', 'abc+/='],
    ['base64url of no JSON', Buffer.from('\u0000\u00ff garbage').toString('base64url')],
    ['truncated by one character', real.slice(0, -1)],
    ['truncated to half', real.slice(0, Math.floor(real.length / 2))],
    ['doubled', real + real],
    ['JSON of another shape', encode({ offset: 100 })],
    ['a JSON array', encode([decode(real)])],
    ['a negative number', encode(-1)],
    ['oversize', 'A'.repeat(6000)],
  ];
}

describe('tokens/list with hostile cursors', () => {
  let aliceCursor: string;
  let adminCursor: string;

  beforeAll(async () => {
    aliceCursor = data(await listTokens('personal', { limit: 2 })).cursor ?? '';
    adminCursor = data(await listTokens('admin', { limit: 2 })).cursor ?? '';
    expect(aliceCursor).not.toBe('');
    expect(adminCursor).not.toBe('');
  });

  it('pages alice through her own tokens with the cursors it hands out', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: TokenPage = data(await listTokens('personal', { limit: 2, ...(cursor ? { cursor } : {}) }));
      seen.push(...page.tokens.map((token) => token.description));
      cursor = page.cursor;
    } while (cursor);
    expect(seen.sort()).toEqual(Array.from({ length: ALICE_TOKENS }, (_, i) => `alice deploy ${i}`).sort());
  });

  it('refuses a cursor that is not one, on both pages', async () => {
    for (const [what, cursor] of garbage(aliceCursor)) {
      expectCursorRefused(await listTokens('personal', { limit: 2, cursor }), `personal: ${what}`);
      expectCursorRefused(await listTokens('admin', { limit: 2, ownerAccountId: 'alice', cursor }), `admin: ${what}`);
    }
  });

  it('refuses a cursor with a valid outer shape and wrong types or a corrupt storage part inside', async () => {
    const envelope = decode(aliceCursor);
    const byCreated = decode(adminCursor).c;
    for (const [what, cursor] of [
      ['storage part "abc"', encode({ ...envelope, c: 'abc' })],
      ['storage part of another index', encode({ ...envelope, c: byCreated })],
      ['storage part of flipped bytes', encode({ ...envelope, c: String(envelope.c).split('').reverse().join('') })],
      ['storage part a number', encode({ ...envelope, c: 42 })],
      ['storage part empty', encode({ ...envelope, c: '' })],
      ['fingerprint a number', encode({ ...envelope, f: -1 })],
      ['unknown field', encode({ ...envelope, offset: 2 })],
    ] as const) {
      expectCursorRefused(await listTokens('personal', { limit: 2, cursor }), what);
    }
  });

  it('answers every single-character change of a cursor with a page of the caller’s own tokens or INVALID_INPUT', async () => {
    const alphabet = 'AZaz09-_';
    for (let at = 0; at < aliceCursor.length; at += 3) {
      const replacement = alphabet[at % alphabet.length] === aliceCursor[at] ? 'Q' : alphabet[at % alphabet.length];
      const cursor = aliceCursor.slice(0, at) + replacement + aliceCursor.slice(at + 1);
      const result = await listTokens('personal', { limit: 2, cursor }, 'bob');
      if (result.ok) expect(result.data.tokens.every((token) => token.ownerAccountId === 'bob')).toBe(true);
      else expectCursorRefused(result, `changed at ${at}`);
    }
  });

  it('refuses a replayed cursor on another owner’s page and on another filter', async () => {
    expectCursorRefused(await listTokens('personal', { limit: 2, cursor: aliceCursor }, 'bob'), 'alice’s cursor used by bob');
    expectCursorRefused(await listTokens('personal', { limit: 2, text: 'deploy', cursor: aliceCursor }), 'alice’s cursor with a text filter');
    expectCursorRefused(await listTokens('personal', { limit: 2, status: 'revoked', cursor: aliceCursor }), 'alice’s cursor with a status filter');
    expectCursorRefused(await listTokens('admin', { limit: 2, ownerAccountId: 'bob', cursor: adminCursor }), 'the all-tokens cursor for bob’s tokens');
    expectCursorRefused(await listTokens('admin', { limit: 2, cursor: aliceCursor }), 'alice’s cursor for all tokens');
  });

  it('shows bob none of alice’s tokens when he forges a cursor for his own list around her storage position', async () => {
    const forged = encode({ ...decode(aliceCursor), f: listFingerprint({ ...ALICE_LIST, ownerAccountId: 'bob' }) });
    const result = await listTokens('personal', { limit: 10, cursor: forged }, 'bob');
    if (result.ok) {
      expect(result.data.tokens.every((token) => token.ownerAccountId === 'bob')).toBe(true);
      expect(JSON.stringify(result.data)).not.toContain('alice');
    } else {
      expectCursorRefused(result, 'forged cursor');
    }
  });

  it('refuses an audit search cursor', async () => {
    const auditCursor = data(await searchAudit({ limit: 5 })).cursor ?? '';
    expect(auditCursor).not.toBe('');
    expectCursorRefused(await listTokens('personal', { limit: 2, cursor: auditCursor }), 'audit cursor on the personal page');
    expectCursorRefused(await listTokens('admin', { limit: 2, cursor: auditCursor }), 'audit cursor on the admin page');
  });
});

describe('audit/search and audit-events with hostile cursors', () => {
  let timeCursor: string;
  let categoryCursor: string;

  beforeAll(async () => {
    timeCursor = data(await searchAudit({ limit: 5 })).cursor ?? '';
    categoryCursor = data(await searchAudit({ limit: 5, categories: ['Authentication'] })).cursor ?? '';
    expect(timeCursor).not.toBe('');
    expect(categoryCursor).not.toBe('');
  });

  /** The cursor with its first storage cursor replaced, or another field changed. */
  function alteredStream(cursor: string, change: Record<string, unknown>): string {
    const decoded = decode(cursor) as { s: Array<1 | Record<string, unknown>> };
    const at = decoded.s.findIndex((stream) => stream !== 1 && stream.c !== null);
    expect(at).toBeGreaterThanOrEqual(0);
    return encode({ ...decoded, s: decoded.s.map((stream, k) => (k === at && stream !== 1 ? { ...stream, ...change } : stream)) });
  }

  function hostile(): Array<[string, string]> {
    const decoded = decode(timeCursor);
    const categoryStorage = (decode(categoryCursor).s as Array<1 | { c: string | null }>).find((stream) => stream !== 1 && stream.c !== null);
    const tokensCursor = encode({ k: 'tokens', f: listFingerprint(ALICE_LIST), c: 'abc' });
    return [
      ...garbage(timeCursor),
      ['valid outer shape, storage cursor "abc"', alteredStream(timeCursor, { c: 'abc' })],
      ['valid outer shape, storage cursor reversed', alteredStream(timeCursor, { c: String((decode(timeCursor).s as Array<{ c: string }>)[0].c).split('').reverse().join('') })],
      ['valid outer shape, storage cursor of another index', alteredStream(timeCursor, { c: categoryStorage === undefined || categoryStorage === 1 ? null : categoryStorage.c })],
      ['storage cursor a number', alteredStream(timeCursor, { c: 42 })],
      ['negative slice bound', alteredStream(timeCursor, { lo: -1 })],
      ['slice upside down', alteredStream(timeCursor, { lo: 10, hi: 5 })],
      ['fractional time', alteredStream(timeCursor, { hi: 1.5 })],
      ['time as a string', alteredStream(timeCursor, { hi: '1790000000000' })],
      ['an excluded category the stream cannot hold', alteredStream(categoryCursor, { x: ['Settings'] })],
      ['negative position', encode({ ...decoded, p: { t: -5, i: [] } })],
      ['position of the wrong type', encode({ ...decoded, p: 'now' })],
      ['version 2', encode({ ...decoded, v: 2 })],
      ['streams missing', encode({ ...decoded, s: [] })],
      ['a cursor of another filter', categoryCursor],
      ['a tokens/list cursor', tokensCursor],
    ];
  }

  it('audit/search answers INVALID_INPUT on cursor for every hostile cursor', async () => {
    for (const [what, cursor] of hostile()) expectCursorRefused(await searchAudit({ limit: 5, cursor }), what);
  });

  it('audit-events answers 400 naming pageCursor, never 503, for every hostile cursor', async () => {
    for (const [what, cursor] of hostile()) expectPageCursorRefused(await pull({ limit: '5', pageCursor: cursor }), what);
  });

  it('still pages with the cursors it hands out, across both endpoints for the same filters', async () => {
    const viaSearch = data(await searchAudit({ limit: 5, cursor: timeCursor }));
    const viaPull = await pull({ limit: '5', pageCursor: timeCursor });
    expect(viaPull.status).toBe(200);
    expect(viaPull.json<{ entities: Array<{ id: string }> }>().entities.map((e) => e.id)).toEqual(viaSearch.entities.map((e) => e.id));
  });

  it('refuses a tokens/list cursor on audit/search and audit-events', async () => {
    const tokensCursor = data(await listTokens('admin', { limit: 2 })).cursor ?? '';
    expectCursorRefused(await searchAudit({ limit: 5, cursor: tokensCursor }), 'tokens cursor on audit/search');
    expectPageCursorRefused(await pull({ limit: '5', pageCursor: tokensCursor }), 'tokens cursor on audit-events');
  });
});

describe('a storage outage with a valid cursor', () => {
  beforeEach(() => {
    jest.spyOn(console, 'error').mockImplementation(() => undefined);
    jest.spyOn(console, 'warn').mockImplementation(() => undefined);
  });
  afterEach(() => {
    host.setFailRate(0);
  });

  it('is UNAVAILABLE on tokens/list and audit/search, never INVALID_INPUT', async () => {
    const tokensCursor = data(await listTokens('personal', { limit: 2 })).cursor ?? '';
    const auditCursor = data(await searchAudit({ limit: 5 })).cursor ?? '';
    host.setFailRate(1);
    expect(await listTokens('personal', { limit: 2, cursor: tokensCursor })).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE' } });
    expect(await searchAudit({ limit: 5, cursor: auditCursor })).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE' } });

    // Half the storage calls failing: some fail on the page query that carries the cursor itself.
    host.setFailRate(0.5);
    const codes = new Set<string>();
    for (let i = 0; i < 40; i += 1) {
      for (const result of [await listTokens('personal', { limit: 2, cursor: tokensCursor }), await searchAudit({ limit: 5, cursor: auditCursor })]) {
        codes.add(result.ok ? 'ok' : result.error.code);
      }
    }
    expect([...codes].sort()).toEqual(['UNAVAILABLE', 'ok']);

    host.setFailRate(0);
    expect((await listTokens('personal', { limit: 2, cursor: tokensCursor })).ok).toBe(true);
    expect((await searchAudit({ limit: 5, cursor: auditCursor })).ok).toBe(true);
  });

  it('is 503 with Retry-After on audit-events, never 400', async () => {
    const cursor = (await pull({ limit: '5' })).json<{ pagingInfo: { nextPageCursor: { cursor: string } } }>().pagingInfo.nextPageCursor.cursor;
    host.setFailRate(0.5);
    const statuses = new Set<number>();
    let searchOutages = 0;
    for (let i = 0; i < 60; i += 1) {
      const reply = await pull({ limit: '5', pageCursor: cursor });
      statuses.add(reply.status);
      if (reply.status === 503) {
        expect(reply.json()).toMatchObject({ code: 'UNAVAILABLE' });
        // Authentication failing answers as verify-token does; the search failing adds Retry-After.
        if (String(reply.json<{ message: string }>().message).includes('audit log cannot be read')) {
          expect(reply.headers['retry-after']).toBe('5');
          searchOutages += 1;
        }
      }
    }
    expect([...statuses].sort()).toEqual([200, 503]);
    // Some of the outages hit the search itself (past authentication), where the cursor is used.
    expect(searchOutages).toBeGreaterThan(0);
    host.setFailRate(0);
    expect((await pull({ limit: '5', pageCursor: cursor })).status).toBe(200);
  });
});
