/**
 * Server-side HTML shared by the host's pages: the document frame and the header with the
 * acting-user switcher (wired in the browser by `header.ts`).
 */
import { LOCAL_ACCOUNTS, type LocalAccount } from '../jira/fixture';

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

/** JSON safe inside a <script> element. */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

export function pageHeader(title: string, acting: LocalAccount, options: { homeLink: boolean }): string {
  const accounts = LOCAL_ACCOUNTS.map(
    (account) =>
      `<option value="${escapeHtml(account.accountId)}"${account.accountId === acting.accountId ? ' selected' : ''}>${escapeHtml(account.displayName)}${account.isJiraAdmin ? ' (Jira admin)' : ''}</option>`,
  ).join('');
  return `<header class="local-header">
  ${options.homeLink ? '<a class="local-home" href="/">&larr; All pages</a>' : '<span class="local-brand">Local Forge host</span>'}
  <h1 class="local-title">${escapeHtml(title)}</h1>
  <label class="local-account">Acting user
    <select id="local-account-switcher" data-testid="local-account-switcher">${accounts}</select>
  </label>
</header>`;
}

export function htmlDocument(title: string, body: string, scripts: string[] = []): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title === 'Local Forge host' ? title : `${title} · Local Forge host`)}</title>
<link rel="stylesheet" href="/assets/preview/preview.css">
</head>
<body>
${body}
${scripts.join('\n')}
</body>
</html>`;
}
