/** What the alert use cases need from storage (the @forge/kvs implementation: src/adapters/alerts/alert-store.ts). */
import type { AuditEvent } from '../audit/model';
import type { Alert, AlertDelivery, AlertStatus } from './model';

export interface AlertPage {
  alerts: Alert[];
  cursor: string | null;
}

export interface AlertRepository {
  get(alertId: string): Promise<Alert | null>;
  /** Newest first; one storage query per page. */
  list(status: AlertStatus, options: { cursor?: string; limit: number }): Promise<AlertPage>;
  /**
   * One transaction: the alert as acknowledged, only if it is still open, and its audit event.
   * 'conflict' when it was no longer open (someone acknowledged it first): nothing was written.
   */
  acknowledge(acknowledged: Alert, event: AuditEvent): Promise<'committed' | 'conflict'>;
  /** Webhook delivery state of these alerts (those without any are left out). */
  deliveries(alertIds: readonly string[]): Promise<Map<string, AlertDelivery>>;
}
