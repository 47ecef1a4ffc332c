/** Dispatches every request of the local host to the part that answers it. */
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { handleApi } from './api-routes';
import { sendError } from './http';
import type { HostServices } from './services';
import { handleWebTrigger } from './webtrigger-http';

/** A page-serving part (index, UI Kit shells, Custom UI files, assets): true when it answered. */
export type PageHandler = (services: HostServices, req: IncomingMessage, res: ServerResponse, url: URL) => Promise<boolean> | boolean;

async function route(services: HostServices, pageHandlers: PageHandler[], req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://local-host');
  const trigger = /^\/x1\/([^/]+)(\/.*)?$/.exec(url.pathname);
  if (trigger) {
    return handleWebTrigger(req, res, url, decodeURIComponent(trigger[1] ?? ''), trigger[2] ?? '', services.invoker);
  }
  if (url.pathname.startsWith('/api/')) {
    if (await handleApi(services, req, res, url)) return;
  } else {
    for (const handler of pageHandlers) if (await handler(services, req, res, url)) return;
  }
  req.resume();
  sendError(res, 404, 'NOT_FOUND', `The local host has no route ${req.method ?? 'GET'} ${url.pathname}.`);
}

export function createRequestListener(services: HostServices, pageHandlers: PageHandler[]): RequestListener {
  return (req, res) => {
    route(services, pageHandlers, req, res).catch((error: unknown) => {
      console.error(`[local host] ${req.method ?? 'GET'} ${req.url ?? ''} failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
      if (!res.headersSent) sendError(res, 500, 'INTERNAL_ERROR', 'The local host failed to answer this request.');
      else res.end();
    });
  };
}
