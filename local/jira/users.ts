/** How the Jira REST API (v3) renders the local people and groups. */
import { LOCAL_SITE, type LocalAccount, type LocalGroup } from './fixture';

export interface JiraUser {
  self: string;
  accountId: string;
  accountType: 'atlassian' | 'app';
  emailAddress?: string;
  avatarUrls: Record<string, string>;
  displayName: string;
  active: boolean;
  timeZone: string;
  locale: string;
}

/** `active` is false for an account deactivated through `POST /api/accounts/status`. */
export function jiraUser(account: LocalAccount, active = true): JiraUser {
  const avatar = `${LOCAL_SITE.siteUrl}/avatars/${encodeURIComponent(account.accountId)}.png`;
  return {
    self: `${LOCAL_SITE.siteUrl}/rest/api/3/user?accountId=${encodeURIComponent(account.accountId)}`,
    accountId: account.accountId,
    accountType: account.accountId === 'local-app' ? 'app' : 'atlassian',
    ...(account.emailAddress ? { emailAddress: account.emailAddress } : {}),
    avatarUrls: { '48x48': avatar, '24x24': avatar, '16x16': avatar, '32x32': avatar },
    displayName: account.displayName,
    active,
    timeZone: 'UTC',
    locale: 'en_US',
  };
}

export function jiraGroup(group: LocalGroup): { name: string; groupId: string; self: string } {
  return {
    name: group.name,
    groupId: group.groupId,
    self: `${LOCAL_SITE.siteUrl}/rest/api/3/group?groupId=${group.groupId}`,
  };
}

/** Global permissions each kind of local person holds (a small, realistic subset). */
export function globalPermissionsOf(account: LocalAccount): string[] {
  const everyone = ['USER_PICKER', 'CREATE_SHARED_OBJECTS', 'MANAGE_GROUP_FILTER_SUBSCRIPTIONS', 'BULK_CHANGE'];
  return account.isJiraAdmin ? ['ADMINISTER', 'SYSTEM_ADMIN', ...everyone] : everyone;
}

/** Jira matches user search queries against the start of any word of the name or e-mail. */
export function matchesUserQuery(account: LocalAccount, query: string): boolean {
  const wanted = query.trim().toLowerCase();
  if (wanted === '') return true;
  const words = `${account.displayName} ${account.emailAddress} ${account.accountId}`.toLowerCase().split(/[\s@.]+/);
  return words.some((word) => word.startsWith(wanted)) || account.displayName.toLowerCase().startsWith(wanted);
}
