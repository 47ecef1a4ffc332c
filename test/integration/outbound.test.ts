/**
 * Explained outbound calls through the local host (issue 6): the catalog resolver, the header on every product call,
 * "App API call" events in the audit log while the toggle is on, and the published docs.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { OUTBOUND_CATALOG } from '../../src/adapters/outbound/catalog';
import type { AuditEvent } from '../../src/domain/audit/model';
import type { Settings } from '../../src/domain/settings/model';
import type { DataOf } from '../../src/shared/resolvers';
import { useHost } from '../support/host';
import { outboundViolations } from '../support/outbound-check';
import { ADMIN_PAGE, attempt, call } from './support/tokens';

const DOC = readFileSync(path.resolve(__dirname, '..', '..', 'docs', 'api-calls.md'), 'utf8');
const SENTENCES = new Set<string>(Object.values(OUTBOUND_CATALOG).map((entry) => entry.description));

const host = useHost({ store: 'memory' });

async function setAppApiCalls(on: boolean): Promise<void> {
  const { settings } = await call<{ settings: Settings }>(host, ADMIN_PAGE, 'settings/get', {});
  const next = structuredClone(settings);
  next.audit.appApiCalls = on;
  await call(host, ADMIN_PAGE, 'settings/update', { settings: next });
}

describe('outbound/catalog', () => {
  it('returns every catalog entry and the vendor support link, and every sentence is in docs/api-calls.md', async () => {
    const data = await call<DataOf<'outbound/catalog'>>(host, ADMIN_PAGE, 'outbound/catalog', {});
    expect(data.calls.map((entry) => entry.id)).toEqual(Object.keys(OUTBOUND_CATALOG));
    for (const entry of data.calls) {
      expect(entry).toEqual({ id: entry.id, ...OUTBOUND_CATALOG[entry.id as keyof typeof OUTBOUND_CATALOG] });
      expect(DOC).toContain(entry.description);
    }
    expect(DOC).toContain(data.supportUrl);
  });

  it('is for Jira administrators only, and rejects unknown fields', async () => {
    expect(await attempt(host, ADMIN_PAGE, 'outbound/catalog', {}, 'alice')).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await attempt(host, ADMIN_PAGE, 'outbound/recent', {}, 'bob')).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await attempt(host, ADMIN_PAGE, 'outbound/catalog', { extra: 1 })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await attempt(host, ADMIN_PAGE, 'outbound/recent', { limit: 0 })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });
});

describe('product calls made by the resolvers', () => {
  it('each carry the x-audit-log-description sentence of their catalog entry', async () => {
    await call(host, ADMIN_PAGE, 'outbound/catalog', {});
    await attempt(host, ADMIN_PAGE, 'users/search', { query: 'al' });
    const calls = await host.outbound();
    expect(calls.length).toBeGreaterThan(0);
    for (const recorded of calls) expect(SENTENCES.has(recorded.headers['x-audit-log-description'] ?? '')).toBe(true);
    const logged = calls.map((recorded) => ({ source: 'this test', method: recorded.method, path: recorded.path, description: recorded.headers['x-audit-log-description'] ?? null }));
    expect(outboundViolations(logged)).toEqual([]);
  });
});

describe('"App API call" events', () => {
  afterEach(async () => {
    await setAppApiCalls(false);
  });

  it('appear in audit/search and outbound/recent while the toggle is on, and not while it is off', async () => {
    await call(host, ADMIN_PAGE, 'outbound/catalog', {});
    const before = await call<{ entities: AuditEvent[] }>(host, ADMIN_PAGE, 'audit/search', { actions: ['App API call'] });
    expect(before.entities).toEqual([]);

    await setAppApiCalls(true);
    await call(host, ADMIN_PAGE, 'outbound/catalog', {});
    // A granted admin check is not recorded (browsing must not fill the log); bob's refused one is.
    await host.invoke(ADMIN_PAGE, 'outbound/catalog', {}, { accountId: 'bob' });

    const found = await call<{ entities: AuditEvent[] }>(host, ADMIN_PAGE, 'audit/search', { actions: ['App API call'] });
    expect(found.entities.length).toBeGreaterThan(0);
    const check = found.entities.find((event) => event.affectedObjects.some((object) => object.id === 'permissions.checkAdmin'));
    expect(check).toMatchObject({ type: { category: 'App API calls', action: 'App API call' }, author: { type: 'app' }, method: 'App' });
    const attributes = Object.fromEntries((check?.extraAttributes ?? []).map((extra) => [extra.name, extra.value]));
    expect(attributes).toMatchObject({ 'Request method': 'POST', Route: '/rest/api/3/permissions/check', 'Status code': '200', 'Runs as': 'app', Origin: 'backend' });

    // outbound/recent checks the caller is an admin first; that granted check is not recorded, so it lists what the search found.
    const recent = await call<DataOf<'outbound/recent'>>(host, ADMIN_PAGE, 'outbound/recent', { limit: 5 });
    expect(recent.events.length).toBe(Math.min(5, found.entities.length));
    expect(recent.events.map((event) => event.id)).toEqual(found.entities.slice(0, recent.events.length).map((event) => event.id));
    const timestamps = recent.events.map((event) => Date.parse(event.timestamp));
    expect([...timestamps].sort((a, b) => b - a)).toEqual(timestamps);
  });

  it('share one settings read per invocation between the admin check\'s recording and the search\'s retention', async () => {
    await setAppApiCalls(true);
    await host.resetStats();
    await call(host, ADMIN_PAGE, 'audit/search', { categories: ['Token management'] });
    const { storage } = await host.stats();
    // The settings are a plain key: the only plain `get` of the invocation.
    expect(storage.get ?? 0).toBe(1);
  });
});
