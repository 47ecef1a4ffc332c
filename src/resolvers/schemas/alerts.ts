/** Payload schemas of the `alerts/*` resolvers (docs/resolvers.md). Strict: unknown fields are INVALID_INPUT. */
import { z } from 'zod';
import { ALERT_STATUSES } from '../../domain/alerts/model';
import { WEBHOOK_KINDS } from '../../domain/alerts/webhook';

/** The platform's largest page for entity queries. */
export const MAX_ALERT_PAGE = 100;

export const listAlertsSchema = z.strictObject({
  status: z.enum(ALERT_STATUSES).default('open'),
  cursor: z.string().min(1).max(10_000).nullish(),
  limit: z.number().int().min(1).max(MAX_ALERT_PAGE).optional(),
});

/** Alert ids are `<day>.<signal>.<token id>`: anything else is refused before it reaches storage as a key. */
export const acknowledgeAlertSchema = z.strictObject({
  alertId: z.string().trim().min(1).max(200).regex(/^[A-Za-z0-9._:-]+$/, 'Not an alert id'),
});

export const saveWebhookSchema = z.strictObject({
  webhook: z.strictObject({
    id: z.string().min(1).max(64).optional(),
    kind: z.enum(WEBHOOK_KINDS),
    name: z.string().trim().min(1).max(100),
    url: z.string().trim().min(1).max(1000).optional(),
  }),
});

export const webhookIdSchema = z.strictObject({ webhookId: z.string().min(1).max(64) });
