/**
 * Questions the app asks Jira about people: admin rights, groups, names.
 * Every call goes through the outbound catalog.
 */
import type { UserSummary } from '../../shared/resolvers';
import { callJira } from '../outbound/client';

export class JiraUnavailableError extends Error {
  constructor(readonly status: number, what: string) {
    super(`Jira answered ${status} to ${what}`);
  }
}

export async function isJiraAdmin(accountId: string): Promise<boolean> {
  const response = await callJira('permissions.checkAdmin', {
    body: { accountId, globalPermissions: ['ADMINISTER'] },
  });
  if (response.status !== 200) throw new JiraUnavailableError(response.status, 'the admin permission check');
  const body = response.body as { globalPermissions?: string[] };
  return Array.isArray(body.globalPermissions) && body.globalPermissions.includes('ADMINISTER');
}

export async function getUserGroupIds(accountId: string): Promise<string[]> {
  const response = await callJira('users.groups', { params: { accountId } });
  if (response.status !== 200) throw new JiraUnavailableError(response.status, 'the group look-up');
  return (response.body as Array<{ groupId: string }>).map((group) => group.groupId);
}

export async function getUsers(accountIds: string[]): Promise<UserSummary[]> {
  if (accountIds.length === 0) return [];
  const query = new URLSearchParams(accountIds.map((id) => ['accountId', id]));
  const response = await callJira('users.bulk', { params: { query } });
  if (response.status !== 200) throw new JiraUnavailableError(response.status, 'the user look-up');
  const body = response.body as { values: Array<{ accountId: string; displayName: string }> };
  return body.values.map(({ accountId, displayName }) => ({ accountId, displayName }));
}

export async function searchUsers(query: string, maxResults = 20): Promise<UserSummary[]> {
  const response = await callJira('users.search', { params: { query, maxResults } });
  if (response.status !== 200) throw new JiraUnavailableError(response.status, 'the user search');
  return (response.body as Array<{ accountId: string; displayName: string }>).map(({ accountId, displayName }) => ({
    accountId,
    displayName,
  }));
}

export async function searchGroups(query: string, maxResults = 20): Promise<Array<{ groupId: string; name: string }>> {
  const response = await callJira('groups.picker', { params: { query, maxResults } });
  if (response.status !== 200) throw new JiraUnavailableError(response.status, 'the group search');
  const body = response.body as { groups: Array<{ groupId: string; name: string }> };
  return body.groups.map(({ groupId, name }) => ({ groupId, name }));
}
