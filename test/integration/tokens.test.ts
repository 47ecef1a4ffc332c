/**
 * Token management through the local host (docs/tokens.md, docs/resolvers.md): the real resolvers, the real
 * @forge/kvs against the host's storage, and the verification web trigger over HTTP.
 */
import { createHash } from 'node:crypto';
import { kvs } from '@forge/kvs';
import { adminSpecs } from '../../src/resolvers/admin';
import { AUDIT_INDEX, ENTITY } from '../../src/adapters/kvs/names';
import type { AuditEvent } from '../../src/domain/audit/model';
import type { TokenView } from '../../src/shared/resolvers';
import type { TestHost } from '../support/host';
import { ADMIN_PAGE, attempt, bearer, call, PERSONAL_PAGE, withQuietMemoryHost } from './support/tokens';

type Issued = { token: TokenView; secret: string };
type Page = { tokens: TokenView[]; cursor: string | null };

let host: TestHost;
let tagCount = 0;
/** A unique word per test, so tests sharing one store can filter to their own tokens. */
const tag = (): string => `t${Date.now().toString(36)}x${(tagCount += 1)}`;
const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

withQuietMemoryHost((started) => {
  host = started;
});

function createFor(owner: string, description: string, extra: Record<string, unknown> = {}): Promise<Issued> {
  return call<Issued>(host, ADMIN_PAGE, 'tokens/create', { description, scope: 'read-write', expiresAt: null, ownerAccountId: owner, ...extra });
}

function createOwn(accountId: string, description: string, extra: Record<string, unknown> = {}): Promise<Issued> {
  return call<Issued>(host, PERSONAL_PAGE, 'tokens/create', { description, scope: 'read-only', expiresAt: null, ...extra }, accountId);
}

async function verifyStatus(secret: string): Promise<{ status: number; code?: string }> {
  const reply = await host.webtrigger('verify-token', { method: 'GET', ...bearer(secret) });
  const body = reply.json<{ code?: string }>();
  return { status: reply.status, code: body.code };
}

describe('secrets', () => {
  it('are returned by create and rotate only, and never appear (nor their hashes) in any other answer', async () => {
    const t = tag();
    const created = await createFor('alice', `${t} export`);
    const rotated = await call<Issued>(host, ADMIN_PAGE, 'tokens/rotate', { tokenId: created.token.id, graceSeconds: 60 });
    const other = await createOwn('alice', `${t} other`);
    const secrets = [created.secret, rotated.secret, other.secret];
    const forbidden = [...secrets, ...secrets.map(sha256)];

    expect(JSON.stringify(created)).not.toContain(sha256(created.secret));
    expect(JSON.stringify(rotated)).not.toContain(sha256(rotated.secret));
    const answers = [
      await call(host, ADMIN_PAGE, 'tokens/list', { text: t }),
      await call(host, PERSONAL_PAGE, 'tokens/list', {}, 'alice'),
      await call(host, ADMIN_PAGE, 'admin/bootstrap', {}),
      await call(host, PERSONAL_PAGE, 'personal/bootstrap', {}, 'alice'),
      await call(host, ADMIN_PAGE, 'tokens/update', { tokenId: rotated.token.id, description: `${t} renamed` }),
      await call(host, PERSONAL_PAGE, 'tokens/revoke', { tokenId: other.token.id }, 'alice'),
    ];
    for (const answer of answers) {
      const json = JSON.stringify(answer);
      for (const value of forbidden) expect(json).not.toContain(value);
    }
  });
});

describe('bootstraps', () => {
  it('the admin page gets its whole first render from one call', async () => {
    const t = tag();
    await createFor('bob', `${t} boot`);
    const boot = await call<{
      me: { accountId: string; isAdmin: boolean; displayName: string };
      tokens: Page;
      settings: { version: number };
      catalog: { calls: unknown[]; supportUrl: string };
      recentCalls: unknown[];
    }>(host, ADMIN_PAGE, 'admin/bootstrap', {});
    expect(boot.me).toEqual({ accountId: 'local-admin', displayName: expect.any(String), isAdmin: true });
    expect(boot.tokens.tokens[0]).toMatchObject({ description: `${t} boot`, ownerDisplayName: expect.any(String) });
    expect(boot.settings).toEqual((await call<{ settings: unknown }>(host, ADMIN_PAGE, 'settings/get', {})).settings);
    expect(boot.catalog.calls.length).toBeGreaterThan(0);
    expect(boot.catalog.supportUrl).toMatch(/^https:/);
    expect(Array.isArray(boot.recentCalls)).toBe(true);
  });

  it("the personal page gets the caller, their own tokens and the policy from one call", async () => {
    const t = tag();
    await createOwn('alice', `${t} mine`);
    const boot = await call<{ me: { accountId: string; isAdmin: boolean }; tokens: Page; policy: Record<string, unknown> }>(
      host,
      PERSONAL_PAGE,
      'personal/bootstrap',
      {},
      'alice',
    );
    expect(boot.me).toMatchObject({ accountId: 'alice', isAdmin: false });
    expect(boot.tokens.tokens[0]).toMatchObject({ description: `${t} mine`, ownerAccountId: 'alice' });
    expect(boot.policy).toEqual({ canCreate: true, forcedScope: null, maxExpiresAt: null, defaultRateLimit: null });
  });
});

