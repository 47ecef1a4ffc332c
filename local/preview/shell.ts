/**
 * The HTML shell of a UI Kit page: header, the root the preview renderer draws into, the page's
 * configuration, then the renderer bundle (which defines `self.__bridge`) and the page's own bundle.
 */
import type { LocalAccount } from '../jira/fixture';
import { escapeHtml, htmlDocument, pageHeader, scriptJson } from './chrome';
import type { PreviewConfig } from './config';

export function uiKitShell(config: PreviewConfig, acting: LocalAccount, bundleBuilt: boolean): string {
  const body = `${pageHeader(config.title, acting, { homeLink: true })}
<main class="local-main">
  <div id="forge-root" class="forge-root" data-module-key="${escapeHtml(config.moduleKey)}">${
    bundleBuilt
      ? '<p class="local-meta" role="status">Loading the page…</p>'
      : `<div class="forge-section-message forge-appearance-warning" role="alert"><h2>This page is not built yet</h2><p>Run <code>npm run build</code> (or <code>npm start</code>), then reload.</p></div>`
  }</div>
</main>`;
  const scripts = [
    `<script>window.__LOCAL_FORGE__ = ${scriptJson(config)};</script>`,
    '<script src="/assets/preview/renderer.js"></script>',
    ...(bundleBuilt ? [`<script src="/assets/pages/${encodeURIComponent(config.resourceKey)}.js"></script>`] : []),
  ];
  return htmlDocument(config.title, body, scripts);
}
