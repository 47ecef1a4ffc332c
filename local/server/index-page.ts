/** `GET /`: every page module, web trigger and scheduled trigger of the manifest, and the local site. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { LOCAL_ACCOUNTS, LOCAL_SITE } from '../jira/fixture';
import { escapeHtml, htmlDocument, pageHeader } from '../preview/chrome';
import { actingUser } from './acting-user';
import { sendHtml } from './http';
import type { HostServices } from './services';

function pagesSection(services: HostServices): string {
  const items = services.modules.pages.map(
    (page) => `<li><a href="/pages/${encodeURIComponent(page.key)}" data-testid="page-link-${escapeHtml(page.key)}">${escapeHtml(page.title)}</a>
      <span class="local-meta">${escapeHtml(page.type)} · ${page.kind === 'ui-kit' ? 'UI Kit' : 'Custom UI'} · <code>${escapeHtml(page.key)}</code></span></li>`,
  );
  return `<section class="local-card" aria-labelledby="pages-heading">
  <h2 id="pages-heading">Pages</h2>
  ${items.length > 0 ? `<ul class="local-list">${items.join('')}</ul>` : '<p>The manifest declares no page modules.</p>'}
</section>`;
}

function webTriggersSection(services: HostServices): string {
  const rows = services.modules.webTriggers.map((trigger) => {
    const url = `${services.baseUrl()}/x1/${encodeURIComponent(trigger.key)}`;
    return `<tr><th scope="row"><code>${escapeHtml(trigger.key)}</code></th><td><code class="local-url" data-testid="webtrigger-url-${escapeHtml(trigger.key)}">${escapeHtml(url)}</code></td></tr>`;
  });
  return `<section class="local-card" aria-labelledby="webtriggers-heading">
  <h2 id="webtriggers-heading">Web triggers</h2>
  ${rows.length > 0 ? `<table class="local-table"><thead><tr><th scope="col">Key</th><th scope="col">URL (any method)</th></tr></thead><tbody>${rows.join('')}</tbody></table>` : '<p>No web triggers.</p>'}
</section>`;
}

function scheduledSection(services: HostServices): string {
  if (services.modules.scheduled.length === 0) return '';
  const rows = services.modules.scheduled.map(
    (trigger) => `<tr><th scope="row"><code>${escapeHtml(trigger.key)}</code></th><td>every ${escapeHtml(trigger.interval)}</td>
      <td><form method="post" action="/api/scheduled/${encodeURIComponent(trigger.key)}"><button type="submit" class="local-button">Run now</button></form></td></tr>`,
  );
  return `<section class="local-card" aria-labelledby="scheduled-heading">
  <h2 id="scheduled-heading">Scheduled triggers</h2>
  <table class="local-table"><thead><tr><th scope="col">Key</th><th scope="col">Interval</th><th scope="col"><span class="local-sr">Action</span></th></tr></thead><tbody>${rows.join('')}</tbody></table>
</section>`;
}

function siteSection(services: HostServices, actingId: string): string {
  const people = LOCAL_ACCOUNTS.map(
    (account) => `<li${account.accountId === actingId ? ' aria-current="true"' : ''}><strong>${escapeHtml(account.displayName)}</strong> <code>${escapeHtml(account.accountId)}</code>
      <span class="local-meta">${account.isJiraAdmin ? 'Jira administrator' : 'not an administrator'} · ${account.groupNames.map(escapeHtml).join(', ')}</span></li>`,
  );
  return `<section class="local-card" aria-labelledby="site-heading">
  <h2 id="site-heading">Local site</h2>
  <dl class="local-facts">
    <dt>Site URL</dt><dd><code>${escapeHtml(LOCAL_SITE.siteUrl)}</code></dd>
    <dt>Cloud id</dt><dd><code>${escapeHtml(LOCAL_SITE.cloudId)}</code></dd>
    <dt>App id</dt><dd><code>${escapeHtml(services.modules.appId)}</code></dd>
  </dl>
  <h3>People</h3>
  <ul class="local-list">${people.join('')}</ul>
  <h3>Host API</h3>
  <ul class="local-list local-meta">
    <li><a href="/api/outbound">GET /api/outbound</a> — product calls the app made, with headers</li>
    <li><a href="/api/stats">GET /api/stats</a> — storage calls since the last reset (POST /api/stats/reset)</li>
    <li>POST /api/invoke — <code>{"moduleKey", "functionKey", "payload"}</code> as <code>x-local-account-id</code></li>
  </ul>
</section>`;
}

export function handleIndexPage(services: HostServices, req: IncomingMessage, res: ServerResponse, url: URL): boolean {
  if (req.method !== 'GET' || url.pathname !== '/') return false;
  const acting = actingUser(req);
  const body = `${pageHeader('App overview', acting, { homeLink: false })}
<main class="local-main">
  <p class="local-lead">Acting as <strong data-testid="acting-user">${escapeHtml(acting.displayName)}</strong>. Pages call the app's resolvers as this user.</p>
  ${pagesSection(services)}
  ${webTriggersSection(services)}
  ${scheduledSection(services)}
  ${siteSection(services, acting.accountId)}
</main>`;
  sendHtml(res, 200, htmlDocument('Local Forge host', body, ['<script src="/assets/preview/header.js"></script>']));
  return true;
}
