/**
 * Which drafts become events (docs/audit-events.md toggles, Atlassian Audit's excluded-actions denylist) and how
 * success events are aggregated into one event per token per window.
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
  /** The tallies of one subject and window (success-tally.ts): ordered by the window's end first. */
  group: string;
  /** Id of the one event the window's tallies are folded into: the same for every fold of the group. */
  eventId: string;
  windowStart: number;
  windowEnd: number;
}

const KEY_UNSAFE = /[^a-zA-Z0-9._-]/g;
/** Digits of a window end in a group: enough for any epoch ms, so that groups sort by it as text. */
const WINDOW_END_DIGITS = 15;

/** The token an event is about: the first affected object of type API token, else the first object. */
function subjectOf(draft: AuditEventDraft): string | null {
  const objects = draft.affectedObjects ?? [];
  const token = objects.find((o) => o.type === OBJECT_TYPES.token) ?? objects[0];
  return token ? token.id : null;
}

/**
 * The aggregation slot of a draft, or null when it is recorded one by one: aggregation is off,
 * the action is not a success, or the draft names no token. Both the window's start and end are
 * in its names, so a window length changed mid-window starts a slot of its own.
 */
export function aggregationSlot(draft: AuditEventDraft, settings: Pick<Settings, 'successAggregation'>, now: number): AggregationSlot | null {
  const { enabled, windowSeconds } = settings.successAggregation;
  if (!enabled || !AGGREGATABLE_ACTIONS.includes(draft.action)) return null;
  const subject = safeSubjectOf(draft);
  if (subject === null) return null;
  const windowMs = Math.max(1, Math.floor(windowSeconds)) * 1000;
  const windowStart = Math.floor(now / windowMs) * windowMs;
  const windowEnd = windowStart + windowMs;
  return {
    group: `${String(windowEnd).padStart(WINDOW_END_DIGITS, '0')}:${windowStart}:${draft.action}:${subject}`,
    eventId: eventIdOf(draft.action, subject, { start: windowStart, end: windowEnd }),
    windowStart,
    windowEnd,
  };
}

function safeSubjectOf(draft: AuditEventDraft): string | null {
  const subject = subjectOf(draft);
  return subject === null ? null : subject.replace(KEY_UNSAFE, '_').slice(0, 200);
}

/** The id of the one aggregated event of a draft's subject and window (null when the draft names no subject). */
export function aggregateEventId(draft: AuditEventDraft, window: { start: number; end: number }): string | null {
  const subject = safeSubjectOf(draft);
  return subject === null ? null : eventIdOf(draft.action, subject, window);
}

function eventIdOf(action: AuditActionId, subject: string, window: { start: number; end: number }): string {
  return `agg-${window.start}-${window.end}-${action}-${subject}`;
}

/** The window end a slot's group begins with; NaN when the text is not a group. */
export function windowEndOfGroup(group: string): number {
  const head = group.slice(0, WINDOW_END_DIGITS);
  return /^[0-9]+$/.test(head) && group[WINDOW_END_DIGITS] === ':' ? Number(head) : Number.NaN;
}

/**
 * The aggregated event: the first occurrence's event, with the count and the window as
 * attributes. Its timestamp is when it was stored (fold-tallies.ts says why).
 */
export function withCount(event: AuditEvent, count: number, window: { start: number; end: number }): AuditEvent {
  const names: string[] = [ATTRIBUTES.count, ATTRIBUTES.windowStart, ATTRIBUTES.windowEnd];
  const others = event.extraAttributes.filter((a) => !names.includes(a.name));
  return {
    ...event,
    extraAttributes: [
      ...others,
      { name: ATTRIBUTES.count, value: String(count), nameI18nKey: 'api-token-audit.attribute.count' },
      { name: ATTRIBUTES.windowStart, value: new Date(window.start).toISOString(), nameI18nKey: 'api-token-audit.attribute.window.start' },
      { name: ATTRIBUTES.windowEnd, value: new Date(window.end).toISOString(), nameI18nKey: 'api-token-audit.attribute.window.end' },
    ],
  };
}
