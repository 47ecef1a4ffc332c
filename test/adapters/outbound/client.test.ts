/**
 * The outbound client through the local host: the real @forge/api, the Jira stand-in that records every call
 * with its headers, and real storage for the settings and the audit events.
 */
import { kvs } from '@forge/kvs';
import { invocationContext, runInvocation } from '../../../local/server/invocation';
import { OUTBOUND_CATALOG } from '../../../src/adapters/outbound/catalog';
import { callJira } from '../../../src/adapters/outbound/client';
import { OutboundError } from '../../../src/adapters/outbound/errors';
import { LOCAL_GROUPS } from '../../../local/jira/fixture';
import { getGroupsByIds, getUserGroupIds, getUsers, isJiraAdmin, searchGroups, searchUsers } from '../../../src/adapters/jira/directory';
import { KEY } from '../../../src/adapters/kvs/names';
import { ATTRIBUTES, type AuditEvent } from '../../../src/domain/audit/model';
import { DEFAULT_SETTINGS, type Settings } from '../../../src/domain/settings/model';
import { recentCalls } from '../../../src/resolvers/outbound';
import { startHost, type TestHost } from '../../support/host';
import { waitUntil } from '../../support/wait';

const APP_ID = 'ari:cloud:ecosystem::app/00000000-0000-0000-0000-000000000000';

function asAdminInvocation<T>(fn: () => Promise<T>): Promise<T> {
  return runInvocation(invocationContext(APP_ID, { accountId: 'local-admin', moduleKey: 'api-token-admin', functionKey: 'admin-resolver' }), fn);
}

async function setAppApiCalls(on: boolean): Promise<void> {
  const settings: Settings = { ...DEFAULT_SETTINGS, audit: { ...DEFAULT_SETTINGS.audit, appApiCalls: on } };
  await kvs.set(KEY.settings, settings);
}

function fixtureGroup(name: string): { groupId: string; name: string } {
  const group = LOCAL_GROUPS.find((candidate) => candidate.name === name);
  if (!group) throw new Error(`fixture group ${name} not found`);
  return group;
}

const attribute = (event: AuditEvent, name: string): string | undefined => event.extraAttributes.find((extra) => extra.name === name)?.value;

let host: TestHost;

beforeAll(async () => {
  host = await startHost();
});

afterAll(async () => {
  await host.stop();
});

