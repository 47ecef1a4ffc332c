/**
 * The `alert-delivery` queue consumer (docs/tokens.md): one attempt to deliver one alert to the
 * configured Slack and Teams webhooks (domain/alerts/deliver.ts). When a webhook refused or did not
 * answer, it asks the platform to retry the event after a backoff (the platform retries an event
 * up to 4 times, so an alert gets MAX_DELIVERY_ATTEMPTS attempts).
 */
import { InvocationError, InvocationErrorCode } from '@forge/events';
import { kvsAlertRepository, readDelivery, writeDelivery } from '../adapters/alerts/alert-store';
import { listWebhooks, readWebhookUrl, recordLastDelivery } from '../adapters/alerts/webhook-store';
import type { AlertDeliveryJob } from '../adapters/alerts/alert-queue';
import { sendWebhook } from '../adapters/outbound/webhook-send';
import { deliverAlert, type DeliveryPorts } from '../domain/alerts/deliver';

export const alertDeliveryPorts: DeliveryPorts = {
  alert: (alertId) => kvsAlertRepository.get(alertId),
  webhooks: listWebhooks,
  url: readWebhookUrl,
  send: sendWebhook,
  readDelivery,
  writeDelivery,
  recordLast: recordLastDelivery,
  now: () => Date.now(),
};

export async function alertDelivery(event: { body?: Partial<AlertDeliveryJob> }): Promise<InvocationError | void> {
  const alertId = event.body?.alertId;
  if (typeof alertId !== 'string' || alertId === '') return;
  const step = await deliverAlert(alertDeliveryPorts, alertId);
  if (step.kind === 'retry') {
    return new InvocationError({ retryAfter: step.afterSeconds, retryReason: InvocationErrorCode.FUNCTION_RETRY_REQUEST });
  }
}
