/**
 * The Alerts tab's webhooks (docs/tokens.md): Slack and Microsoft Teams incoming webhooks that
 * receive each new alert. The URL is the credential: stored as a Forge secret, never returned.
 * Kept apart from the settings object.
 */
import { randomUUID } from 'node:crypto';
import { adminPageUrl } from '../adapters/admin-page-url';
import { deleteWebhookData, listWebhooks, readWebhookUrl, recordLastDelivery, saveWebhooks, setWebhookUrl } from '../adapters/alerts/webhook-store';
import { sendWebhook } from '../adapters/outbound/webhook-send';
import { recordAlertWebhooks } from '../adapters/settings/settings-store';
import { checkWebhookUrl, webhookRequest, type AlertWebhook } from '../domain/alerts/webhook';
import type { DataOf } from '../shared/resolvers';
import { fail, ok, type ResolverResult } from '../shared/result';
import { spec } from './define';
import { saveWebhookSchema, webhookIdSchema } from './schemas/alerts';
import { emptySchema } from './schemas/tokens';
import { localEgressOpenings } from '../adapters/outbound/egress-openings';

const MAX_WEBHOOKS = 5;


const list = spec({
  access: 'admin',
  payload: emptySchema,
  handle: async (): Promise<ResolverResult<DataOf<'alerts/webhooks/list'>>> => ok({ webhooks: await listWebhooks() }),
});

const save = spec({
  access: 'admin',
  payload: saveWebhookSchema,
  handle: async ({ webhook: input }, context): Promise<ResolverResult<DataOf<'alerts/webhooks/save'>>> => {
    let url: string | null = null;
    if (input.url !== undefined) {
      const checked = checkWebhookUrl(input.kind, input.url, localEgressOpenings());
      if (!checked.ok) return fail('INVALID_INPUT', checked.message, [{ path: 'webhook.url', message: checked.message }]);
      url = checked.url;
    }
    const all = await listWebhooks();
    const existing = input.id === undefined ? undefined : all.find((hook) => hook.id === input.id);
    if (input.id !== undefined && !existing) return fail('NOT_FOUND', 'No webhook with this id.');
    if (!existing && all.length >= MAX_WEBHOOKS) return fail('INVALID_INPUT', `At most ${MAX_WEBHOOKS} webhooks.`);
    if (!existing && url === null) return fail('INVALID_INPUT', 'A new webhook needs its URL.', [{ path: 'webhook.url', message: 'Required.' }]);
    if (existing && existing.kind !== input.kind && url === null) {
      return fail('INVALID_INPUT', 'Changing the kind needs the new URL.', [{ path: 'webhook.url', message: 'Required when the kind changes.' }]);
    }
    const webhook: AlertWebhook = {
      id: existing?.id ?? randomUUID(),
      kind: input.kind,
      name: input.name,
      createdAt: existing?.createdAt ?? Date.now(),
      adminPageUrl: adminPageUrl(context.siteUrl),
      last: existing?.last ?? null,
    };
    if (url !== null) await setWebhookUrl(webhook.id, url);
    const next = existing ? all.map((hook) => (hook.id === webhook.id ? webhook : hook)) : [...all, webhook];
    await saveWebhooks(next);
    await recordAlertWebhooks(next.length);
    return ok({ webhook });
  },
});

const remove = spec({
  access: 'admin',
  payload: webhookIdSchema,
  handle: async ({ webhookId }): Promise<ResolverResult<DataOf<'alerts/webhooks/remove'>>> => {
    const all = await listWebhooks();
    if (!all.some((hook) => hook.id === webhookId)) return fail('NOT_FOUND', 'No webhook with this id.');
    const next = all.filter((hook) => hook.id !== webhookId);
    await saveWebhooks(next);
    await recordAlertWebhooks(next.length);
    await deleteWebhookData(webhookId);
    return ok({ removed: true });
  },
});

const test = spec({
  access: 'admin',
  payload: webhookIdSchema,
  handle: async ({ webhookId }): Promise<ResolverResult<DataOf<'alerts/webhooks/test'>>> => {
    const webhook = (await listWebhooks()).find((hook) => hook.id === webhookId);
    if (!webhook) return fail('NOT_FOUND', 'No webhook with this id.');
    const url = await readWebhookUrl(webhookId);
    if (url === null) return fail('INVALID_INPUT', 'No URL is stored for this webhook.');
    const sentence = 'Test message from API Token Audit: security alerts about API tokens will be posted here.';
    const outcome = await sendWebhook(webhook.kind, url, webhookRequest(webhook.kind, { id: 'test', signal: 'newNetworkUsed', sentence }, webhook.adminPageUrl));
    await recordLastDelivery(webhookId, { at: Date.now(), ok: outcome.ok, message: outcome.message });
    return ok({ delivered: outcome.ok, message: outcome.message });
  },
});

export const alertWebhookSpecs = {
  'alerts/webhooks/list': list,
  'alerts/webhooks/save': save,
  'alerts/webhooks/remove': remove,
  'alerts/webhooks/test': test,
};
