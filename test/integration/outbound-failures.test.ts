/**
 * When Jira or the Forge proxy fails (issue 6), driven through the local host's canned Jira failures:
 * 429s are retried as `Retry-After` asks, each attempt carries its catalog sentence, a failure that
 * persists reaches the page as `UNAVAILABLE` with a sentence a person can act on (never `FORBIDDEN`,
 * never a stack trace), and nothing is written on the way.
 */
import { OUTBOUND_CATALOG } from '../../src/adapters/outbound/catalog';
import { OUTBOUND_USER_MESSAGES } from '../../src/adapters/outbound/errors';
import type { AuditEvent } from '../../src/domain/audit/model';
import type { Settings } from '../../src/domain/settings/model';
import type { TestHost } from '../support/host';
import { ADMIN_PAGE, PERSONAL_PAGE, attempt, call, withQuietMemoryHost } from './support/tokens';

const API_USERS_GROUP = '0b7e3a55-1d2c-4f8e-9e10-00000000a003';
const ADMIN_CHECK = OUTBOUND_CATALOG['permissions.checkAdmin'];

let host: TestHost;
withQuietMemoryHost((started) => {
  host = started;
});

beforeEach(() => {
  // Resolvers log each failed Jira call by catalog id and kind; these tests fail calls on purpose.
  jest.spyOn(console, 'error').mockImplementation(() => undefined);
});

afterEach(() => {
  host.setJiraFault(null);
  jest.restoreAllMocks();
});

async function updateSettings(change: (settings: Settings) => void): Promise<void> {
  const { settings } = await call<{ settings: Settings }>(host, ADMIN_PAGE, 'settings/get', {});
  const next = structuredClone(settings);
  change(next);
  await call(host, ADMIN_PAGE, 'settings/update', { settings: next });
}

async function callsSince(count: number): Promise<Array<{ path: string; status: number; description: string | undefined }>> {
  return (await host.outbound()).slice(count).map((recorded) => ({
    path: recorded.path.split('?')[0] ?? '',
    status: recorded.status,
    description: recorded.headers['x-audit-log-description'],
  }));
}

async function tokenCount(): Promise<number> {
  return (await call<{ tokens: unknown[] }>(host, ADMIN_PAGE, 'tokens/list', {})).tokens.length;
}

describe('Jira answering 429', () => {
  it('is retried as Retry-After asks, and the resolver succeeds once Jira answers; every attempt carries the sentence', async () => {
    const before = (await host.outbound()).length;
    host.setJiraFault({ status: 429, times: 2, retryAfter: '0' });

    await expect(attempt(host, ADMIN_PAGE, 'outbound/catalog', {})).resolves.toMatchObject({ ok: true });

    expect(await callsSince(before)).toEqual([429, 429, 200].map((status) => ({ path: ADMIN_CHECK.route, status, description: ADMIN_CHECK.description })));
  });

  it('that persists through the retries gives UNAVAILABLE with the rate-limit sentence, and the App API call event says 429', async () => {
    await updateSettings((settings) => {
      settings.audit.appApiCalls = true;
    });
    const before = (await host.outbound()).length;
    host.setJiraFault({ status: 429, times: 3, retryAfter: '0' });

    const result = await attempt(host, ADMIN_PAGE, 'outbound/catalog', {});

    expect(result).toEqual({ ok: false, error: { code: 'UNAVAILABLE', message: OUTBOUND_USER_MESSAGES['rate-limited'] } });
    expect((await callsSince(before)).map((recorded) => recorded.status)).toEqual([429, 429, 429]);
    const { entities } = await call<{ entities: AuditEvent[] }>(host, ADMIN_PAGE, 'audit/search', { actions: ['App API call'] });
    // The call that stayed rate limited (this search's own granted admin check is not recorded).
    const limited = entities.find((event) => event.extraAttributes.some((extra) => extra.name === 'Status code' && extra.value === '429'));
    const attributes = Object.fromEntries((limited?.extraAttributes ?? []).map((extra) => [extra.name, extra.value]));
    expect(attributes).toMatchObject({ Route: ADMIN_CHECK.route, 'Status code': '429' });
    await updateSettings((settings) => {
      settings.audit.appApiCalls = false;
    });
  });
});

describe('the Forge proxy refusing the call', () => {
  it.each([
    ['NEEDS_AUTHENTICATION_ERR', 'needs-authentication', 401],
    ['PROXY_ERR', 'proxy', 502],
  ] as const)('forge-proxy-error %s gives UNAVAILABLE with the %s sentence', async (proxyError, kind, status) => {
    host.setJiraFault({ status, times: 1, proxyError });
    const result = await attempt(host, ADMIN_PAGE, 'tokens/list', {});
    expect(result).toEqual({ ok: false, error: { code: 'UNAVAILABLE', message: OUTBOUND_USER_MESSAGES[kind] } });
  });
});

describe('a failed admin check', () => {
  it('never reads as FORBIDDEN and writes nothing: tokens/create stores no token', async () => {
    const count = await tokenCount();
    host.setJiraFault({ status: 503, times: 1 });

    const result = await attempt(host, ADMIN_PAGE, 'tokens/create', { description: 'ci', scope: 'read-only', expiresAt: null, ownerAccountId: 'alice' });

    expect(result).toEqual({ ok: false, error: { code: 'UNAVAILABLE', message: OUTBOUND_USER_MESSAGES.http } });
    expect(await tokenCount()).toBe(count);
  });
});

describe('a failed group look-up during a personal create', () => {
  it('fails closed: when creators are limited to a group and Jira cannot say who is in it, no token is issued', async () => {
    await updateSettings((settings) => {
      settings.policies.creators = { mode: 'groups', groupIds: [API_USERS_GROUP] };
    });
    const count = await tokenCount();
    const before = (await host.outbound()).length;
    host.setJiraFault({ status: 500, times: 1 });

    const result = await attempt(host, PERSONAL_PAGE, 'tokens/create', { description: 'mine', scope: 'read-only', expiresAt: null }, 'alice');

    expect(result).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE' } });
    expect(await callsSince(before)).toEqual([expect.objectContaining({ path: OUTBOUND_CATALOG['users.groups'].route.split('?')[0], status: 500 })]);
    expect(await tokenCount()).toBe(count);

    // The same request goes through once Jira answers again: alice is in the group.
    await expect(attempt(host, PERSONAL_PAGE, 'tokens/create', { description: 'mine', scope: 'read-only', expiresAt: null }, 'alice')).resolves.toMatchObject({ ok: true });
    expect(await tokenCount()).toBe(count + 1);
    await updateSettings((settings) => {
      settings.policies.creators = { mode: 'everyone' };
    });
  });
});
