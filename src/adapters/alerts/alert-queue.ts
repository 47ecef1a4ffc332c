/** The async event queue that delivers alerts to webhooks (manifest consumer `alert-delivery`). */
import { Queue } from '@forge/events';
import type { Alert } from '../../domain/alerts/model';

export const ALERT_QUEUE = 'alert-delivery';

export interface AlertDeliveryJob {
  alertId: string;
}

/** One event per alert; the consumer finds out whether any webhook is configured. */
export async function requestAlertDelivery(alerts: readonly Pick<Alert, 'id'>[]): Promise<void> {
  if (alerts.length === 0) return;
  await new Queue({ key: ALERT_QUEUE }).push(alerts.map((alert) => ({ body: { alertId: alert.id } satisfies AlertDeliveryJob })));
}
