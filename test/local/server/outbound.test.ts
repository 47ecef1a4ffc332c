// Product calls reach the Jira stand-in and are recorded with every header as sent.
import { FIXTURE_APP, useHost } from '../../support/host';

describe('product calls and GET /api/outbound', () => {
  const host = useHost({ app: FIXTURE_APP });

  it('answers the admin permission check from the local accounts', async () => {
    const admin = await host.invoke<{ status: number; body: { globalPermissions: string[] } }>('fixture-page', 'check-admin', { accountId: 'local-admin' });
    const alice = await host.invoke<{ status: number; body: { globalPermissions: string[] } }>('fixture-page', 'check-admin', { accountId: 'alice' });
    expect(admin).toEqual({ status: 200, body: { globalPermissions: ['ADMINISTER'], projectPermissions: [] } });
    expect(alice).toEqual({ status: 200, body: { globalPermissions: [], projectPermissions: [] } });
  });

  it('records descriptor, method, path, all headers as sent, and the status', async () => {
    await host.invoke('fixture-page', 'check-admin', { accountId: 'bob' }, { accountId: 'alice' });
    const calls = await host.outbound();
    const last = calls[calls.length - 1];
    expect(last).toMatchObject({
      descriptor: { type: 'fpp', provider: 'app', remote: 'jira' },
      method: 'POST',
      path: '/rest/api/3/permissions/check',
      status: 200,
      actingAccountId: 'local-app',
    });
    expect(last?.headers).toEqual({
      accept: 'application/json',
      'content-type': 'application/json',
      'x-audit-log-description': 'Fixture: checks admin rights.',
    });
    expect(JSON.parse(last?.body ?? '{}')).toEqual({ accountId: 'bob', globalPermissions: ['ADMINISTER'] });
  });

  it('records asUser() calls with the user provider and the invoking account', async () => {
    await host.invoke('fixture-page', 'myself', undefined, { accountId: 'alice' });
    const calls = await host.outbound();
    expect(calls[calls.length - 1]).toMatchObject({
      descriptor: { type: 'fpp', provider: 'user', remote: 'jira' },
      method: 'GET',
      path: '/rest/api/3/myself',
      actingAccountId: 'alice',
      status: 200,
    });
  });
});
