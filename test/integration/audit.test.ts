/**
 * The audit log through the local host (docs/audit-events.md, docs/resolvers.md): every producer drives its real
 * resolver or web trigger, and `audit/search` answers in Atlassian Audit's entity shape.
 */
import { cryptoRandom } from '../../src/adapters/crypto-random';
import { kvsDiscardCounter } from '../../src/adapters/audit/discard-counter';
import { AUDIT_ACTION_IDS, AUDIT_ACTIONS, type AuditEvent } from '../../src/domain/audit/model';
import { DAY_MS } from '../../src/domain/audit/retention';
import { DEFAULT_SETTINGS } from '../../src/domain/settings/model';
import { generateToken } from '../../src/domain/tokens/format';
import { BURST_THRESHOLD } from '../../src/domain/verification/signals';
import { seedAuditRows } from '../support/audit-seed';
import { useHost } from '../support/host';
import { auditSearch, searchAll, syntheticRows } from './support/audit';
import { changeSettings, createToken, describeRequest, verify, withAudit } from './support/verification';

const ADMIN_PAGE_KEY = 'api-token-admin';
const host = useHost();

type Result<T> = { ok: true; data: T } | { ok: false; error: { code: string; message: string } };

async function admin<T>(functionKey: string, payload: unknown): Promise<T> {
  const result = await host.invoke<Result<T>>('api-token-admin', functionKey, payload);
  if (!result.ok) throw new Error(`${functionKey}: ${result.error.code} ${result.error.message}`);
  return result.data;
}

const attr = (event: AuditEvent, name: string): string | undefined => event.extraAttributes.find((a) => a.name === name)?.value;
/** The loopback address these calls come from; the host appends it as the platform's edge appends its peer. */
const FROM = '127.0.0.9';

