/**
 * `GET /pages/<module-key>`: UI Kit modules get the preview shell; Custom UI modules get the header
 * and an iframe of their build folder (`/pages/<key>/...`), served with the bridge shim injected into the HTML.
 */
import { readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { LOCAL_ACCOUNTS, LOCAL_SITE } from '../jira/fixture';
import { escapeHtml, htmlDocument, pageHeader, scriptJson } from '../preview/chrome';
import type { PreviewConfig } from '../preview/config';
import { uiKitShell } from '../preview/shell';
import { actingUser } from './acting-user';
import type { PageModule } from './app-modules';
import { handleAssets } from './assets';
import { sendHtml } from './http';
import { handleIndexPage } from './index-page';
import { LOCAL_INSTALLATION } from './installation';
import type { PageHandler } from './router';
import type { HostServices } from './services';
import { isFile, resolveInside, sendFile } from './static-files';

function previewConfig(page: PageModule): PreviewConfig {
  return {
    moduleKey: page.key,
    resourceKey: page.resourceKey,
    title: page.title,
    extension: { type: page.type },
    cloudId: LOCAL_SITE.cloudId,
    siteUrl: LOCAL_SITE.siteUrl,
    localId: `${page.key}-local`,
    locale: LOCAL_INSTALLATION.locale,
    timezone: LOCAL_INSTALLATION.timezone,
    accounts: LOCAL_ACCOUNTS.map(({ accountId, displayName }) => ({ accountId, displayName })),
  };
}

/** Puts the bridge shim before the build's first script, so `@forge/bridge` finds `window.__bridge`. */
export function injectBridge(html: string, config: PreviewConfig): string {
  const shim = `<script>window.__LOCAL_FORGE__ = ${scriptJson(config)};</script>\n<script src="/assets/preview/bridge.js"></script>\n`;
  const firstScript = html.search(/<script\b/i);
  if (firstScript >= 0) return `${html.slice(0, firstScript)}${shim}${html.slice(firstScript)}`;
  const bodyEnd = html.search(/<\/body>/i);
  return bodyEnd >= 0 ? `${html.slice(0, bodyEnd)}${shim}${html.slice(bodyEnd)}` : `${html}${shim}`;
}

function notBuiltPage(req: IncomingMessage, page: PageModule): string {
  const body = `${pageHeader(page.title, actingUser(req), { homeLink: true })}
<main class="local-main"><div class="forge-section-message forge-appearance-warning" role="alert">
  <h2>This Custom UI page is not built yet</h2>
  <p>No <code>${escapeHtml(path.join(page.resourcePath, 'index.html'))}</code>. Run <code>npm run build</code>, then reload.</p>
</div></main>`;
  return htmlDocument(page.title, body, ['<script src="/assets/preview/header.js"></script>']);
}

/**
 * What Jira shows around a Custom UI page: the host's header (with the acting-user switcher) and the
 * app's build in an iframe, as the platform sandboxes it. The frame fills the rest of the window, so
 * the app's `100vh` is the frame's height, as in Jira.
 */
function customUiShell(req: IncomingMessage, page: PageModule): string {
  const frameUrl = `/pages/${encodeURIComponent(page.key)}/`;
  const body = `<div class="local-frame-page">
${pageHeader(page.title, actingUser(req), { homeLink: true })}
<iframe class="local-frame" src="${escapeHtml(frameUrl)}" title="${escapeHtml(page.title)}" data-testid="custom-ui-frame"></iframe>
</div>`;
  return htmlDocument(page.title, body, ['<script src="/assets/preview/header.js"></script>']);
}

async function serveCustomUi(services: HostServices, req: IncomingMessage, res: ServerResponse, page: PageModule, rest: string | undefined): Promise<boolean> {
  const buildDir = path.resolve(services.manifestDir, page.resourcePath);
  const indexFile = path.join(buildDir, 'index.html');
  const built = await isFile(indexFile);
  if (rest === undefined) {
    sendHtml(res, built ? 200 : 404, built ? customUiShell(req, page) : notBuiltPage(req, page));
    return true;
  }
  if (rest === '' || rest === 'index.html') {
    if (!built) sendHtml(res, 404, notBuiltPage(req, page));
    else sendHtml(res, 200, injectBridge(await readFile(indexFile, 'utf8'), previewConfig(page)));
    return true;
  }
  const file = resolveInside(buildDir, rest);
  return file !== undefined && sendFile(res, file);
}

async function handlePage(services: HostServices, req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> {
  const match = /^\/pages\/([^/]+)(\/.*)?$/.exec(url.pathname);
  if (req.method !== 'GET' || !match) return false;
  const page = services.modules.pages.find((candidate) => candidate.key === decodeURIComponent(match[1] ?? ''));
  if (!page) return false;
  const rest = match[2];
  if (page.kind === 'ui-kit') {
    if (rest !== undefined && rest !== '/') return false;
    const bundleBuilt = await isFile(path.join(services.pagesDir, `${page.resourceKey}.js`));
    sendHtml(res, 200, uiKitShell(previewConfig(page), actingUser(req), bundleBuilt));
    return true;
  }
  // `/pages/<key>` is the shell; the build lives at the folder URL `/pages/<key>/`, since Custom UI
  // builds use relative asset paths.
  return serveCustomUi(services, req, res, page, rest === undefined ? undefined : decodeURIComponent(rest.slice(1)));
}

export const PAGE_HANDLERS: PageHandler[] = [handleIndexPage, handleAssets, handlePage];
