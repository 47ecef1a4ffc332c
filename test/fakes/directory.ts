/** An in-memory Jira directory: the local site's accounts, admins and groups by default. */
import type { Directory } from '../../src/domain/tokens/ports';

export interface FakeDirectory extends Directory {
  /** Every call, in order, e.g. `isAdmin:alice`, `groupIds:alice`, `users:alice,bob`. */
  calls: string[];
  /** Makes every call throw, as when Jira is unreachable. */
  down: boolean;
}

export function fakeDirectory(options?: {
  users?: Record<string, string>;
  admins?: string[];
  groups?: Record<string, string[]>;
}): FakeDirectory {
  const users = options?.users ?? { 'local-admin': 'Local Admin', alice: 'Alice Example', bob: 'Bob Example' };
  const admins = new Set(options?.admins ?? ['local-admin']);
  const groups = options?.groups ?? {
    'local-admin': ['jira-administrators', 'jira-software-users'],
    alice: ['jira-software-users', 'api-users'],
    bob: ['jira-software-users'],
  };
  const directory: FakeDirectory = {
    calls: [],
    down: false,
    async isAdmin(accountId) {
      directory.calls.push(`isAdmin:${accountId}`);
      if (directory.down) throw new Error('Jira unavailable');
      return admins.has(accountId);
    },
    async groupIds(accountId) {
      directory.calls.push(`groupIds:${accountId}`);
      if (directory.down) throw new Error('Jira unavailable');
      return groups[accountId] ?? [];
    },
    async users(accountIds) {
      directory.calls.push(`users:${accountIds.join(',')}`);
      if (directory.down) throw new Error('Jira unavailable');
      return accountIds.filter((id) => id in users).map((accountId) => ({ accountId, displayName: users[accountId] }));
    },
    async displayNames(accountIds) {
      directory.calls.push(`displayNames:${accountIds.join(',')}`);
      if (directory.down) return new Map();
      return new Map(accountIds.filter((id) => id in users).map((id) => [id, users[id]]));
    },
  };
  return directory;
}
