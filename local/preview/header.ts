/**
 * Browser side of the page header: the acting-user switcher. The choice is kept in a cookie
 * (so the server knows it) and in localStorage, and the page reloads as the new user.
 */
export const ACCOUNT_COOKIE = 'local-account-id';
const DEFAULT_ACCOUNT_ID = 'local-admin';

export function actingAccountId(): string {
  const match = document.cookie.split(';').map((part) => part.trim()).find((part) => part.startsWith(`${ACCOUNT_COOKIE}=`));
  if (match) return decodeURIComponent(match.slice(ACCOUNT_COOKIE.length + 1));
  return window.localStorage.getItem(ACCOUNT_COOKIE) ?? DEFAULT_ACCOUNT_ID;
}

export function setActingAccountId(accountId: string): void {
  document.cookie = `${ACCOUNT_COOKIE}=${encodeURIComponent(accountId)}; path=/; SameSite=Lax`;
  window.localStorage.setItem(ACCOUNT_COOKIE, accountId);
}

export function wireAccountSwitcher(): void {
  const select = document.getElementById('local-account-switcher');
  if (!(select instanceof HTMLSelectElement)) return;
  select.value = actingAccountId();
  select.addEventListener('change', () => {
    setActingAccountId(select.value);
    window.location.reload();
  });
}