describe('every docs/audit-events.md action, recorded through its real producer', () => {
  let events: AuditEvent[];
  let tokenId: string;

  beforeAll(async () => {
    jest.spyOn(console, 'info').mockImplementation(() => undefined);
    jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    // Security alerts of the verification path (before the toggles go on, so that they add no authentication events):
    // a new network, a failure burst, a revoked token presented, and an alert acknowledged.
    const watched = await createToken(host, { description: 'Watched token', ipAllowlist: ['127.0.0.0/24'] });
    expect((await verify(host, watched.secret, { body: describeRequest('GET'), from: FROM })).status).toBe(200);
    expect((await verify(host, watched.secret, { body: describeRequest('GET'), from: '127.0.1.9' })).status).toBe(403);
    await admin('tokens/update', { tokenId: watched.token.id, ipAllowlist: [] });
    expect((await verify(host, watched.secret, { body: describeRequest('GET'), from: '127.0.1.9' })).status).toBe(200);
    await admin('tokens/update', { tokenId: watched.token.id, ipAllowlist: ['10.0.0.0/8'] });
    for (let i = 0; i < BURST_THRESHOLD; i += 1) expect((await verify(host, watched.secret, { body: describeRequest('GET'), from: FROM })).status).toBe(403);
    await admin('tokens/revoke', { tokenId: watched.token.id });
    expect((await verify(host, watched.secret, { body: describeRequest('GET'), from: FROM })).status).toBe(401);
    const { alerts } = await admin<{ alerts: Array<{ id: string }> }>('alerts/list', { status: 'open' });
    await admin('alerts/acknowledge', { alertId: alerts[0].id });
    // Settings: "Audit settings changed" (toggles) and "Token policy changed" (a policy).
    await changeSettings(host, withAudit({ successfulAuthentication: true, failedAuthentication: true, failedCredentialVerification: true, permissionDenied: true, rateLimited: true, appApiCalls: true }));
    await changeSettings(host, (s) => ({ ...s, policies: { ...s.policies, maxValidity: '1y' } }));
    host.advanceClock(11_000); // verification caches settings for up to 10 s
    // An App API call event: bob's refused admin check (a granted one is not recorded, src/adapters/outbound/recording.ts).
    await host.invoke(ADMIN_PAGE_KEY, 'admin/bootstrap', {}, { accountId: 'bob' });

    const main = await createToken(host, { description: 'Nightly export', scope: 'read-only', expiresAt: new Date(Date.now() + 30 * DAY_MS).toISOString(), rateLimit: { requests: 2, windowSeconds: 3600 } });
    tokenId = main.token.id;
    await admin('tokens/update', { tokenId, description: 'Nightly export (edited)' });
    expect((await verify(host, main.secret, { body: describeRequest('GET'), from: FROM })).status).toBe(200);
    expect((await verify(host, main.secret, { body: describeRequest('PUT'), from: FROM })).status).toBe(403);
    expect((await verify(host, main.secret, { body: describeRequest('GET'), from: FROM })).status).toBe(200);
    expect((await verify(host, main.secret, { body: describeRequest('GET'), from: FROM })).status).toBe(429);
    expect((await verify(host, generateToken(cryptoRandom), { body: describeRequest('GET'), from: FROM })).status).toBe(401);
    expect((await verify(host, 'Basic-password-not-a-token', { body: describeRequest('GET'), from: FROM })).status).toBe(401);
    await admin('tokens/rotate', { tokenId, graceSeconds: 60 });
    await admin('tokens/revoke', { tokenId });
    await createToken(host, { ownerAccountId: 'bob', description: 'Bob one', expiresAt: new Date(Date.now() + DAY_MS).toISOString() });
    await admin('tokens/revokeAllForUser', { accountId: 'bob' });

    // Audit log's own events: an expired event to purge, and two events that could not be stored.
    // Token hygiene (the daily run below): a token ending in 2 days is reminded, a token idle for the
    // shortest unused period is warned, and a token of a deactivated owner is flagged.
    await createToken(host, { description: 'Ends soon', expiresAt: new Date(Date.now() + 2 * DAY_MS).toISOString() });
    await createToken(host, { ownerAccountId: 'bob', description: 'Bob leaves', expiresAt: new Date(Date.now() + 60 * DAY_MS).toISOString() });
    await changeSettings(host, (s) => ({ ...s, hygiene: { ...s.hygiene, unusedDays: 7, deactivatedOwners: 'flag' } }));
    await host.setAccountActive('bob', false);
    await seedAuditRows(syntheticRows(3, { now: Date.now(), prefix: 'ancient', newestAgoMs: 400 * DAY_MS }));
    await kvsDiscardCounter.add(2);
    await host.runScheduled('daily-housekeeping');
    // The first run of the sealing trigger seals what is stored (an "Events sealed" event).
    await host.runScheduled('integrity-seal');

    events = await searchAll(host, {});
    jest.restoreAllMocks();
  });

  it('has an event of every catalog action', () => {
    const actions = new Set(events.map((e) => e.type.action));
    expect(AUDIT_ACTION_IDS.map((id) => AUDIT_ACTIONS[id].action).filter((a) => !actions.has(a))).toEqual([]);
  });

  it("answers in Atlassian Audit's entity shape, newest first, with unique ids", () => {
    for (const event of events) {
      expect(Object.keys(event).sort()).toEqual(['affectedObjects', 'author', 'changedValues', 'extraAttributes', 'id', 'method', 'source', 'system', 'timestamp', 'type']);
      expect(event.timestamp).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
      expect(['user', 'anonymous', 'system', 'app']).toContain(event.author.type);
      expect(event.type.categoryI18nKey).toMatch(/^api-token-audit\.category\.[a-z0-9.]+$/);
      expect(event.type.actionI18nKey).toMatch(/^api-token-audit\.action\.[a-z0-9.]+$/);
      expect(['Web trigger', 'Admin page', 'Personal settings', 'Scheduled', 'App']).toContain(event.method);
    }
    const times = events.map((e) => Date.parse(e.timestamp));
    expect(times).toEqual([...times].sort((a, b) => b - a));
    expect(new Set(events.map((e) => e.id)).size).toBe(events.length);
  });

  it('names the site the same way in every event, whoever produced it', () => {
    // Token management (resolvers), authentication (web trigger), App API calls (outbound module), purge (scheduled).
    expect(new Set(events.map((e) => e.system))).toEqual(new Set(['ari:cloud:jira::site/5c1e9d2a-7b4f-4e0c-9a61-000000000001']));
  });

  it('gives authentication events the token, description, scope, owner, request, client IP and reason', () => {
    const byAction = (action: string) => events.filter((e) => e.type.action === action);
    for (const action of ['Token authentication succeeded', 'Permission denied', 'Rate limited']) {
      const [event] = byAction(action);
      expect(event.affectedObjects[0]).toEqual({ id: tokenId, name: 'Nightly export (edited)', type: 'API token' });
      expect(attr(event, 'Token ID')).toBe(tokenId);
      expect(attr(event, 'Scope')).toBe('read-only');
      expect(attr(event, 'Owner')).toBe('alice');
      expect(attr(event, 'Request path')).toBe('/rest/api/3/issue/ABC-1');
      expect(event.source).toBe(FROM);
    }
    expect(attr(byAction('Permission denied')[0], 'Request method')).toBe('PUT');
    expect(attr(byAction('Permission denied')[0], 'Reason code')).toBe('SCOPE_DENIED');
    expect(attr(byAction('Rate limited')[0], 'Reason code')).toBe('RATE_LIMITED');
    expect(attr(byAction('Token authentication failed')[0], 'Reason code')).toBe('UNKNOWN_TOKEN');
    expect(byAction('Token authentication failed')[0].author.type).toBe('anonymous');
    expect(attr(byAction('Credential verification failed')[0], 'Reason code')).toBe('MALFORMED_TOKEN');
  });

  it('cross-references token management by token id, and records settings changes with their values', () => {
    for (const action of ['Token created', 'Token edited', 'Token rotated', 'Token revoked']) {
      expect(events.some((e) => e.type.action === action && e.affectedObjects.some((o) => o.id === tokenId))).toBe(true);
    }
    const edited = events.find((e) => e.type.action === 'Token edited');
    expect(edited?.changedValues).toContainEqual(expect.objectContaining({ from: 'Nightly export', to: 'Nightly export (edited)' }));
    const policy = events.find((e) => e.type.action === 'Token policy changed');
    expect(policy?.changedValues.length).toBeGreaterThan(0);
    const settings = events.find((e) => e.type.action === 'Audit settings changed');
    expect(settings?.changedValues.length).toBeGreaterThan(0);
  });

  it('reports the purge and the discarded events with their numbers', () => {
    const purged = events.find((e) => e.type.action === 'Events purged');
    expect(attr(purged as AuditEvent, 'Events purged')).toBe('3');
    const discarded = events.find((e) => e.type.action === 'Events discarded');
    expect(attr(discarded as AuditEvent, 'Events discarded')).toBe('2');
    expect(events.some((e) => e.id.startsWith('ancient-'))).toBe(false);
  });

  it('returns only the affected token events when filtering by that token', async () => {
    const filtered = await searchAll(host, { affectedObject: { type: 'API token', id: tokenId } });
    expect(filtered.length).toBeGreaterThanOrEqual(8);
    expect(filtered.every((e) => e.affectedObjects.slice(0, 2).some((o) => o.type === 'API token' && o.id === tokenId))).toBe(true);
    const expected = events.filter((e) => e.affectedObjects.slice(0, 2).some((o) => o.type === 'API token' && o.id === tokenId)).map((e) => e.id);
    expect(filtered.map((e) => e.id)).toEqual(expected);
  });

  it('filters by category, action, author and free text', async () => {
    const auth = await searchAll(host, { categories: ['Authentication'] });
    expect(auth.length).toBeGreaterThan(0);
    expect(auth.every((e) => e.type.category === 'Authentication')).toBe(true);
    const denied = await searchAll(host, { actions: ['Permission denied'] });
    expect(denied.map((e) => e.type.action)).toEqual(['Permission denied']);
    const byAdmin = await searchAll(host, { authors: ['local-admin'] });
    expect(byAdmin.length).toBeGreaterThan(0);
    expect(byAdmin.every((e) => e.author.id === 'local-admin')).toBe(true);
    const text = await searchAll(host, { search: 'NIGHTLY export' });
    expect(text.length).toBeGreaterThan(0);
    expect(text.every((e) => JSON.stringify(e).toLowerCase().includes('nightly export'))).toBe(true);
  });
});

