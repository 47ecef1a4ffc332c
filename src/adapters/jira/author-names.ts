/**
 * Display names of the audit log's authors and of the people who acknowledged alerts, for pages only
 * (catalog entries `audit.authorNames`, `alerts.acknowledgerNames` and `audit.authorSearch`). Best
 * effort: without Jira the page shows account ids, as stored.
 */
import type { UserSummary } from '../../shared/resolvers';
import { getUsers, searchUsers, type BulkUserCall } from './directory';

/**
 * The display name of each id Jira knows, by account id; one user/bulk call per 100 ids, under the
 * catalog entry of the page asking. Never throws.
 */
export async function lookUpAuthorNames(accountIds: readonly string[], callId: BulkUserCall = 'audit.authorNames'): Promise<Record<string, string>> {
  if (accountIds.length === 0) return {};
  try {
    const users = await getUsers([...accountIds], callId);
    return Object.fromEntries(users.filter((user) => user.displayName !== user.accountId).map((user) => [user.accountId, user.displayName]));
  } catch (error) {
    // Names decorate the page; the events themselves are the answer and must still arrive.
    console.warn(`Audit author names unavailable: ${error instanceof Error ? error.message : 'unknown error'}`);
    return {};
  }
}

/** People whose name (or e-mail) starts with the query, for the audit log's author filter. */
export function searchAuthors(query: string): Promise<UserSummary[]> {
  return searchUsers(query, 20, 'audit.authorSearch');
}
