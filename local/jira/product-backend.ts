/**
 * The `product` backend of the Forge globals: `requestJira` calls from `asApp()` / `asUser()`
 * reach the Jira stand-in, and every call is recorded with its headers and the status returned.
 */
import type { JiraSwitches } from './switches';
import { LOCAL_APP_ACCOUNT, findAccount, type LocalAccount } from './fixture';
import type { OutboundDescriptor, OutboundLog } from './outbound-log';
import { handleJiraRequest, type JiraResponse } from './rest';

export type ProductFetch = (descriptor: OutboundDescriptor, path: string, init: RequestInit) => Promise<Response>;

export interface ProductBackendOptions {
  log: OutboundLog;
  /** The account of the invocation in progress, if it has a user (web triggers do not). */
  invocationAccountId: () => string | undefined;
  /** Test-only latency and canned failures (`POST /api/switches {"jira": ..., "jiraLatencyMs": ...}`). */
  switches?: JiraSwitches;
}

export function headerRecord(headers: HeadersInit | undefined): Record<string, string> {
  const record: Record<string, string> = {};
  if (!headers) return record;
  const entries: Iterable<[string, string]> =
    headers instanceof Headers ? headers.entries() : Array.isArray(headers) ? headers : Object.entries(headers);
  for (const [name, value] of entries) record[name.toLowerCase()] = String(value);
  return record;
}

async function bodyText(body: RequestInit['body']): Promise<string | undefined> {
  if (body === undefined || body === null) return undefined;
  if (typeof body === 'string') return body;
  return new Response(body).text();
}

function actorFor(descriptor: OutboundDescriptor, invocationAccountId: string | undefined): LocalAccount | null {
  if (descriptor.provider !== 'user') return LOCAL_APP_ACCOUNT;
  const accountId = descriptor.accountId ?? invocationAccountId;
  return accountId === undefined ? null : (findAccount(accountId) ?? null);
}

function jsonResponse(result: JiraResponse, extraHeaders: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(result.body), {
    status: result.status,
    headers: { 'content-type': 'application/json', ...extraHeaders },
  });
}

export function createProductBackend(options: ProductBackendOptions): ProductFetch {
  return async (descriptor, path, init) => {
    const method = (init.method ?? 'GET').toUpperCase();
    const headers = headerRecord(init.headers);
    const body = await bodyText(init.body);
    const actor = actorFor(descriptor, options.invocationAccountId());
    let response: Response;
    const latencyMs = options.switches?.latencyMs() ?? 0;
    if (latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, latencyMs));
    const injected = options.switches?.take() ?? null;
    if (injected) {
      response = injected;
    } else if (descriptor.remote !== 'jira') {
      response = jsonResponse({ status: 404, body: { errorMessages: [`The local host has no product '${descriptor.remote ?? '?'}'.`] } });
    } else if (!actor) {
      // asUser() without a user in the invocation (a web trigger, a scheduled trigger): the
      // platform's proxy refuses it, which @forge/api turns into NeedsAuthenticationError.
      response = jsonResponse({ status: 401, body: {} }, { 'forge-proxy-error': 'NEEDS_AUTHENTICATION_ERR' });
    } else {
      const switches = options.switches;
      const isAccountActive = switches ? (accountId: string) => switches.isAccountActive(accountId) : undefined;
      response = jsonResponse(handleJiraRequest({ method, path, body, actor, ...(isAccountActive ? { isAccountActive } : {}) }));
    }
    options.log.record({
      descriptor: { ...descriptor },
      method,
      path,
      headers,
      ...(body === undefined ? {} : { body }),
      actingAccountId: actor?.accountId ?? null,
      status: response.status,
    });
    return response;
  };
}