describe('access and input', () => {
  it('refuses non-administrators with FORBIDDEN on both audit resolvers', async () => {
    for (const accountId of ['alice', 'bob']) {
      expect(await auditSearch(host, {}, accountId)).toEqual({ ok: false, error: expect.objectContaining({ code: 'FORBIDDEN' }) });
      const boot = await host.invoke<Result<unknown>>('audit-log', 'audit/bootstrap', {}, { accountId });
      expect(boot).toEqual({ ok: false, error: expect.objectContaining({ code: 'FORBIDDEN' }) });
    }
  });

  it('answers INVALID_INPUT for unknown fields, bad dates, oversize pages and foreign cursors', async () => {
    const invalid = async (payload: unknown) => {
      const result = await host.invoke<Result<unknown>>('audit-log', 'audit/search', payload);
      return result.ok ? 'ok' : result.error.code;
    };
    expect(await invalid({ offset: 10 })).toBe('INVALID_INPUT');
    expect(await invalid({ from: 'last tuesday' })).toBe('INVALID_INPUT');
    expect(await invalid({ limit: 201 })).toBe('INVALID_INPUT');
    expect(await invalid({ categories: ['Nope'] })).toBe('INVALID_INPUT');
    expect(await invalid({ cursor: 'garbage' })).toBe('INVALID_INPUT');
    const first = await auditSearch(host, { categories: ['Authentication'], limit: 1 });
    if (!first.ok || !first.data.cursor) throw new Error('expected a second page');
    expect(await invalid({ categories: ['Settings'], cursor: first.data.cursor })).toBe('INVALID_INPUT');
  });

  it('renders the audit-log page from one bootstrap invocation: first page and facets', async () => {
    const boot = await host.invoke<Result<{ firstPage: { entities: AuditEvent[]; cursor: string | null }; facets: { categories: string[]; actions: unknown[] } }>>('audit-log', 'audit/bootstrap', {});
    if (!boot.ok) throw new Error(boot.error.message);
    expect(boot.data.facets.categories).toEqual(['Token management', 'Settings', 'Authentication', 'Security alerts', 'App API calls', 'Audit log']);
    expect(boot.data.facets.actions).toHaveLength(AUDIT_ACTION_IDS.length);
    expect(boot.data.firstPage.entities.length).toBeGreaterThan(0);
  });

  it('bootstraps under the filters a link opened the page with, answering what audit/search answers for them; paging fields are refused', async () => {
    const query = { categories: ['Authentication'], from: '2000-01-01T00:00:00Z' };
    const boot = await host.invoke<Result<{ firstPage: { entities: AuditEvent[] } }>>('audit-log', 'audit/bootstrap', { query });
    if (!boot.ok) throw new Error(boot.error.message);
    const search = await auditSearch(host, { ...query, limit: 50 });
    if (!search.ok) throw new Error(search.error.message);
    expect(boot.data.firstPage.entities.length).toBeGreaterThan(0);
    expect(boot.data.firstPage.entities.map((event) => event.id)).toEqual(search.data.entities.map((event) => event.id));
    expect(new Set(boot.data.firstPage.entities.map((event) => event.type.category))).toEqual(new Set(['Authentication']));
    for (const payload of [{ query: { limit: 5 } }, { query: { cursor: 'x' } }, { query: { categories: ['Nope'] } }, { filters: {} }]) {
      const refused = await host.invoke<Result<unknown>>('audit-log', 'audit/bootstrap', payload);
      expect(refused.ok ? 'ok' : refused.error.code).toBe('INVALID_INPUT');
    }
  });
});

