/**
 * First cut of the recorder every producer uses (product.md §5).
 * The audit-log issue extends it: aggregation, retry and discard accounting.
 */
import { randomUUID } from 'node:crypto';
import { kvs } from '@forge/kvs';
import { buildEvent } from '../../domain/audit/build-event';
import { AUDIT_ACTIONS, type AuditEvent, type AuditEventDraft, type AuditRecorder } from '../../domain/audit/model';
import type { Settings } from '../../domain/settings/model';
import { loadSettings } from '../settings/settings-store';
import { ENTITY } from '../storage-names';

export function shouldRecord(draft: AuditEventDraft, settings: Settings): boolean {
  const { toggle, action } = AUDIT_ACTIONS[draft.action];
  if (toggle === null) return true;
  return settings.audit[toggle] && !settings.excludedActions.includes(action);
}

export function auditEventEntity(event: AuditEvent): Record<string, unknown> {
  const primary = event.affectedObjects[0];
  return {
    ts: Date.parse(event.timestamp),
    category: event.type.category,
    action: event.type.action,
    authorId: event.author.id,
    objectKey: primary ? `${primary.type}:${primary.id}` : '-',
    searchText: '',
    event,
  };
}

export const auditRecorder: AuditRecorder = {
  async record(draft) {
    const settings = AUDIT_ACTIONS[draft.action].toggle === null ? null : await loadSettings();
    if (settings && !shouldRecord(draft, settings)) return;
    const event = buildEvent(draft, { id: randomUUID(), now: Date.now(), system: '' });
    await kvs.entity(ENTITY.auditEvent).set(event.id, auditEventEntity(event));
  },
};
