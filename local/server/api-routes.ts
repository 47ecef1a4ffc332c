/**
 * The host's JSON API: resolver invocation, scheduled triggers and queue consumers on demand,
 * the outbound call log, storage statistics, and the test-only latency/fault/clock switches.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { parseJiraFault } from '../jira/switches';
import { DEFAULT_ACCOUNT_ID, LOCAL_ACCOUNTS, findAccount } from '../jira/fixture';
import { BodyTooLargeError, readJson, sendError, sendJson } from './http';
import { InvocationError } from './invoker';
import type { HostServices } from './services';
import { putStore, storeListing } from './store-routes';
import { WEBTRIGGER_BODY_LIMIT_BYTES } from './webtrigger-http';

/** Resolver payloads share the platform's invocation payload cap with web triggers. */
const INVOKE_BODY_LIMIT_BYTES = WEBTRIGGER_BODY_LIMIT_BYTES;
const SWITCH_BODY_LIMIT_BYTES = 64 * 1024;

export const ACCOUNT_HEADER = 'x-local-account-id';

type Body = Record<string, unknown>;

async function jsonBody(req: IncomingMessage, limit: number): Promise<Body> {
  let value: unknown;
  try {
    value = await readJson(req, limit);
  } catch (error) {
    if (error instanceof SyntaxError) throw new InvocationError(400, 'BAD_REQUEST', 'The body is not valid JSON.');
    throw error;
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw new InvocationError(400, 'BAD_REQUEST', 'The body must be a JSON object.');
  return value as Body;
}

function actingAccount(req: IncomingMessage): string {
  const raw = req.headers[ACCOUNT_HEADER];
  const accountId = (Array.isArray(raw) ? raw[0] : raw)?.trim() || DEFAULT_ACCOUNT_ID;
  if (!findAccount(accountId)) {
    const known = LOCAL_ACCOUNTS.map((account) => account.accountId).join(', ');
    throw new InvocationError(400, 'UNKNOWN_ACCOUNT', `No local account '${accountId}'; use one of ${known}.`);
  }
  return accountId;
}

async function invoke(services: HostServices, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const accountId = actingAccount(req);
  const body = await jsonBody(req, INVOKE_BODY_LIMIT_BYTES);
  const { moduleKey, functionKey, payload } = body;
  if (typeof moduleKey !== 'string' || typeof functionKey !== 'string') {
    throw new InvocationError(400, 'BAD_REQUEST', 'Send {"moduleKey": string, "functionKey": string, "payload"?: any}.');
  }
  const result = await services.invoker.resolver({ moduleKey, functionKey, payload, accountId });
  sendJson(res, 200, result);
}

function numberField(body: Body, name: string, min: number, max: number): number | undefined {
  const value = body[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) {
    throw new InvocationError(400, 'BAD_REQUEST', `${name} must be a number from ${min} to ${max}.`);
  }
  return value;
}

async function switches(services: HostServices, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const body = await jsonBody(req, SWITCH_BODY_LIMIT_BYTES);
  const latencyMs = numberField(body, 'latencyMs', 0, 60_000);
  const failRate = numberField(body, 'failRate', 0, 1);
  const jiraLatencyMs = numberField(body, 'jiraLatencyMs', 0, 60_000);
  const jira = 'jira' in body ? parseJiraFault(body.jira) : undefined;
  if (typeof jira === 'string') throw new InvocationError(400, 'BAD_REQUEST', jira);
  // Everything is checked before anything is applied: a refused body changes nothing.
  if (latencyMs !== undefined) services.storage.setLatency(latencyMs);
  if (failRate !== undefined) services.storage.setFailRate(failRate);
  if (jiraLatencyMs !== undefined) services.jira.setLatency(jiraLatencyMs);
  if (jira !== undefined) services.jira.setFault(jira);
  sendJson(res, 200, {
    ...(latencyMs === undefined ? {} : { latencyMs }),
    ...(failRate === undefined ? {} : { failRate }),
    ...(jiraLatencyMs === undefined ? {} : { jiraLatencyMs }),
    ...(jira === undefined ? {} : { jira }),
  });
}

async function clock(services: HostServices, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const advanceMs = numberField(await jsonBody(req, SWITCH_BODY_LIMIT_BYTES), 'advanceMs', 0, Number.MAX_SAFE_INTEGER);
  if (advanceMs === undefined) throw new InvocationError(400, 'BAD_REQUEST', 'Send {"advanceMs": number}.');
  services.advanceClock(advanceMs);
  sendJson(res, 200, { now: Date.now() });
}

/** Test control: `{accountId, active}` deactivates (false) or reactivates (true) a local person in the Jira stand-in. */
async function accountStatus(services: HostServices, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const body = await jsonBody(req, SWITCH_BODY_LIMIT_BYTES);
  const { accountId, active } = body;
  if (typeof accountId !== 'string' || typeof active !== 'boolean') {
    throw new InvocationError(400, 'BAD_REQUEST', 'Send {"accountId": string, "active": boolean}.');
  }
  if (!findAccount(accountId)) {
    throw new InvocationError(400, 'UNKNOWN_ACCOUNT', `No local account '${accountId}'; use one of ${LOCAL_ACCOUNTS.map((account) => account.accountId).join(', ')}.`);
  }
  services.jira.setAccountActive(accountId, active);
  sendJson(res, 200, { accountId, active });
}

type Route = (services: HostServices, req: IncomingMessage, res: ServerResponse, rest: string) => Promise<void> | void;

const ok = (res: ServerResponse): void => sendJson(res, 200, { ok: true });

/** Exact routes by `METHOD /path`; prefix routes (ending in `/`) get the rest of the path. */
const ROUTES: Partial<Record<string, Route>> = {
  'POST /api/invoke': invoke,
  'GET /api/outbound': (services, _req, res) => sendJson(res, 200, services.outbound.list()),
  'POST /api/outbound/reset': (services, _req, res) => (services.outbound.reset(), ok(res)),
  'GET /api/stats': (services, _req, res) => sendJson(res, 200, services.storage.stats()),
  'POST /api/stats/reset': (services, _req, res) => (services.storage.resetStats(), ok(res)),
  'GET /api/accounts': (services, _req, res) =>
    sendJson(
      res,
      200,
      LOCAL_ACCOUNTS.map(({ accountId, displayName, isJiraAdmin }) => ({ accountId, displayName, isJiraAdmin, active: services.jira.isAccountActive(accountId) })),
    ),
  'POST /api/accounts/status': accountStatus,
  'POST /api/switches': switches,
  'PUT /api/store': putStore,
  'GET /api/queues': (services, _req, res) => sendJson(res, 200, { busy: services.queues.busy(), jobs: services.queues.list() }),
  'POST /api/queues/drain': async (services, req, res) => {
    const timeoutMs = numberField(await jsonBody(req, SWITCH_BODY_LIMIT_BYTES), 'timeoutMs', 0, 600_000) ?? 30_000;
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), timeoutMs)));
    const outcome = await Promise.race([services.queues.idle().then(() => 'idle' as const), timedOut]);
    clearTimeout(timer);
    sendJson(res, outcome === 'idle' ? 200 : 504, { busy: services.queues.busy(), jobs: services.queues.list() });
  },
  'POST /api/clock': clock,
  'POST /api/scheduled/': async (services, _req, res, key) => {
    await services.invoker.scheduled(key);
    ok(res);
  },
  'POST /api/consumers/': async (services, req, res, key) => {
    const body = await jsonBody(req, INVOKE_BODY_LIMIT_BYTES);
    sendJson(res, 200, await services.invoker.consumer(key, body.body));
  },
};

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return '';
  }
}

