/**
 * Sends one SIEM request through the outbound module's rules (docs/api-calls.md): the catalog entry's
 * sentence as `x-audit-log-description`, an "App API call" event when that toggle is on, and the
 * platform's egress (only declared domains). Never throws: no answer is `status: null`.
 */
import { fetch } from '@forge/api';
import type { SendOutcome } from '../../domain/siem/deliver';
import type { DestinationKind } from '../../domain/siem/destination';
import type { SiemRequest } from '../../domain/siem/request-format';
import { deliveryCallRecorder } from '../audit/recorder';
import { OUTBOUND_CATALOG, type OutboundCallId } from './catalog';
import { auditDescriptionFor } from './client';
import { AUDIT_DESCRIPTION_HEADER } from './header';
import { appApiCallDraft } from './recording';
import { loadSettings } from '../settings/settings-store';

export const SEND_CALL: Record<DestinationKind, OutboundCallId> = {
  'splunk-hec': 'siem.splunk.send',
  datadog: 'siem.datadog.send',
  elastic: 'siem.elastic.send',
  https: 'siem.https.send',
};

/** The catalog ids of SIEM sends all start so: their App API call records are the delivery's own. */
export const SIEM_CALL_PREFIX = 'siem.';

const TIMEOUT_MS = 20_000;

function retryAfterOf(value: string | null): number | null {
  if (!value) return null;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.ceil(seconds);
  const date = Date.parse(value);
  return Number.isNaN(date) ? null : Math.max(0, Math.ceil((date - Date.now()) / 1000));
}

/**
 * The platform's refusal of an undeclared domain: @forge/api's ExternalEndpointNotAllowedError
 * ("URL not included in the external fetch backend permissions: …", name or code
 * REQUEST_EGRESS_ALLOWLIST_ERR), thrown before any connection; the local host throws the same.
 */
function egressRefused(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  return ['ExternalEndpointNotAllowedError', 'REQUEST_EGRESS_ALLOWLIST_ERR'].includes(error.name) || error.message.includes('external fetch backend permissions');
}

export async function sendSiemRequest(kind: DestinationKind, request: SiemRequest): Promise<SendOutcome> {
  const id = SEND_CALL[kind];
  const entry = OUTBOUND_CATALOG[id];
  const started = Date.now();
  let outcome: SendOutcome;
  try {
    const response = await fetch(request.url, {
      method: request.method,
      headers: { ...request.headers, [AUDIT_DESCRIPTION_HEADER]: auditDescriptionFor(entry) },
      body: request.body,
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    const text = await response.text().catch(() => '');
    outcome = {
      status: response.status,
      retryAfterSeconds: retryAfterOf(response.headers.get('retry-after')),
      message: response.ok ? 'Delivered.' : `The destination answered ${response.status}${text ? `: ${text.slice(0, 200)}` : ''}.`,
    };
  } catch (error) {
    outcome = egressRefused(error)
      ? { status: null, retryAfterSeconds: null, refused: true, message: `Forge refused the request: ${new URL(request.url).host} is not a domain this app's manifest declares (permissions.external.fetch.backend). Change the URL to a declared domain, or add the domain to the manifest and deploy the app again.` }
      : { status: null, retryAfterSeconds: null, message: `No answer from the destination (${error instanceof Error ? error.message.slice(0, 200) : 'unknown error'}).` };
  }
  try {
    const settings = await loadSettings();
    if (settings.audit.appApiCalls) {
      const path = new URL(request.url).pathname;
      await deliveryCallRecorder.record(appApiCallDraft({ id, entry, recordedPath: path, status: outcome.status, durationMs: Date.now() - started, accountId: null }), { settings });
    }
  } catch {
    // Recording is best effort here: the recorder counts what it cannot store.
  }
  return outcome;
}
