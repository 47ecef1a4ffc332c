/**
 * Sends one alert message to a chat webhook through the outbound module's rules (docs/api-calls.md):
 * the catalog entry's sentence as `x-audit-log-description`, an "App API call" event when that
 * toggle is on (with the webhook's host only: its path is the secret), and the platform's egress.
 * Never throws: no answer is `status: null`. Never logs or returns the URL.
 */
import { fetch } from '@forge/api';
import type { WebhookKind, WebhookRequest } from '../../domain/alerts/webhook';
import { auditRecorder } from '../audit/recorder';
import { loadSettings } from '../settings/settings-store';
import { OUTBOUND_CATALOG, type OutboundCallId } from './catalog';
import { auditDescriptionFor } from './client';
import { AUDIT_DESCRIPTION_HEADER } from './header';
import { appApiCallDraft } from './recording';

export const WEBHOOK_CALL: Record<WebhookKind, OutboundCallId> = {
  slack: 'alerts.slack.send',
  teams: 'alerts.teams.send',
};

const TIMEOUT_MS = 15_000;

export interface WebhookOutcome {
  status: number | null;
  ok: boolean;
  /** Why it failed, for the Alerts tab; never the URL. */
  message: string;
}

export async function sendWebhook(kind: WebhookKind, url: string, request: WebhookRequest): Promise<WebhookOutcome> {
  const id = WEBHOOK_CALL[kind];
  const entry = OUTBOUND_CATALOG[id];
  const started = Date.now();
  let outcome: WebhookOutcome;
  try {
    const response = await fetch(url, {
      method: request.method,
      headers: { ...request.headers, [AUDIT_DESCRIPTION_HEADER]: auditDescriptionFor(entry) },
      body: request.body,
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    const text = await response.text().catch(() => '');
    outcome = response.ok
      ? { status: response.status, ok: true, message: 'Delivered.' }
      : { status: response.status, ok: false, message: `The webhook answered ${response.status}${text ? `: ${text.slice(0, 200)}` : ''}.` };
  } catch (error) {
    // A fetch error can quote the URL; name the failure only.
    outcome = { status: null, ok: false, message: `No answer from the webhook (${error instanceof Error ? error.name : 'unknown error'}).` };
  }
  try {
    const settings = await loadSettings();
    if (settings.audit.appApiCalls) {
      await auditRecorder.record(appApiCallDraft({ id, entry, recordedPath: new URL(url).host, status: outcome.status, durationMs: Date.now() - started, accountId: null }), { settings });
    }
  } catch {
    // Recording is best effort here: the recorder counts what it cannot store.
  }
  return outcome;
}