describe('storage calls per search page', () => {
  beforeAll(async () => {
    await changeSettings(host, (s) => ({ ...DEFAULT_SETTINGS, version: s.version }));
  });

  const FILTERS = [
    { name: 'time only', payload: {} },
    { name: 'category', payload: { categories: ['Authentication'] } },
    { name: 'author', payload: { authors: ['bob'] } },
    { name: 'affected token', payload: { affectedObject: { type: 'API token', id: 'tok-3' } } },
    { name: 'free text', payload: { search: 'syn-1' } },
  ];

  async function callsPerPage(): Promise<Record<string, number>> {
    const calls: Record<string, number> = {};
    for (const { name, payload } of FILTERS) {
      await host.resetStats();
      const result = await auditSearch(host, { ...payload, limit: 10 });
      if (!result.ok) throw new Error(result.error.message);
      expect(result.data.entities).toHaveLength(10);
      calls[name] = (await host.stats()).total;
    }
    return calls;
  }

  it('is the same with about 200 and about 2,200 stored events', async () => {
    const now = Date.now();
    await seedAuditRows(syntheticRows(200, { now, prefix: 'small' }));
    const small = await callsPerPage();
    await seedAuditRows(syntheticRows(2000, { now, prefix: 'large', newestAgoMs: 200 * 1000 + 60_000 }));
    const large = await callsPerPage();
    expect(large).toEqual(small);
    // One settings read plus index reads of at most 100 rows: a handful, not hundreds.
    expect(Math.max(...Object.values(large))).toBeLessThanOrEqual(12);
  });
});
