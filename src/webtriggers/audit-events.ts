/**
 * The SIEM pull API (docs/audit-events.md): `GET` with the query parameters of Atlassian Audit's
 * `/rest/auditing/1.0/events`, answering `{entities, pagingInfo}` in that API's published shape
 * (entities as siem-entity.ts writes them, an absolute `nextPageLink`, `nextPageOffset`).
 * Authenticated by an API token with the `audit-read` scope (401 without one, 403 for others).
 * Bad input, a bad `pageCursor` included, is 400 with the published error body (an array);
 * only a storage outage is 503 with `Retry-After`.
 */
import { kvsAuditRows } from '../adapters/audit/row-source';
import { loadSettings } from '../adapters/settings/settings-store';
import { authenticate } from './authenticator';
import { webTriggerUrl } from '../adapters/webtrigger-url';
import { toSiemEntity } from '../domain/audit/export/siem-entity';
import { pullPage } from '../domain/audit/pull-page';
import { pagingInfo, parsePullParameters } from '../domain/audit/pull-params';
import { CursorRefusedError } from '../domain/cursor-refused';
import { jsonResponse, type WebTriggerRequest, type WebTriggerResponse } from './http';
import type { AuthenticationFailure } from '../domain/verification/result';
import { authenticationFailureResponse } from './verification-response';

export const AUDIT_EVENTS_KEY = 'audit-events';

/** The published error body of /rest/auditing/1.0/events: an array of errors. */
function badRequest(key: string, message: string): WebTriggerResponse {
  return jsonResponse(400, [{ status: 400, code: 'BAD_REQUEST', message, errors: [{ key, message }], timestamp: new Date().toISOString() }]);
}

export const SYSTEM_ALLOWLIST_HINT =
  'If the token has no IP allowlist of its own, or its allowlist contains this address, the site-wide IP allowlist refused it: it applies to every token, SIEM pulls included. Add the SIEM\'s egress address to the system-wide IP allowlist (admin page, Token policies), or pull through a gateway listed under Trusted gateways.';

/** An IP refusal says when the site-wide allowlist is in force, so a SIEM admin knows where to look. */
async function explainIpRefusal(auth: AuthenticationFailure): Promise<AuthenticationFailure> {
  if (auth.code !== 'IP_NOT_ALLOWED') return auth;
  try {
    const settings = await loadSettings();
    return settings.policies.systemIpAllowlist.length > 0 ? { ...auth, message: `${auth.message} ${SYSTEM_ALLOWLIST_HINT}` } : auth;
  } catch {
    return auth;
  }
}

export async function auditEvents(request: WebTriggerRequest): Promise<WebTriggerResponse> {
  if (request.method.toUpperCase() !== 'GET') {
    return jsonResponse(405, { status: 405, code: 'METHOD_NOT_ALLOWED', message: 'Use GET.' }, { Allow: 'GET' });
  }
  const auth = await authenticate(request, { purpose: 'audit-events' });
  if (!auth.valid) return authenticationFailureResponse(await explainIpRefusal(auth));

  const parsed = parsePullParameters(request.queryParameters);
  if (!parsed.ok) return badRequest(parsed.issue.field, parsed.issue.message);
  try {
    const settings = await loadSettings();
    const [outcome, baseUrl] = await Promise.all([pullPage(kvsAuditRows, parsed.request, { retention: settings.retention, now: Date.now() }), webTriggerUrl(AUDIT_EVENTS_KEY)]);
    if (!outcome.ok) return badRequest(outcome.issue.field, outcome.issue.message);
    console.info(`[audit-events] token ${auth.tokenId} of ${auth.accountId} read ${outcome.events.length} audit event(s).`);
    const paging = pagingInfo({ size: outcome.events.length, cursor: outcome.cursor, scanLimitReached: outcome.scanLimitReached, echo: parsed.request.echo, before: outcome.before, baseUrl });
    return jsonResponse(200, { entities: outcome.events.map(toSiemEntity), pagingInfo: paging });
  } catch (error) {
    // A bad cursor is answered 400 by the search itself; this only keeps one from ever reading as
    // an outage, which a SIEM would retry forever.
    if (error instanceof CursorRefusedError) return badRequest('pageCursor', 'pageCursor: The cursor is not valid.');
    console.error(`[audit-events] search failed (${error instanceof Error ? error.name : 'unknown error'}).`);
    return jsonResponse(503, { status: 503, code: 'UNAVAILABLE', message: 'The audit log cannot be read right now. Try again.' }, { 'Retry-After': '5' });
  }
}
