/**
 * The only module that calls a product API (product.md §7). A caller names a catalog entry;
 * the entry's sentence is attached as `x-audit-log-description`.
 */
import api, { route, type Route } from '@forge/api';
import { OUTBOUND_CATALOG, type OutboundCallId } from './catalog';

export type RouteParams = Record<string, string | number | URLSearchParams>;

export interface OutboundRequest {
  params?: RouteParams;
  body?: unknown;
}

export interface OutboundResponse {
  status: number;
  body: unknown;
}

function buildRoute(template: string, params: RouteParams): Route {
  const names: string[] = [];
  const strings = template.split(/\{(\w+)\}/).filter((part, index) => {
    if (index % 2 === 1) names.push(part);
    return index % 2 === 0;
  });
  const values = names.map((name) => {
    const value = params[name];
    if (value === undefined) throw new Error(`Missing route parameter ${name}`);
    return value;
  });
  const templateStrings = Object.assign([...strings], { raw: [...strings] }) as unknown as TemplateStringsArray;
  return route(templateStrings, ...values);
}

export async function callJira(id: OutboundCallId, request: OutboundRequest = {}): Promise<OutboundResponse> {
  const entry = OUTBOUND_CATALOG[id];
  const requester = entry.actor === 'app' ? api.asApp() : api.asUser();
  const headers: Record<string, string> = {
    accept: 'application/json',
    'x-audit-log-description': entry.description,
  };
  if (request.body !== undefined) headers['content-type'] = 'application/json';
  const response = await requester.requestJira(buildRoute(entry.route, request.params ?? {}), {
    method: entry.method,
    headers,
    body: request.body === undefined ? undefined : JSON.stringify(request.body),
  });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    // Non-JSON bodies are returned as text.
  }
  return { status: response.status, body };
}