describe('access', () => {
  it('every admin-page resolver refuses a non-administrator with FORBIDDEN', async () => {
    const keys = Object.keys(adminSpecs);
    expect(keys).toEqual(expect.arrayContaining(['tokens/create', 'tokens/revokeAllForUser', 'settings/update', 'admin/bootstrap', 'users/search']));
    for (const key of keys) {
      for (const accountId of ['alice', 'bob']) {
        const result = await attempt(host, ADMIN_PAGE, key, {}, accountId);
        expect({ key, accountId, code: result.ok ? 'ok' : result.error.code }).toEqual({ key, accountId, code: 'FORBIDDEN' });
      }
    }
  });

  it("a user never sees or changes another user's token through the personal page", async () => {
    const t = tag();
    const bobs = await createOwn('bob', `${t} bob's`);
    const alicesList = await call<Page>(host, PERSONAL_PAGE, 'tokens/list', { text: t }, 'alice');
    expect(alicesList.tokens).toEqual([]);
    const boot = await call<{ tokens: Page }>(host, PERSONAL_PAGE, 'personal/bootstrap', {}, 'alice');
    expect(boot.tokens.tokens.some((token) => token.ownerAccountId !== 'alice')).toBe(false);

    for (const [key, payload] of [
      ['tokens/revoke', { tokenId: bobs.token.id }],
      ['tokens/rotate', { tokenId: bobs.token.id, graceSeconds: 0 }],
      ['tokens/update', { tokenId: bobs.token.id, description: 'taken over' }],
    ] as const) {
      const result = await attempt(host, PERSONAL_PAGE, key, payload, 'alice');
      expect({ key, code: result.ok ? 'ok' : result.error.code }).toEqual({ key, code: 'NOT_FOUND' });
    }
    const unknown = await attempt(host, PERSONAL_PAGE, 'tokens/revoke', { tokenId: '00000000-0000-4000-8000-000000000000' }, 'alice');
    const foreign = await attempt(host, PERSONAL_PAGE, 'tokens/revoke', { tokenId: bobs.token.id }, 'alice');
    expect(foreign).toEqual(unknown);

    const asAdmin = await call<Page>(host, ADMIN_PAGE, 'tokens/list', { text: t });
    expect(asAdmin.tokens).toEqual([expect.objectContaining({ id: bobs.token.id, description: `${t} bob's`, status: 'active', replacedBy: null })]);
    expect(await verifyStatus(bobs.secret)).toEqual({ status: 200, code: undefined });
  });

  it('the personal page refuses an owner field instead of acting on it', async () => {
    const create = await attempt(host, PERSONAL_PAGE, 'tokens/create', { description: 'x', scope: 'read-only', expiresAt: null, ownerAccountId: 'bob' }, 'alice');
    const list = await attempt(host, PERSONAL_PAGE, 'tokens/list', { ownerAccountId: 'bob' }, 'alice');
    expect(create).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(list).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });
});

