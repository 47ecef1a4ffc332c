/** The domain's Directory port on the Jira directory calls (which go through the outbound catalog). */
import type { Directory } from '../../domain/tokens/ports';
import { getUserGroupIds, getUsers, isJiraAdmin } from '../jira/directory';

export const jiraDirectory: Directory = {
  isAdmin: (accountId) => isJiraAdmin(accountId),
  groupIds: (accountId) => getUserGroupIds(accountId),
  users: (accountIds) => getUsers([...new Set(accountIds)]),
  async displayNames(accountIds) {
    const unique = [...new Set(accountIds)];
    if (unique.length === 0) return new Map();
    try {
      const users = await getUsers(unique);
      return new Map(users.map((user) => [user.accountId, user.displayName]));
    } catch (error) {
      // Names only decorate lists and events (ids are always there); a Jira hiccup must not block revoking.
      console.warn(`Display names unavailable: ${error instanceof Error ? error.message : 'unknown error'}`);
      return new Map();
    }
  },
};
