/**
 * The only module that calls a product API (docs/api-calls.md). A call site names a catalog entry; this module
 * builds the route from the entry's template, sends the entry's sentence as `x-audit-log-description`, backs
 * off on 429, turns the SDK's failures into one typed OutboundError, and records an "App API call" event
 * when the "App API calls" toggle is on.
 */
import api, { __getRuntime, type APIResponse } from '@forge/api';
import type { Settings } from '../../domain/settings/model';
import { auditRecorder } from '../audit/recorder';
import { loadSettings } from '../settings/settings-store';
import { OUTBOUND_CATALOG, type CatalogEntry, type OutboundCallId } from './catalog';
import { classifyFailure, OutboundError } from './errors';
import { AUDIT_DESCRIPTION_HEADER, assertCleanDescriptions, isCleanHeaderValue, sanitizeHeaderValue } from './header';
import { appApiCallDraft, worthRecording, type CompletedCall } from './recording';
import { DEFAULT_RETRY_POLICY, realRetryDeps, sendWithRetries } from './retry';
import { buildRoute, type RouteParamNames, type RouteParams } from './route';

// A sentence that is not a clean header value is a bug in the catalog: fail when the app loads, not per call.
assertCleanDescriptions(OUTBOUND_CATALOG);
for (const entry of Object.values(OUTBOUND_CATALOG)) Object.freeze(entry);
Object.freeze(OUTBOUND_CATALOG);

type Template<Id extends OutboundCallId> = (typeof OUTBOUND_CATALOG)[Id]['route'];

/** A call's input: exactly the template's parameters (required when it has any), and an optional JSON body. */
export type OutboundRequest<Id extends OutboundCallId> = ([RouteParamNames<Template<Id>>] extends [never]
  ? { params?: Record<string, never> }
  : { params: RouteParams<Template<Id>> }) & { body?: unknown };

type RequestArgs<Id extends OutboundCallId> = [RouteParamNames<Template<Id>>] extends [never]
  ? [request?: OutboundRequest<Id>]
  : [request: OutboundRequest<Id>];

export interface OutboundResponse {
  /** Jira's HTTP status (a 429 only when it persisted through the retries). */
  status: number;
  /** Parsed JSON, the raw text when it is not JSON, or null when empty. */
  body: unknown;
}

/** The header value sent for an entry; validated again here so that nothing else can ever reach the header. */
export function auditDescriptionFor(entry: Pick<CatalogEntry, 'description'>): string {
  const value = sanitizeHeaderValue(entry.description);
  if (!isCleanHeaderValue(value)) throw new Error('An outbound call needs a non-empty x-audit-log-description');
  return value;
}

function requesterFor(entry: CatalogEntry): { requestJira: (...args: Parameters<typeof api.requestJira>) => Promise<APIResponse> } {
  return entry.actor === 'app' ? api.asApp() : api.asUser();
}

function invocationAccountId(): string | null {
  try {
    return __getRuntime().aaid ?? null;
  } catch {
    return null;
  }
}

async function readBody(response: APIResponse): Promise<unknown> {
  const text = await response.text();
  if (text === '') return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/**
 * Records the call when the toggle is on. Awaited before the caller gets the answer, because a Forge function may
 * be frozen as soon as it returns. Never fails the call: the recorder counts what it cannot store.
 */
async function recordIfEnabled(call: CompletedCall, settingsRead: Promise<Settings>, answer: unknown = null): Promise<void> {
  try {
    const settings = await settingsRead;
    if (!settings.audit.appApiCalls || !worthRecording(call, answer)) return;
    await auditRecorder.record(appApiCallDraft(call), { settings });
  } catch (error) {
    console.warn(`Outbound: the App API call event for ${call.id} was not recorded (${error instanceof Error ? error.name : 'unknown error'})`);
  }
}

/**
 * Makes the product call named by `id`. Resolves with Jira's response for any HTTP status; rejects with an
 * OutboundError when the platform refuses the call, the user has not granted access, the proxy fails, or
 * Jira keeps rate limiting.
 */
export async function callJira<Id extends OutboundCallId>(id: Id, ...[request]: RequestArgs<Id>): Promise<OutboundResponse> {
  // The types already refuse an unknown id; this guards plain JavaScript callers and casts.
  if (!Object.hasOwn(OUTBOUND_CATALOG, id)) throw new Error(`Unknown outbound call: ${String(id)}`);
  const entry: CatalogEntry = OUTBOUND_CATALOG[id];
  const { params = {}, body } = (request ?? {}) as { params?: Record<string, string | number | URLSearchParams>; body?: unknown };
  const { route, recordedPath } = buildRoute(entry.route, params);
  const headers: Record<string, string> = { accept: 'application/json', [AUDIT_DESCRIPTION_HEADER]: auditDescriptionFor(entry) };
  if (body !== undefined) headers['content-type'] = 'application/json';
  const init = { method: entry.method, headers, ...(body === undefined ? {} : { body: JSON.stringify(body) }) };

  const started = Date.now();
  const completed = (status: number | null): CompletedCall => ({
    id,
    entry,
    recordedPath,
    status,
    durationMs: Date.now() - started,
    accountId: invocationAccountId(),
  });

  // Whether the call is recorded depends on the settings: read them while Jira answers, so that the read
  // (once per invocation) is off the call's critical path. A failed read is reported where it is awaited.
  const settingsRead = loadSettings();
  settingsRead.catch(() => undefined);

  let response: APIResponse;
  try {
    ({ response } = await sendWithRetries(() => requesterFor(entry).requestJira(route, init), DEFAULT_RETRY_POLICY, realRetryDeps));
  } catch (error) {
    const failure = classifyFailure(id, error);
    await recordIfEnabled(completed(failure.status), settingsRead);
    throw failure;
  }
  // The answer is read first: whether the call is worth an event can depend on it (a granted admin check is not).
  const answer = await readBody(response);
  await recordIfEnabled(completed(response.status), settingsRead, answer);
  if (response.status === 429) {
    throw new OutboundError(id, 'rate-limited', 429, `Jira still answered 429 after ${DEFAULT_RETRY_POLICY.maxRetries} retries`);
  }
  return { status: response.status, body: answer };
}
