// Resolver invocation through the real @forge/resolver: the call shape, context and account id.
import { FIXTURE_APP, useHost } from '../../support/host';

describe('POST /api/invoke', () => {
  const host = useHost({ app: FIXTURE_APP });

  it('runs the resolver as local-admin by default, with the platform context', async () => {
    const result = await host.invoke<{ accountId: string; context: Record<string, unknown> }>('fixture-page', 'whoami');
    expect(result.accountId).toBe('local-admin');
    expect(result.context).toMatchObject({
      accountId: 'local-admin',
      moduleKey: 'fixture-page',
      extension: { type: 'jira:adminPage' },
      siteUrl: 'https://local-site.atlassian.net',
      localization: { locale: 'en-US', timezone: 'UTC' },
    });
    expect(typeof result.context.cloudId).toBe('string');
    expect(result.context.installContext).toBe(`ari:cloud:jira::site/${String(result.context.cloudId)}`);
  });

  it('acts as the account named by x-local-account-id', async () => {
    const result = await host.invoke<{ accountId: string }>('fixture-page', 'whoami', undefined, { accountId: 'alice' });
    expect(result.accountId).toBe('alice');
  });

  it('passes the payload through unchanged', async () => {
    const payload = { text: 'ünïcode', list: [1, 2, 3], nested: { ok: true } };
    await expect(host.invoke('fixture-page', 'echo-payload', payload)).resolves.toEqual({ payload });
  });

  it('refuses an unknown account, module or function key with a clear error', async () => {
    await expect(host.invoke('fixture-page', 'whoami', undefined, { accountId: 'mallory' })).rejects.toThrow(/UNKNOWN_ACCOUNT/);
    await expect(host.invoke('no-such-page', 'whoami')).rejects.toThrow(/MODULE_NOT_FOUND/);
    await expect(host.invoke('fixture-page', 'no-such-function')).rejects.toThrow(/Resolver has no definition for 'no-such-function'/);
  });

  it('reports a resolver that throws as a failed invocation (HTTP 500)', async () => {
    const logged = jest.spyOn(console, 'error').mockImplementation(() => undefined); // the host logs it, as Forge logs a function error
    await expect(host.invoke('fixture-page', 'fail')).rejects.toThrow(/FUNCTION_ERR: Fixture resolver failed on purpose\. \(HTTP 500\)/);
    expect(logged).toHaveBeenCalledWith(expect.stringContaining('Fixture resolver failed on purpose'));
    logged.mockRestore();
  });

  it('answers asUser() product calls as the invoking user', async () => {
    const result = await host.invoke<{ status: number; body: { accountId: string; displayName: string } }>('fixture-page', 'myself', undefined, {
      accountId: 'bob',
    });
    expect(result.status).toBe(200);
    expect(result.body).toMatchObject({ accountId: 'bob', displayName: 'Bob Example' });
  });
});
