/**
 * Delivering one alert to every configured webhook (docs/tokens.md), one attempt per queue event:
 * webhooks that already accepted it are skipped, the others are sent the alert's sentence and the
 * admin page link. While some refuse or do not answer, the attempt asks to be retried after a
 * backoff, up to MAX_DELIVERY_ATTEMPTS attempts; the state (pending, delivered, failed, the last
 * error per webhook name) is what the Alerts tab shows.
 */
import type { Alert, AlertDelivery } from './model';
import { MAX_DELIVERY_ATTEMPTS, webhookRequest, type AlertWebhook, type WebhookKind, type WebhookRequest } from './webhook';

export interface DeliveryPorts {
  alert(alertId: string): Promise<Alert | null>;
  webhooks(): Promise<AlertWebhook[]>;
  url(webhookId: string): Promise<string | null>;
  send(kind: WebhookKind, url: string, request: WebhookRequest): Promise<{ ok: boolean; message: string }>;
  readDelivery(alertId: string): Promise<AlertDelivery | null>;
  writeDelivery(alertId: string, delivery: AlertDelivery): Promise<void>;
  recordLast(webhookId: string, last: { at: number; ok: boolean; message: string }): Promise<void>;
  now(): number;
}

export type DeliveryStep = { kind: 'done'; delivery: AlertDelivery | null } | { kind: 'retry'; afterSeconds: number; delivery: AlertDelivery };

/** Seconds before attempt n + 1 (n attempts made): 30 s, 2 min, 10 min, then the queue's 15-minute limit. */
export function backoffSeconds(attempts: number): number {
  return [30, 120, 600][attempts - 1] ?? 900;
}

export async function deliverAlert(ports: DeliveryPorts, alertId: string): Promise<DeliveryStep> {
  const webhooks = await ports.webhooks();
  if (webhooks.length === 0) return { kind: 'done', delivery: null };
  const alert = await ports.alert(alertId);
  if (!alert) return { kind: 'done', delivery: null };
  const previous = (await ports.readDelivery(alertId)) ?? { state: 'pending', attempts: 0, lastAttemptAt: null, lastError: null, delivered: [] };
  if (previous.state !== 'pending') return { kind: 'done', delivery: previous };

  const delivered = new Set(previous.delivered);
  const errors: string[] = [];
  for (const webhook of webhooks.filter((hook) => !delivered.has(hook.id))) {
    const url = await ports.url(webhook.id);
    if (url === null) {
      errors.push(`${webhook.name}: no URL is stored for this webhook.`);
      continue;
    }
    const outcome = await ports.send(webhook.kind, url, webhookRequest(webhook.kind, alert, webhook.adminPageUrl));
    await ports.recordLast(webhook.id, { at: ports.now(), ok: outcome.ok, message: outcome.message });
    if (outcome.ok) delivered.add(webhook.id);
    else errors.push(`${webhook.name}: ${outcome.message}`);
  }
  const attempts = previous.attempts + 1;
  const state: AlertDelivery['state'] = errors.length === 0 ? 'delivered' : attempts >= MAX_DELIVERY_ATTEMPTS ? 'failed' : 'pending';
  const delivery: AlertDelivery = { state, attempts, lastAttemptAt: ports.now(), lastError: errors.length > 0 ? errors.join(' ') : null, delivered: [...delivered] };
  await ports.writeDelivery(alertId, delivery);
  return state === 'pending' ? { kind: 'retry', afterSeconds: backoffSeconds(attempts), delivery } : { kind: 'done', delivery };
}
