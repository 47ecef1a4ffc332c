/**
 * "App API calls" on: browsing the admin page does not fill the log. Every admin resolver checks
 * the caller is a Jira administrator, and page loads look up display names; a granted check and a
 * successful lookup are not recorded, a refused check is.
 */
import { useHost } from '../support/host';
import { searchAll } from './support/audit';
import { changeSettings } from './support/verification';

const host = useHost();

beforeAll(async () => {
  await changeSettings(host, (s) => ({ ...s, audit: { ...s.audit, appApiCalls: true } }));
});

const adminChecks = async (): Promise<Array<{ author: string; status: string | undefined }>> =>
  (await searchAll(host, { actions: ['App API call'] }))
    .filter((event) => event.extraAttributes.some((a) => a.name === 'Call ID' && a.value === 'permissions.checkAdmin'))
    .map((event) => ({ author: event.author.id, status: event.extraAttributes.find((a) => a.name === 'Status code')?.value }));

it('records no granted admin check however often an admin browses, and records a refused one', async () => {
  const before = (await searchAll(host, {})).length;
  for (let i = 0; i < 5; i += 1) {
    await host.invoke('api-token-admin', 'admin/bootstrap', {});
    await host.invoke('audit-log', 'audit/search', {});
  }
  expect(await adminChecks()).toEqual([]);
  // Nor any other event: the name lookups of each page load are not recorded when they succeed.
  expect((await searchAll(host, {})).length).toBe(before);

  await host.invoke('api-token-admin', 'admin/bootstrap', {}, { accountId: 'bob' });
  expect(await adminChecks()).toEqual([{ author: 'api-token-audit', status: '200' }]);
});
