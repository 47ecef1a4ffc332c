/**
 * Which drafts become events (docs/audit-events.md toggles, Atlassian Audit's excluded-actions denylist) and how
 * success events are aggregated into one row per token per window.
 */
import type { Settings } from '../settings/model';
import { actionI18nKey } from './build-event';
import { AGGREGATABLE_ACTIONS, ATTRIBUTES, AUDIT_ACTIONS, OBJECT_TYPES, type AuditActionId, type AuditEvent, type AuditEventDraft } from './model';

/** Whether an action is on the excluded list, by its name, its catalog id or its i18n key. */
export function isExcluded(actionId: AuditActionId, settings: Pick<Settings, 'excludedActions'>): boolean {
  const names = new Set(settings.excludedActions.map((name) => name.trim().toLowerCase()));
  return names.has(AUDIT_ACTIONS[actionId].action.toLowerCase()) || names.has(actionId.toLowerCase()) || names.has(actionI18nKey(actionId));
}

/**
 * Token management, settings and audit-log events are always recorded (docs/tokens.md, docs/audit-events.md): neither a toggle
 * nor the excluded list can hide them. The others need their toggle on and must not be excluded.
 */
export function shouldRecord(draft: Pick<AuditEventDraft, 'action'>, settings: Pick<Settings, 'audit' | 'excludedActions'>): boolean {
  const { toggle } = AUDIT_ACTIONS[draft.action];
  if (toggle === null) return true;
  return settings.audit[toggle] === true && !isExcluded(draft.action, settings);
}

export interface AggregationSlot {
  /** Storage key of the aggregated row: one per subject per window. */
  rowId: string;
  windowStart: number;
  windowEnd: number;
}

const KEY_UNSAFE = /[^a-zA-Z0-9._-]/g;

/** The token an event is about: the first affected object of type API token, else the first object. */
function subjectOf(draft: AuditEventDraft): string | null {
  const objects = draft.affectedObjects ?? [];
  const token = objects.find((o) => o.type === OBJECT_TYPES.token) ?? objects[0];
  return token ? token.id : null;
}

/**
 * The aggregation slot of a draft, or null when it is recorded one by one: aggregation is off,
 * the action is not a success, or the draft names no token.
 */
export function aggregationSlot(draft: AuditEventDraft, settings: Pick<Settings, 'successAggregation'>, now: number): AggregationSlot | null {
  const { enabled, windowSeconds } = settings.successAggregation;
  if (!enabled || !AGGREGATABLE_ACTIONS.includes(draft.action)) return null;
  const subject = subjectOf(draft);
  if (subject === null) return null;
  const windowMs = Math.max(1, Math.floor(windowSeconds)) * 1000;
  const windowStart = Math.floor(now / windowMs) * windowMs;
  const safeSubject = subject.replace(KEY_UNSAFE, '_').slice(0, 200);
  return { rowId: `agg-${windowStart}-${draft.action}-${safeSubject}`, windowStart, windowEnd: windowStart + windowMs };
}

/**
 * The aggregated event: the first occurrence's event, with the count and the window's end as
 * attributes. Its timestamp stays the first occurrence's, so its place in every index is stable.
 */
export function withCount(event: AuditEvent, count: number, windowEnd: number): AuditEvent {
  const others = event.extraAttributes.filter((a) => a.name !== ATTRIBUTES.count && a.name !== ATTRIBUTES.windowEnd);
  return {
    ...event,
    extraAttributes: [
      ...others,
      { name: ATTRIBUTES.count, value: String(count), nameI18nKey: 'api-token-audit.attribute.count' },
      { name: ATTRIBUTES.windowEnd, value: new Date(windowEnd).toISOString(), nameI18nKey: 'api-token-audit.attribute.window.end' },
    ],
  };
}
