/**
 * Alert webhooks on @forge/kvs: the list (names, kinds, the admin page link) under one key, each
 * webhook's URL as a Forge secret (`kvs.setSecret`: the URL is the credential) that no resolver
 * returns, and each webhook's last delivery under its own key so a delivery never races a save.
 */
import { kvs } from '@forge/kvs';
import type { AlertWebhook } from '../../domain/alerts/webhook';
import { KEY } from '../kvs/names';

type StoredWebhook = Omit<AlertWebhook, 'last'>;

const urlKey = (id: string): string => `${KEY.alertWebhookUrlPrefix}${id}`;
const lastKey = (id: string): string => `${KEY.alertWebhookLastPrefix}${id}`;

export async function listWebhooks(): Promise<AlertWebhook[]> {
  const stored = (await kvs.get<StoredWebhook[]>(KEY.alertWebhooks)) ?? [];
  if (stored.length === 0) return [];
  const lasts = await kvs.batchGet<AlertWebhook['last']>(stored.map((hook) => ({ key: lastKey(hook.id) })));
  const byKey = new Map(lasts.successfulKeys.map((item) => [item.key, item.value]));
  return stored.map((hook) => ({ ...hook, last: byKey.get(lastKey(hook.id)) ?? null }));
}

export async function saveWebhooks(webhooks: readonly AlertWebhook[]): Promise<void> {
  await kvs.set(
    KEY.alertWebhooks,
    webhooks.map(({ last: _last, ...stored }) => stored),
  );
}

export async function setWebhookUrl(id: string, url: string): Promise<void> {
  await kvs.setSecret(urlKey(id), url);
}

export async function readWebhookUrl(id: string): Promise<string | null> {
  return (await kvs.getSecret<string>(urlKey(id))) ?? null;
}

export async function recordLastDelivery(id: string, last: NonNullable<AlertWebhook['last']>): Promise<void> {
  await kvs.set(lastKey(id), last);
}

export async function deleteWebhookData(id: string): Promise<void> {
  await Promise.all([kvs.deleteSecret(urlKey(id)), kvs.delete(lastKey(id))]);
}
