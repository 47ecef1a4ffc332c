/**
 * The local Jira site: one cloud id, a fake site URL and three people. Ids are fixed so that
 * data stored in a persistent `.local/` store still points at the same people after a restart.
 */
export interface LocalSite {
  cloudId: string;
  siteUrl: string;
}

export interface LocalAccount {
  accountId: string;
  displayName: string;
  emailAddress: string;
  isJiraAdmin: boolean;
  groupNames: string[];
}

export interface LocalGroup {
  name: string;
  groupId: string;
}

export const LOCAL_SITE: LocalSite = {
  cloudId: '5c1e9d2a-7b4f-4e0c-9a61-000000000001',
  // A fake site host: nothing on this machine answers it, which is the point (no network).
  siteUrl: 'https://local-site.atlassian.net',
};

export const LOCAL_GROUPS: readonly LocalGroup[] = [
  { name: 'jira-administrators', groupId: '0b7e3a55-1d2c-4f8e-9e10-00000000a001' },
  { name: 'jira-software-users', groupId: '0b7e3a55-1d2c-4f8e-9e10-00000000a002' },
  { name: 'api-users', groupId: '0b7e3a55-1d2c-4f8e-9e10-00000000a003' },
];

export const LOCAL_ACCOUNTS: readonly LocalAccount[] = [
  {
    accountId: 'local-admin',
    displayName: 'Local Admin',
    emailAddress: 'admin@local-site.example',
    isJiraAdmin: true,
    groupNames: ['jira-administrators', 'jira-software-users'],
  },
  {
    accountId: 'alice',
    displayName: 'Alice Example',
    emailAddress: 'alice@local-site.example',
    isJiraAdmin: false,
    groupNames: ['jira-software-users', 'api-users'],
  },
  {
    accountId: 'bob',
    displayName: 'Bob Example',
    emailAddress: 'bob@local-site.example',
    isJiraAdmin: false,
    groupNames: ['jira-software-users'],
  },
];

/** The app's own Jira user, which `asApp()` calls act as (Forge apps get one per installation). */
export const LOCAL_APP_ACCOUNT: LocalAccount = {
  accountId: 'local-app',
  displayName: 'API Token Audit (app)',
  emailAddress: '',
  // Forge app users sit in atlassian-addons-admin, which holds the Administer Jira permission.
  isJiraAdmin: true,
  groupNames: [],
};

export const DEFAULT_ACCOUNT_ID = 'local-admin';

export function findAccount(accountId: string): LocalAccount | undefined {
  return LOCAL_ACCOUNTS.find((account) => account.accountId === accountId);
}

export function groupsOf(account: LocalAccount): LocalGroup[] {
  return LOCAL_GROUPS.filter((group) => account.groupNames.includes(group.name));
}
