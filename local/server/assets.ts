/**
 * `/assets/*`: the preview's stylesheet (from source) and the browser bundles local/build.mjs
 * writes: `/assets/preview/<file>` from `local/dist/preview`, `/assets/pages/<file>` from the
 * pages folder of the app being served.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import type { HostServices } from './services';
import { sendFile } from './static-files';

const SAFE_NAME = /^[\w.-]+$/;

export async function handleAssets(services: HostServices, req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> {
  const match = /^\/assets\/(preview|pages)\/([^/]+)$/.exec(url.pathname);
  if (req.method !== 'GET' || !match) return false;
  const [, folder, name] = match;
  if (!name || !SAFE_NAME.test(name)) return false;
  if (folder === 'pages') return sendFile(res, path.join(services.pagesDir, name));
  if (name.endsWith('.css')) return sendFile(res, path.join(services.rootDir, 'local', 'preview', name));
  return sendFile(res, path.join(services.distDir, 'preview', name));
}
