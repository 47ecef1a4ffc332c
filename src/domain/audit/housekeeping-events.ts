/** The audit log's own events about itself: "Events purged" after a retention run. */
import type { RetentionSettings } from '../settings/model';
import { ATTRIBUTES, type AuditAuthor, type AuditEventDraft } from './model';
import type { PurgeResult } from './purge';

export const APP_AUTHOR: AuditAuthor = { id: 'api-token-audit', name: 'API Token Audit', type: 'system' };

export function purgedDraft(result: PurgeResult, retention: RetentionSettings): AuditEventDraft {
  const periods = Object.entries(retention.perCategoryDays).map(([category, days]) => `${category}: ${days} days`);
  return {
    action: 'eventsPurged',
    author: APP_AUTHOR,
    extraAttributes: [
      { name: ATTRIBUTES.purgedCount, value: String(result.purged) },
      { name: ATTRIBUTES.complete, value: result.complete ? 'yes' : 'no, the next run continues' },
      { name: 'Retention', value: [`default: ${retention.defaultDays} days`, ...periods].join('; ') },
      ...(result.failed > 0 ? [{ name: 'Not deleted', value: String(result.failed) }] : []),
    ],
    method: 'Scheduled',
  };
}
