/**
 * `/assets/*`: the preview's stylesheet (from source) and the browser bundles local/build.mjs
 * writes: `/assets/preview/<file>` from `local/dist/preview`, `/assets/pages/<file>` from the
 * pages folder of the app being served; and `/favicon.ico`.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import type { HostServices } from './services';
import { sendFile } from './static-files';

const SAFE_NAME = /^[\w.-]+$/;

/** A small shield in the product's blue: browsers ask every origin for /favicon.ico, and a 404 there is noise in every page's log. */
const FAVICON_SVG =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16"><path fill="#0C66E4" d="M8 1 2 3.5V8c0 3.3 2.6 6.2 6 7 3.4-.8 6-3.7 6-7V3.5z"/><path fill="#fff" d="M7 10.6 4.6 8.2l1-1L7 8.6l3.4-3.4 1 1z"/></svg>';

export async function handleAssets(services: HostServices, req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> {
  if (req.method === 'GET' && url.pathname === '/favicon.ico') {
    res.writeHead(200, { 'content-type': 'image/svg+xml', 'cache-control': 'max-age=86400' });
    res.end(FAVICON_SVG);
    return true;
  }
  const match = /^\/assets\/(preview|pages)\/([^/]+)$/.exec(url.pathname);
  if (req.method !== 'GET' || !match) return false;
  const [, folder, name] = match;
  if (!name || !SAFE_NAME.test(name)) return false;
  if (folder === 'pages') return sendFile(res, path.join(services.pagesDir, name));
  if (name.endsWith('.css')) return sendFile(res, path.join(services.rootDir, 'local', 'preview', name));
  return sendFile(res, path.join(services.distDir, 'preview', name));
}
