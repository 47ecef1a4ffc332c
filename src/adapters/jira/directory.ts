/**
 * Questions the app asks Jira about people: admin rights, groups, names.
 * Every call goes through the outbound catalog; answers are checked before they are trusted.
 */
import { z } from 'zod';
import type { UserSummary } from '../../shared/resolvers';
import type { OutboundCallId } from '../outbound/catalog';
import { callJira, type OutboundResponse } from '../outbound/client';
import { OutboundError } from '../outbound/errors';

/** Jira's user/bulk returns 10 per page unless asked; 100 ids keep the query string well under URL limits. */
const BULK_PAGE_SIZE = 100;
/** Jira's group/bulk answers 50 per page by default; the creator policy holds at most 50 groups, so one call. */
const GROUP_PAGE_SIZE = 50;
export const MAX_SEARCH_RESULTS = 50;

function expect200<S extends z.ZodType>(id: OutboundCallId, response: OutboundResponse, schema: S): z.infer<S> {
  if (response.status !== 200) {
    throw new OutboundError(id, 'http', response.status, `Jira answered ${response.status}`);
  }
  const parsed = schema.safeParse(response.body);
  if (!parsed.success) throw new OutboundError(id, 'http', response.status, 'Jira answered in an unexpected shape');
  return parsed.data;
}

const jiraGroup = z.object({ groupId: z.string().optional(), name: z.string() });

const jiraUser = z.object({
  accountId: z.string(),
  displayName: z.string().optional(),
  accountType: z.string().optional(),
  active: z.boolean().optional(),
});

/** Only people: app and customer accounts cannot own tokens. Name falls back to the id when hidden. */
function toSummaries(users: Array<z.infer<typeof jiraUser>>): UserSummary[] {
  return users
    .filter((user) => user.accountType === undefined || user.accountType === 'atlassian')
    .map((user) => ({ accountId: user.accountId, displayName: user.displayName ?? user.accountId }));
}

export async function isJiraAdmin(accountId: string): Promise<boolean> {
  const response = await callJira('permissions.checkAdmin', {
    body: { accountId, globalPermissions: ['ADMINISTER'] },
  });
  const body = expect200('permissions.checkAdmin', response, z.object({ globalPermissions: z.array(z.string()) }));
  return body.globalPermissions.includes('ADMINISTER');
}

export async function getUserGroupIds(accountId: string): Promise<string[]> {
  const response = await callJira('users.groups', { params: { accountId } });
  const groups = expect200('users.groups', response, z.array(jiraGroup));
  // groupId is the stable identifier; a group without one (very old sites) cannot be named in a policy.
  return groups.flatMap((group) => (group.groupId ? [group.groupId] : []));
}

/** Catalog entries that read user/bulk: one per purpose, so each call carries the sentence for why it is made. */
export type BulkUserCall = 'users.bulk' | 'audit.authorNames' | 'alerts.acknowledgerNames';
/** Catalog entries that read user/search, one per purpose. */
export type UserSearchCall = 'users.search' | 'audit.authorSearch';

export async function getUsers(accountIds: string[], callId: BulkUserCall = 'users.bulk'): Promise<UserSummary[]> {
  const unique = [...new Set(accountIds)];
  const pages: string[][] = [];
  for (let start = 0; start < unique.length; start += BULK_PAGE_SIZE) pages.push(unique.slice(start, start + BULK_PAGE_SIZE));
  const results = await Promise.all(
    pages.map(async (ids) => {
      const query = new URLSearchParams([...ids.map((id) => ['accountId', id]), ['maxResults', String(ids.length)]]);
      const response = await callJira(callId, { params: { query } });
      return expect200(callId, response, z.object({ values: z.array(jiraUser) })).values;
    }),
  );
  return toSummaries(results.flat());
}

export async function searchUsers(query: string, maxResults = 20, callId: UserSearchCall = 'users.search'): Promise<UserSummary[]> {
  const limit = Math.min(Math.max(1, Math.trunc(maxResults)), MAX_SEARCH_RESULTS);
  const response = await callJira(callId, { params: { query, maxResults: limit } });
  return toSummaries(expect200(callId, response, z.array(jiraUser)));
}

export async function searchGroups(query: string, maxResults = 20): Promise<Array<{ groupId: string; name: string }>> {
  const limit = Math.min(Math.max(1, Math.trunc(maxResults)), MAX_SEARCH_RESULTS);
  const response = await callJira('groups.picker', { params: { query, maxResults: limit } });
  const body = expect200('groups.picker', response, z.object({ groups: z.array(jiraGroup) }));
  return body.groups.flatMap(({ groupId, name }) => (groupId ? [{ groupId, name }] : []));
}

/** Names of groups known by id. Ids Jira does not know (e.g. a deleted group) are simply absent from the answer. */
export async function getGroupsByIds(groupIds: string[]): Promise<Array<{ groupId: string; name: string }>> {
  const unique = [...new Set(groupIds)];
  // No ids, no call: group/bulk without a groupId filter would list every group of the site.
  const chunks: string[][] = [];
  for (let start = 0; start < unique.length; start += GROUP_PAGE_SIZE) chunks.push(unique.slice(start, start + GROUP_PAGE_SIZE));
  const results = await Promise.all(chunks.map(groupsOfChunk));
  const wanted = new Set(unique);
  return results.flat().flatMap(({ groupId, name }) => (groupId && wanted.has(groupId) ? [{ groupId, name }] : []));
}

async function groupsOfChunk(ids: string[]): Promise<Array<z.infer<typeof jiraGroup>>> {
  const found: Array<z.infer<typeof jiraGroup>> = [];
  // Jira may answer fewer than asked for in a page: follow the pages until it says the last one came.
  for (let startAt = 0; ; ) {
    const query = new URLSearchParams([
      ...ids.map((id) => ['groupId', id]),
      ...(startAt > 0 ? [['startAt', String(startAt)]] : []),
      ['maxResults', String(ids.length)],
    ]);
    const response = await callJira('groups.bulk', { params: { query } });
    const page = expect200('groups.bulk', response, z.object({ isLast: z.boolean().optional(), values: z.array(jiraGroup) }));
    found.push(...page.values);
    if (page.isLast !== false || page.values.length === 0 || found.length >= ids.length) return found;
    startAt += page.values.length;
  }
}