describe('input validation', () => {
  const valid = { description: 'ok', scope: 'read-only', expiresAt: null };
  const id = '00000000-0000-4000-8000-000000000000';
  it.each([
    ['an unknown field', 'tokens/create', { ...valid, admin: true }],
    ['a missing description', 'tokens/create', { scope: 'read-only', expiresAt: null }],
    ['a blank description', 'tokens/create', { ...valid, description: '   ' }],
    ['an oversize description', 'tokens/create', { ...valid, description: 'x'.repeat(256) }],
    ['a control character', 'tokens/create', { ...valid, description: 'line\nbreak' }],
    ['a wrong type', 'tokens/create', { ...valid, description: 42 }],
    ['an unknown scope', 'tokens/create', { ...valid, scope: 'admin' }],
    ['a date without time zone', 'tokens/create', { ...valid, expiresAt: '2030-01-01' }],
    ['a missing expiry', 'tokens/create', { description: 'ok', scope: 'read-only' }],
    ['too many allowlist entries', 'tokens/create', { ...valid, ipAllowlist: Array.from({ length: 51 }, (_, i) => `10.0.0.${i}`) }],
    ['a bad CIDR', 'tokens/create', { ...valid, ipAllowlist: ['10.0.0.0/33'] }],
    ['a zero rate limit', 'tokens/create', { ...valid, rateLimit: { requests: 0, windowSeconds: 60 } }],
    ['a fractional rate limit', 'tokens/create', { ...valid, rateLimit: { requests: 1.5, windowSeconds: 60 } }],
    ['an unknown rate-limit field', 'tokens/create', { ...valid, rateLimit: { requests: 1, windowSeconds: 60, burst: 2 } }],
    ['a list limit over 100', 'tokens/list', { limit: 101 }],
    ['revoked tokens "expiring"', 'tokens/list', { status: 'revoked', expiringWithinDays: 7 }],
    ['a token id that is not one', 'tokens/revoke', { tokenId: '../../etc' }],
    ['a negative grace period', 'tokens/rotate', { tokenId: id, graceSeconds: -1 }],
    ['a grace period over a week', 'tokens/rotate', { tokenId: id, graceSeconds: 604_801 }],
    ['an edit with nothing to change', 'tokens/update', { tokenId: id }],
    ['a payload that is not an object', 'tokens/list', 'all'],
  ])('rejects %s with INVALID_INPUT', async (_name, key, payload) => {
    const result = await attempt(host, ADMIN_PAGE, key, payload);
    expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });

  it('rejects an expiry in the past with POLICY_VIOLATION', async () => {
    const result = await attempt(host, ADMIN_PAGE, 'tokens/create', { ...valid, expiresAt: new Date(Date.now() - 60_000).toISOString() });
    expect(result).toMatchObject({ ok: false, error: { code: 'POLICY_VIOLATION' } });
  });
});

describe('lists', () => {
  it('cost one index query and one batch get per page, with storage cursors', async () => {
    const t = tag();
    for (let i = 0; i < 30; i += 1) await createFor(i % 2 ? 'alice' : 'bob', `${t} ${i}`);
    await host.resetStats();
    const first = await call<Page>(host, ADMIN_PAGE, 'tokens/list', { text: t, limit: 25 });
    const firstStats = await host.stats();
    expect(firstStats.storage['entity.query']).toBe(1);
    expect(firstStats.storage['batch.get']).toBe(1);

    await host.resetStats();
    const seen = [...first.tokens];
    let cursor = first.cursor;
    let pages = 1;
    while (cursor) {
      const page = await call<Page>(host, ADMIN_PAGE, 'tokens/list', { text: t, limit: 25, cursor });
      seen.push(...page.tokens);
      cursor = page.cursor;
      pages += 1;
    }
    const rest = await host.stats();
    expect(rest.storage['entity.query']).toBe(pages - 1);
    expect(rest.storage['batch.get'] ?? 0).toBeLessThanOrEqual(pages - 1);
    expect(new Set(seen.map((token) => token.id)).size).toBe(30);
    expect(seen).toHaveLength(30);
  });

  it('filter by owner, text, status and expiring-within through the indexes', async () => {
    const t = tag();
    const DAY = 86_400_000;
    const soon = await createFor('alice', `${t} soon`, { expiresAt: new Date(Date.now() + 2 * DAY).toISOString() });
    const later = await createFor('alice', `${t} later`, { expiresAt: new Date(Date.now() + 20 * DAY).toISOString() });
    const never = await createFor('bob', `${t} never`);
    const revoked = await createFor('bob', `${t} revoked`);
    await call(host, ADMIN_PAGE, 'tokens/revoke', { tokenId: revoked.token.id });
    const ids = async (payload: Record<string, unknown>): Promise<string[]> =>
      (await call<Page>(host, ADMIN_PAGE, 'tokens/list', { text: t, ...payload })).tokens.map((token) => token.id).sort();

    expect(await ids({ ownerAccountId: 'alice' })).toEqual([soon.token.id, later.token.id].sort());
    expect(await ids({ text: `${t} NEV` })).toEqual([never.token.id]);
    expect(await ids({ status: 'revoked' })).toEqual([revoked.token.id]);
    expect(await ids({ status: 'active' })).toEqual([soon.token.id, later.token.id, never.token.id].sort());
    expect(await ids({ expiringWithinDays: 7 })).toEqual([soon.token.id]);
    expect(await ids({ expiringWithinDays: 30 })).toEqual([soon.token.id, later.token.id].sort());
    expect(await ids({ ownerAccountId: 'bob', status: 'active' })).toEqual([never.token.id]);
    expect(await ids({ status: 'expired' })).toEqual([]);
  });
});

