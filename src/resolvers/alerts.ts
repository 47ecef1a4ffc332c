/**
 * The admin page's "Alerts" tab (docs/resolvers.md, docs/tokens.md): open and acknowledged security alerts, each
 * with its webhook delivery state, and acknowledgement (audited as "Alert acknowledged").
 */
import { kvsAlertRepository } from '../adapters/alerts/alert-store';
import { cryptoRandom } from '../adapters/crypto-random';
import { lookUpAuthorNames } from '../adapters/jira/author-names';
import { jiraDirectory } from '../adapters/tokens/token-directory';
import { acknowledgeAlert } from '../domain/alerts/acknowledge';
import type { AlertView } from '../domain/alerts/model';
import { systemClock } from '../domain/ports';
import type { DataOf } from '../shared/resolvers';
import { fail, ok, type ResolverResult } from '../shared/result';
import { spec } from './define';
import { acknowledgeAlertSchema, listAlertsSchema } from './schemas/alerts';
import { siteOf } from './tokens';

const DEFAULT_PAGE = 50;

const list = spec({
  access: 'admin',
  payload: listAlertsSchema,
  handle: async ({ status, cursor, limit }): Promise<ResolverResult<DataOf<'alerts/list'>>> => {
    const page = await kvsAlertRepository.list(status, { limit: limit ?? DEFAULT_PAGE, ...(cursor ? { cursor } : {}) });
    const deliveries = await kvsAlertRepository.deliveries(page.alerts.map((alert) => alert.id));
    const alerts: AlertView[] = page.alerts.map((alert) => ({ ...alert, delivery: deliveries.get(alert.id) ?? null }));
    // Alerts keep the acknowledger's account id; the tab shows names, looked up once per page.
    const acknowledgers = [...new Set(alerts.flatMap((alert) => (alert.acknowledgedBy ? [alert.acknowledgedBy] : [])))];
    const acknowledgerNames = await lookUpAuthorNames(acknowledgers, 'alerts.acknowledgerNames');
    return ok({ alerts, cursor: page.cursor, acknowledgerNames });
  },
});

const acknowledge = spec({
  access: 'admin',
  payload: acknowledgeAlertSchema,
  handle: async ({ alertId }, context): Promise<ResolverResult<DataOf<'alerts/acknowledge'>>> => {
    const names = await jiraDirectory.displayNames([context.accountId]).catch(() => new Map<string, string>());
    const by = { accountId: context.accountId, name: names.get(context.accountId) ?? context.accountId };
    const result = await acknowledgeAlert({ alerts: kvsAlertRepository, clock: systemClock, random: cryptoRandom, system: siteOf(context) }, alertId, by);
    if (!result.ok) return fail(result.code, result.message);
    const delivery = (await kvsAlertRepository.deliveries([result.alert.id])).get(result.alert.id) ?? null;
    return ok({ alert: { ...result.alert, delivery } });
  },
});

export const alertSpecs = {
  'alerts/list': list,
  'alerts/acknowledge': acknowledge,
};