function findRoute(method: string, path: string): { route: Route; rest: string } | undefined {
  const exact = ROUTES[`${method} ${path}`];
  if (exact) return { route: exact, rest: '' };
  const slash = path.lastIndexOf('/');
  const prefixed = ROUTES[`${method} ${path.slice(0, slash + 1)}`];
  const rest = safeDecode(path.slice(slash + 1));
  return prefixed && rest ? { route: prefixed, rest } : undefined;
}

/** Handles `/api/*`; returns false when no API route matches so the caller can answer 404. */
export async function handleApi(services: HostServices, req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> {
  if (req.method === 'GET' && url.pathname === '/api/store') {
    sendJson(res, 200, storeListing(services, url));
    return true;
  }
  const found = findRoute(req.method ?? 'GET', url.pathname);
  if (!found) return false;
  try {
    await found.route(services, req, res, found.rest);
  } catch (error) {
    if (error instanceof InvocationError) sendError(res, error.status, error.code, error.message);
    else if (error instanceof BodyTooLargeError) sendError(res, 413, 'PAYLOAD_TOO_LARGE', error.message);
    else {
      // A function that throws reaches the caller as an error, as `invoke` rejects on the platform.
      const message = error instanceof Error ? error.message : String(error);
      console.error(`[local host] ${req.method} ${url.pathname} failed: ${message}`);
      sendError(res, 500, 'FUNCTION_ERR', message);
    }
  }
  return true;
}