describe('verification of managed tokens', () => {
  it('a revoked token stops verifying at once', async () => {
    const { token, secret } = await createFor('alice', `${tag()} to revoke`);
    expect(await verifyStatus(secret)).toEqual({ status: 200, code: undefined });
    await call(host, ADMIN_PAGE, 'tokens/revoke', { tokenId: token.id });
    expect(await verifyStatus(secret)).toEqual({ status: 401, code: 'REVOKED_TOKEN' });
  });

  it('after a rotation both secrets verify until the grace period ends, then only the new one', async () => {
    const old = await createOwn('alice', `${tag()} to rotate`);
    const rotated = await call<Issued>(host, PERSONAL_PAGE, 'tokens/rotate', { tokenId: old.token.id, graceSeconds: 300 }, 'alice');
    expect(rotated.token.replaces).toBe(old.token.id);
    expect(await verifyStatus(old.secret)).toEqual({ status: 200, code: undefined });
    expect(await verifyStatus(rotated.secret)).toEqual({ status: 200, code: undefined });
    host.advanceClock(300_001);
    expect(await verifyStatus(old.secret)).toEqual({ status: 401, code: 'EXPIRED_TOKEN' });
    expect(await verifyStatus(rotated.secret)).toEqual({ status: 200, code: undefined });
    const list = await call<Page>(host, PERSONAL_PAGE, 'tokens/list', { text: 'to rotate' }, 'alice');
    expect(list.tokens.find((token) => token.id === old.token.id)).toMatchObject({ status: 'expired', replacedBy: rotated.token.id });
  });

  it('a rotation with no grace period ends the old secret at once', async () => {
    const old = await createFor('bob', `${tag()} hard rotate`);
    const rotated = await call<Issued>(host, ADMIN_PAGE, 'tokens/rotate', { tokenId: old.token.id, graceSeconds: 0 });
    expect(await verifyStatus(old.secret)).toEqual({ status: 401, code: 'EXPIRED_TOKEN' });
    expect(await verifyStatus(rotated.secret)).toEqual({ status: 200, code: undefined });
  });

  it('an edited allowlist applies to the next verification', async () => {
    const { token, secret } = await createFor('alice', `${tag()} allowlisted`);
    await call(host, ADMIN_PAGE, 'tokens/update', { tokenId: token.id, ipAllowlist: ['127.0.0.8/29'] });
    // The host appends the loopback address a call comes from, as the platform's edge appends its peer.
    const from = (ip: string): Promise<number> => host.webtrigger('verify-token', { method: 'GET', ...bearer(secret), from: ip }).then((r) => r.status);
    expect(await from('127.0.0.9')).toBe(200);
    expect(await from('127.0.0.20')).toBe(403);
  });

  it('revoke-all revokes every token of the user and none of anyone else', async () => {
    const t = tag();
    const bobs = await Promise.all(Array.from({ length: 11 }, (_, i) => createFor('bob', `${t} bob ${i}`)));
    const alices = await createFor('alice', `${t} alice`);
    const result = await call<{ revoked: number }>(host, ADMIN_PAGE, 'tokens/revokeAllForUser', { accountId: 'bob' });
    expect(result.revoked).toBeGreaterThanOrEqual(11);
    for (const { secret } of bobs) expect((await verifyStatus(secret)).code).toBe('REVOKED_TOKEN');
    expect((await verifyStatus(alices.secret)).status).toBe(200);
    const bobActive = await call<Page>(host, ADMIN_PAGE, 'tokens/list', { ownerAccountId: 'bob', status: 'active' });
    expect(bobActive.tokens).toEqual([]);
  });
});