describe('callJira through the local host', () => {
  it('sends the catalog sentence as x-audit-log-description, as the app, on the filled route', async () => {
    const response = await asAdminInvocation(() => callJira('users.groups', { params: { accountId: 'alice' } }));
    expect(response.status).toBe(200);
    const last = (await host.outbound()).at(-1);
    expect(last).toMatchObject({
      method: 'GET',
      path: '/rest/api/3/user/groups?accountId=alice',
      descriptor: expect.objectContaining({ provider: 'app', remote: 'jira' }),
    });
    expect(last?.headers['x-audit-log-description']).toBe(OUTBOUND_CATALOG['users.groups'].description);
  });

  it('answers the directory questions from Jira', async () => {
    await asAdminInvocation(async () => {
      expect(await isJiraAdmin('local-admin')).toBe(true);
      expect(await isJiraAdmin('alice')).toBe(false);
      expect(await getUserGroupIds('alice')).toEqual(expect.arrayContaining([expect.any(String)]));
      const users = await getUsers(['alice', 'bob', 'alice']);
      expect(users.map((user) => user.accountId).sort()).toEqual(['alice', 'bob']);
      expect((await searchUsers('ali')).map((user) => user.accountId)).toContain('alice');
      expect((await searchGroups('jira')).length).toBeGreaterThan(0);
    });
  });

  it('names groups by id with one group/bulk call, leaving out ids Jira does not know', async () => {
    const [admins, apiUsers] = [fixtureGroup('jira-administrators'), fixtureGroup('api-users')];
    const before = (await host.outbound()).length;
    const groups = await asAdminInvocation(() => getGroupsByIds([apiUsers.groupId, 'no-such-group', apiUsers.groupId, admins.groupId]));
    const calls = (await host.outbound()).slice(before);
    expect([...groups].sort((a, b) => a.name.localeCompare(b.name))).toEqual([
      { groupId: apiUsers.groupId, name: 'api-users' },
      { groupId: admins.groupId, name: 'jira-administrators' },
    ]);
    expect(calls).toHaveLength(1);
    expect(calls[0]?.path).toMatch(/^\/rest\/api\/3\/group\/bulk\?groupId=/);
    expect(new URLSearchParams(calls[0]?.path.split('?')[1]).getAll('groupId')).toHaveLength(3);
    expect(calls[0]?.headers['x-audit-log-description']).toBe(OUTBOUND_CATALOG['groups.bulk'].description);
  });

  it('asks for at most 50 group ids per call and makes no call without ids', async () => {
    const apiUsers = fixtureGroup('api-users');
    const unknown = Array.from({ length: 59 }, (_, index) => `unknown-${index}`);
    const before = (await host.outbound()).length;
    expect(await asAdminInvocation(() => getGroupsByIds([]))).toEqual([]);
    expect((await host.outbound()).length).toBe(before);
    const groups = await asAdminInvocation(() => getGroupsByIds([...unknown, apiUsers.groupId]));
    const calls = (await host.outbound()).slice(before);
    expect(groups).toEqual([{ groupId: apiUsers.groupId, name: 'api-users' }]);
    expect(calls.map((call) => new URLSearchParams(call.path.split('?')[1]).getAll('groupId').length)).toEqual([50, 10]);
  });

  it('turns a Jira error status into a typed OutboundError with a message for people', async () => {
    const failure = await asAdminInvocation(() => getUserGroupIds('no-such-account')).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(OutboundError);
    expect(failure).toMatchObject({ callId: 'users.groups', kind: 'http', status: 404 });
    expect((failure as OutboundError).userMessage).toMatch(/try again/);
  });

  it('records nothing while "App API calls" is off, reading the settings once for the invocation', async () => {
    await setAppApiCalls(false);
    await host.resetStats();
    await asAdminInvocation(async () => {
      await isJiraAdmin('local-admin');
      await getUsers(['alice']);
      await searchGroups('jira');
    });
    const { storage } = await host.stats();
    expect(storage).toEqual({ get: 1 });
  });

  it('records one "App API call" event per call while the toggle is on, with the route template and no query values', async () => {
    await setAppApiCalls(true);
    await host.resetStats();
    await asAdminInvocation(async () => {
      await callJira('users.search', { params: { query: 'Alice Secretname', maxResults: 5 } });
      await callJira('permissions.checkAdmin', { body: { accountId: 'alice', globalPermissions: ['ADMINISTER'] } });
    });
    expect((await host.stats()).storage.get).toBe(1);

    const events = await asAdminInvocation(() => recentCalls(10));
    const search = events.find((event) => attribute(event, ATTRIBUTES.callId) === 'users.search');
    expect(search).toBeDefined();
    expect(search?.type).toMatchObject({ category: 'App API calls', action: 'App API call' });
    expect(search?.author).toMatchObject({ type: 'app' });
    expect(search?.method).toBe('App');
    expect(attribute(search!, ATTRIBUTES.requestMethod)).toBe('GET');
    expect(attribute(search!, ATTRIBUTES.route)).toBe(OUTBOUND_CATALOG['users.search'].route);
    expect(attribute(search!, ATTRIBUTES.requestPath)).toBe('/rest/api/3/user/search?query&maxResults');
    expect(attribute(search!, ATTRIBUTES.statusCode)).toBe('200');
    expect(Number(attribute(search!, ATTRIBUTES.durationMs))).toBeGreaterThanOrEqual(0);
    expect(attribute(search!, ATTRIBUTES.actor)).toBe('app');
    expect(attribute(search!, ATTRIBUTES.origin)).toBe('backend');
    expect(JSON.stringify(search)).not.toContain('Secretname');
    expect(events.some((event) => attribute(event, ATTRIBUTES.callId) === 'permissions.checkAdmin')).toBe(true);
    await setAppApiCalls(false);
  });

  it('reads the settings while Jira answers, so deciding whether to record a call adds no round trip after it', async () => {
    await setAppApiCalls(false);
    await host.resetStats();
    const before = (await host.outbound()).length;
    host.setJiraLatency(1_000);
    try {
      const pending = asAdminInvocation(() => isJiraAdmin('local-admin'));
      // The storage counts a call as it arrives; the outbound log records a call once Jira has answered.
      await waitUntil('the settings read reaches storage', async () => ((await host.stats()).storage.get ?? 0) > 0);
      expect((await host.outbound()).length).toBe(before);
      await expect(pending).resolves.toBe(true);
      expect((await host.outbound()).length).toBe(before + 1);
    } finally {
      host.setJiraLatency(0);
    }
  });

  it('reads the toggle again in the next invocation', async () => {
    await setAppApiCalls(false);
    await host.resetStats();
    await asAdminInvocation(() => isJiraAdmin('local-admin'));
    await asAdminInvocation(() => isJiraAdmin('local-admin'));
    expect((await host.stats()).storage).toEqual({ get: 2 });
  });
});
