/**
 * Acknowledging an alert (docs/tokens.md): the alert leaves the open list and the acknowledgement
 * is audited ("Alert acknowledged", always recorded) in the same transaction. Acknowledging an
 * alert that is already acknowledged answers it as it is and records nothing.
 */
import { TRY_AGAIN, withAttempts, type Attempt } from '../attempts';
import { buildEvent } from '../audit/build-event';
import { ATTRIBUTES, type AuditEventDraft } from '../audit/model';
import { randomUuid } from '../ids';
import type { Clock, RandomSource } from '../ports';
import { tokenObjects } from '../verification/audit-draft';
import { SIGNAL_TITLES, type Alert } from './model';
import type { AlertRepository } from './ports';

export interface AcknowledgeDeps {
  alerts: AlertRepository;
  clock: Clock;
  random: RandomSource;
  /** `system` of the audit event (the site). */
  system: string;
}

export type AcknowledgeResult = { ok: true; alert: Alert } | { ok: false; code: 'NOT_FOUND'; message: string };

export function acknowledgedDraft(alert: Alert, by: { accountId: string; name: string }): AuditEventDraft {
  return {
    action: 'alertAcknowledged',
    author: { id: by.accountId, name: by.name, type: 'user' },
    affectedObjects: tokenObjects({ tokenId: alert.tokenId, description: alert.tokenDescription, ownerAccountId: alert.ownerAccountId }),
    extraAttributes: [
      { name: 'Alert ID', value: alert.id },
      { name: 'Signal', value: SIGNAL_TITLES[alert.signal] },
      { name: 'Alert', value: alert.sentence },
      { name: ATTRIBUTES.tokenId, value: alert.tokenId },
    ],
    method: 'Admin page',
  };
}

/** At most a few rounds: each conflict means someone else changed the alert meanwhile. */
const ATTEMPTS = 3;
const NOT_FOUND: AcknowledgeResult = { ok: false, code: 'NOT_FOUND', message: 'No alert with this id.' };

export async function acknowledgeAlert(deps: AcknowledgeDeps, alertId: string, by: { accountId: string; name: string }): Promise<AcknowledgeResult> {
  const outcome = await withAttempts(ATTEMPTS, async (): Promise<Attempt<AcknowledgeResult>> => {
    const alert = await deps.alerts.get(alertId);
    if (!alert) return NOT_FOUND;
    if (alert.status === 'acknowledged') return { ok: true, alert };
    const now = deps.clock.now();
    const acknowledged: Alert = { ...alert, status: 'acknowledged', acknowledgedAt: now, acknowledgedBy: by.accountId };
    const event = buildEvent(acknowledgedDraft(alert, by), { id: randomUuid(deps.random), now, system: deps.system });
    return (await deps.alerts.acknowledge(acknowledged, event)) === 'committed' ? { ok: true, alert: acknowledged } : TRY_AGAIN;
  });
  if (outcome !== TRY_AGAIN) return outcome;
  // Others kept changing it: answer it as it now is.
  const current = await deps.alerts.get(alertId);
  return current ? { ok: true, alert: current } : NOT_FOUND;
}