describe('concurrency', () => {
  /** Token entity reads since the last stats reset: one per revoke or edit, plus one per re-read after a lost race. */
  const tokenReads = async (): Promise<number> => (await host.stats()).storage['entity.get'] ?? 0;

  it('a revoke racing an edit never leaves the token (or its lookup) active, and the race did happen', async () => {
    // With storage latency, an edit started a little after a revoke reads the token before the revoke
    // writes and writes after it: the lost update the revision condition must turn into a re-read.
    // The edits start at staggered offsets so that some land in that window; a round in which none
    // did proves nothing, so rounds repeat until a call lost its race and read the token again.
    let raced = false;
    for (let round = 0; round < 5 && !raced; round += 1) {
      raced = (await raceRevokesAndEdits()) > 16;
    }
    expect(raced).toBe(true);
  });

  /** One round of 8 revokes racing 8 edits; answers how often the round read a token. */
  async function raceRevokesAndEdits(): Promise<number> {
    const t = tag();
    const tokens = await Promise.all(Array.from({ length: 8 }, (_, i) => createFor('alice', `${t} race ${i}`)));
    await host.resetStats();
    host.setLatency(25);
    const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
    const outcomes = await Promise.all(
      tokens.map(({ token }, i) =>
        Promise.all([
          attempt(host, ADMIN_PAGE, 'tokens/revoke', { tokenId: token.id }),
          pause(i * 10).then(() => attempt(host, ADMIN_PAGE, 'tokens/update', { tokenId: token.id, description: `${t} edited`, ipAllowlist: ['10.0.0.0/8'] })),
        ]),
      ),
    ).finally(() => host.setLatency(0));
    const reads = await tokenReads();
    for (const [revoke, edit] of outcomes) {
      expect(revoke.ok).toBe(true);
      expect(edit.ok || edit.error.code === 'CONFLICT').toBe(true);
    }
    const listed = await call<Page>(host, ADMIN_PAGE, 'tokens/list', { text: t, limit: 100 });
    expect(listed.tokens.map((token) => token.status)).toEqual(Array(8).fill('revoked'));
    for (const { secret } of tokens) expect((await verifyStatus(secret)).code).toBe('REVOKED_TOKEN');
    return reads;
  }
});

describe('storage failures', () => {
  it('answer UNAVAILABLE without internals and leave nothing half-written', async () => {
    const t = tag();
    const kept = await createFor('alice', `${t} kept`);
    jest.spyOn(console, 'error').mockImplementation(() => undefined);
    jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    host.setFailRate(1);
    const results = await Promise.all([
      attempt(host, ADMIN_PAGE, 'tokens/create', { description: `${t} lost`, scope: 'read-only', expiresAt: null, ownerAccountId: 'alice' }),
      attempt(host, ADMIN_PAGE, 'tokens/revoke', { tokenId: kept.token.id }),
    ]).finally(() => host.setFailRate(0));
    for (const result of results) {
      expect(result).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE' } });
      expect(JSON.stringify(result)).not.toMatch(/at |Error:|kvs|\.ts/);
    }
    const listed = await call<Page>(host, ADMIN_PAGE, 'tokens/list', { text: t });
    expect(listed.tokens.map((token) => [token.description, token.status])).toEqual([[`${t} kept`, 'active']]);
    expect((await verifyStatus(kept.secret)).status).toBe(200);
  });
});

describe('audit trail', () => {
  async function eventsFor(tokenId: string): Promise<AuditEvent[]> {
    const actions = ['Token created', 'Token edited', 'Token rotated', 'Token revoked'];
    const found: AuditEvent[] = [];
    for (const action of actions) {
      const page = await kvs.entity<{ event: AuditEvent }>(ENTITY.auditEvent).query().index(AUDIT_INDEX.byAction, { partition: [action] }).limit(100).getMany();
      found.push(...page.results.map((r) => r.value.event).filter((event) => event.affectedObjects.some((o) => o.id === tokenId)));
    }
    return found.sort((a, b) => a.timestamp.localeCompare(b.timestamp));
  }

  it('records create, edit, rotate and revoke as audit-event entities carrying the token id', async () => {
    const t = tag();
    const created = await createFor('alice', `${t} audited`);
    await call(host, ADMIN_PAGE, 'tokens/update', { tokenId: created.token.id, description: `${t} audited v2` });
    const rotated = await call<Issued>(host, ADMIN_PAGE, 'tokens/rotate', { tokenId: created.token.id, graceSeconds: 0 });
    await call(host, ADMIN_PAGE, 'tokens/revoke', { tokenId: rotated.token.id });

    const events = await eventsFor(created.token.id);
    expect(events.map((event) => event.type.action)).toEqual(['Token created', 'Token edited', 'Token rotated']);
    expect(events[1].changedValues).toEqual([expect.objectContaining({ key: 'description', from: `${t} audited`, to: `${t} audited v2` })]);
    expect(events.every((event) => event.author.id === 'local-admin' && event.method === 'Admin page')).toBe(true);
    const revokedEvents = await eventsFor(rotated.token.id);
    expect(revokedEvents.map((event) => event.type.action)).toEqual(['Token rotated', 'Token revoked']);
    for (const event of [...events, ...revokedEvents]) {
      expect(JSON.stringify(event)).not.toContain(created.secret);
      expect(JSON.stringify(event)).not.toContain(rotated.secret);
    }
  });
});
