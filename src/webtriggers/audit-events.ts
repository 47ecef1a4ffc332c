/**
 * The SIEM pull API (product.md §5): `GET` with the query parameters of Atlassian Audit's
 * `/rest/auditing/1.0/events`, answering `{entities, pagingInfo}` in that API's shape.
 * Authenticated by an API token with the `audit-read` scope (401 without one, 403 for others).
 * Bad input, a bad `pageCursor` included, is 400 (do not retry); only a storage outage is 503
 * with `Retry-After`.
 */
import { kvsAuditRows } from '../adapters/audit/row-source';
import { loadSettings } from '../adapters/settings/settings-store';
import { authenticate } from './authenticator';
import { pagingInfo, parsePullParameters } from '../domain/audit/pull-params';
import { CursorRefusedError } from '../domain/cursor-refused';
import { searchAuditEvents } from '../domain/audit/search-service';
import { jsonResponse, type WebTriggerRequest, type WebTriggerResponse } from './http';
import { authenticationFailureResponse } from './verification-response';

function badRequest(key: string, message: string): WebTriggerResponse {
  return jsonResponse(400, { status: 400, code: 'BAD_REQUEST', message, errors: [{ key, message }], timestamp: new Date().toISOString() });
}

export async function auditEvents(request: WebTriggerRequest): Promise<WebTriggerResponse> {
  if (request.method.toUpperCase() !== 'GET') {
    return jsonResponse(405, { status: 405, code: 'METHOD_NOT_ALLOWED', message: 'Use GET.' }, { Allow: 'GET' });
  }
  const auth = await authenticate(request, { purpose: 'audit-events' });
  if (!auth.valid) return authenticationFailureResponse(auth);

  const parsed = parsePullParameters(request.queryParameters);
  if (!parsed.ok) return badRequest(parsed.issue.field, parsed.issue.message);
  const { input, limit, scanLimit, cursor, echo } = parsed.request;
  try {
    const settings = await loadSettings();
    const outcome = await searchAuditEvents(kvsAuditRows, { input, limit, scanLimit, cursor, retention: settings.retention, now: Date.now() });
    if (!outcome.ok) {
      const { field, message } = outcome.issue;
      return field === 'cursor' ? badRequest('pageCursor', `pageCursor: ${message}`) : badRequest(field, message);
    }
    console.info(`[audit-events] token ${auth.tokenId} of ${auth.accountId} read ${outcome.events.length} audit event(s).`);
    return jsonResponse(200, { entities: outcome.events, pagingInfo: pagingInfo(outcome.events.length, outcome.cursor, outcome.scanLimitReached, echo) });
  } catch (error) {
    // A bad cursor is answered 400 by the search itself; this only keeps one from ever reading as
    // an outage, which a SIEM would retry forever.
    if (error instanceof CursorRefusedError) return badRequest('pageCursor', 'pageCursor: The cursor is not valid.');
    console.error(`[audit-events] search failed (${error instanceof Error ? error.name : 'unknown error'}).`);
    return jsonResponse(503, { status: 503, code: 'UNAVAILABLE', message: 'The audit log cannot be read right now. Try again.' }, { 'Retry-After': '5' });
  }
}
