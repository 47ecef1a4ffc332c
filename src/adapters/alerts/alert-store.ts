/**
 * Security alerts on @forge/kvs: the `alert` entity (manifest.yml), one row per token, signal and
 * UTC day, listed by status newest first (index `by-status`). The verification transaction creates
 * rows (adapters/verification/verification-store.ts); acknowledging rewrites one, conditional on it
 * still being open, with its audit event in the same transaction. An alert's webhook delivery state
 * lives under its own key, so a delivery never races an acknowledgement.
 */
import { Filter, FilterConditions, kvs, Sort } from '@forge/kvs';
import { toRow } from '../../domain/audit/row';
import type { Alert, AlertDelivery, AlertStatus } from '../../domain/alerts/model';
import type { AlertRepository } from '../../domain/alerts/ports';
import { isConflict } from '../kvs/errors';
import { queryWithCursor } from '../kvs/cursor';
import { ALERT_INDEX, ENTITY, KEY } from '../kvs/names';
import { KVS_BATCH_MAX, KVS_QUERY_MAX } from '../kvs/limits';

export interface AlertRow {
  status: AlertStatus;
  createdAt: number;
  tokenId: string;
  alert: Alert;
}

export function alertRow(alert: Alert): AlertRow {
  return { status: alert.status, createdAt: alert.createdAt, tokenId: alert.tokenId, alert };
}

export function deliveryKey(alertId: string): string {
  return `${KEY.alertDeliveryPrefix}${alertId}`;
}

async function get(alertId: string): Promise<Alert | null> {
  const row = await kvs.entity<AlertRow>(ENTITY.alert).get(alertId);
  return row?.alert ?? null;
}

async function list(status: AlertStatus, options: { cursor?: string; limit: number }): Promise<{ alerts: Alert[]; cursor: string | null }> {
  let builder = kvs
    .entity<AlertRow>(ENTITY.alert)
    .query()
    .index(ALERT_INDEX.byStatus, { partition: [status] })
    .sort(Sort.DESC)
    .limit(Math.min(options.limit, KVS_QUERY_MAX));
  if (options.cursor) builder = builder.cursor(options.cursor);
  const { results, nextCursor } = await queryWithCursor(options.cursor, () => builder.getMany());
  return { alerts: results.map((result) => result.value.alert), cursor: nextCursor ?? null };
}

async function acknowledge(acknowledged: Alert, event: Parameters<AlertRepository['acknowledge']>[1]): Promise<'committed' | 'conflict'> {
  const transaction = kvs.transact();
  transaction.set<AlertRow>(acknowledged.id, alertRow(acknowledged), { entityName: ENTITY.alert, conditions: new Filter<AlertRow>().and('status', FilterConditions.equalTo('open')) });
  transaction.set(event.id, toRow(event), { entityName: ENTITY.auditEvent });
  try {
    await transaction.execute();
    return 'committed';
  } catch (error) {
    if (isConflict(error)) return 'conflict';
    throw error;
  }
}

async function deliveries(alertIds: readonly string[]): Promise<Map<string, AlertDelivery>> {
  const found = new Map<string, AlertDelivery>();
  for (let start = 0; start < alertIds.length; start += KVS_BATCH_MAX) {
    const chunk = alertIds.slice(start, start + KVS_BATCH_MAX);
    const result = await kvs.batchGet<AlertDelivery>(chunk.map((id) => ({ key: deliveryKey(id) })));
    for (const item of result.successfulKeys) found.set(item.key.slice(KEY.alertDeliveryPrefix.length), item.value);
  }
  return found;
}

export async function writeDelivery(alertId: string, delivery: AlertDelivery): Promise<void> {
  await kvs.set(deliveryKey(alertId), delivery);
}

export async function readDelivery(alertId: string): Promise<AlertDelivery | null> {
  return (await kvs.get<AlertDelivery>(deliveryKey(alertId))) ?? null;
}

export const kvsAlertRepository: AlertRepository = { get, list, acknowledge, deliveries };
