/** Who the browser acts as: the `local-account-id` cookie the page header's switcher sets. */
import type { IncomingMessage } from 'node:http';
import { DEFAULT_ACCOUNT_ID, findAccount, type LocalAccount } from '../jira/fixture';

export const ACCOUNT_COOKIE = 'local-account-id';

export function actingUser(req: IncomingMessage): LocalAccount {
  const cookies = (req.headers.cookie ?? '').split(';').map((part) => part.trim().split('='));
  const value = cookies.find(([name]) => name === ACCOUNT_COOKIE)?.[1];
  let accountId = DEFAULT_ACCOUNT_ID;
  try {
    if (value) accountId = decodeURIComponent(value);
  } catch {
    // A mangled cookie falls back to the default account.
  }
  return findAccount(accountId) ?? (findAccount(DEFAULT_ACCOUNT_ID) as LocalAccount);
}
