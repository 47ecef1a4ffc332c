/**
 * The "App API call" audit event (docs/audit-events.md, docs/api-calls.md): one per product call while the "App API calls"
 * toggle is on, except the routine reads of browsing when they succeed (see `worthRecording`). Records the
 * route template and the filled path without query values, never a body.
 */
import { ATTRIBUTES, OBJECT_TYPES, type AuditAuthor, type AuditEventDraft } from '../../domain/audit/model';
import type { CatalogEntry, OutboundCallId } from './catalog';

export const APP_AUTHOR: AuditAuthor = { id: 'api-token-audit', name: 'API Token Audit', type: 'app' };

export interface CompletedCall {
  id: OutboundCallId;
  entry: CatalogEntry;
  recordedPath: string;
  /** The final HTTP status, or null when no response came back. */
  status: number | null;
  durationMs: number;
  /** The person whose action led to the call, when there is one (resolvers; not triggers). */
  accountId: string | null;
}

export function appApiCallDraft(call: CompletedCall): AuditEventDraft {
  const { entry } = call;
  // A call as the user is that user's doing; a call as the app is the app's, whoever started it.
  const author: AuditAuthor =
    entry.actor === 'user' && call.accountId ? { id: call.accountId, name: call.accountId, type: 'user' } : APP_AUTHOR;
  return {
    action: 'appApiCall',
    author,
    affectedObjects: [{ id: call.id, name: entry.description, type: OBJECT_TYPES.apiCall }],
    extraAttributes: [
      { name: ATTRIBUTES.callId, value: call.id },
      { name: ATTRIBUTES.requestMethod, value: entry.method },
      { name: ATTRIBUTES.route, value: entry.route },
      { name: ATTRIBUTES.requestPath, value: call.recordedPath },
      { name: ATTRIBUTES.statusCode, value: call.status === null ? 'none' : String(call.status) },
      { name: ATTRIBUTES.durationMs, value: String(Math.max(0, Math.round(call.durationMs))) },
      { name: ATTRIBUTES.actor, value: entry.actor },
      { name: ATTRIBUTES.origin, value: entry.origin },
    ],
    method: 'App',
  };
}

/**
 * Whether a completed call gets an event. Every admin page load, search and export checks that the
 * person is a Jira administrator and looks up the display names it shows; recording each of those
 * made the log fill itself from browsing alone (15 → 31 events in a few clicks). So the admin check
 * is recorded only when it refuses, fails or answers something unexpected, and a name lookup only
 * when it fails; every other call is recorded each time.
 */
export function worthRecording(call: Pick<CompletedCall, 'id' | 'status'>, answer: unknown): boolean {
  if (call.status !== 200) return true;
  if (call.id === 'users.bulk' || call.id === 'audit.authorNames' || call.id === 'alerts.acknowledgerNames') return false;
  if (call.id !== 'permissions.checkAdmin') return true;
  const granted = (answer as { globalPermissions?: unknown } | null)?.globalPermissions;
  return !(Array.isArray(granted) && granted.includes('ADMINISTER'));
}
