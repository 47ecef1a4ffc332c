/**
 * The Security-alert events of the daily hygiene run, and the app as the one who revokes: each
 * event names the token and its owner and carries the attributes that explain it on its own.
 */
import type { AuditActionId, AuditEvent, ExtraAttribute } from '../audit/model';
import type { Clock, RandomSource } from '../ports';
import type { Token, UnusedWarning } from '../tokens/model';
import type { Caller } from '../tokens/ports';
import { effectiveEnd } from '../tokens/stored';
import { buildManagementEvent, formatTime, tokenAttributes, tokenObject, userObject } from '../tokens/token-events';

/** The daily run acts as the app itself: events and revocations name it, with author type `app`. */
export const HYGIENE_CALLER: Caller = { accountId: 'api-token-audit', isAdmin: true, reach: 'all', method: 'Scheduled', authorType: 'app' };
export const APP_NAME = 'API Token Audit';

export interface EventContext {
  random: RandomSource;
  site: string;
  clock: Clock;
  /** Display names of owners where known (the app's own name is added). */
  names: ReadonlyMap<string, string>;
}

function alert(context: EventContext, now: number, action: AuditActionId, token: Token, attributes: ExtraAttribute[]): AuditEvent {
  const names = new Map(context.names).set(HYGIENE_CALLER.accountId, APP_NAME);
  return buildManagementEvent(context, now, {
    action,
    caller: HYGIENE_CALLER,
    names,
    affectedObjects: [tokenObject(token), userObject(token.ownerAccountId, names)],
    extraAttributes: [...tokenAttributes(token), ...attributes],
  });
}

export function expiringSoonEvent(context: EventContext, now: number, token: Token, reminderDay: number): AuditEvent {
  return alert(context, now, 'tokenExpiringSoon', token, [
    { name: 'Stops verifying at', value: formatTime(effectiveEnd(token)) },
    { name: 'Reminder', value: reminderDay === 1 ? '1 day before' : `${reminderDay} days before` },
  ]);
}

export function unusedWarnedEvent(context: EventContext, now: number, token: Token, warning: UnusedWarning): AuditEvent {
  return alert(context, now, 'unusedTokenWarned', token, [
    { name: 'Unused since', value: formatTime(warning.idleSince) },
    { name: 'Revoked on or after', value: formatTime(warning.revokeAfter) },
    { name: 'Policy', value: unusedReason(warning.days) },
  ]);
}

export function ownerDeactivatedEvent(context: EventContext, now: number, token: Token): AuditEvent {
  return alert(context, now, 'ownerDeactivated', token, [
    { name: 'Owner account', value: 'deactivated in Atlassian' },
    { name: 'Action', value: 'flagged (the setting says flag; an administrator decides)' },
  ]);
}

/** The reason on the "Token revoked" event of an unused token. */
export function unusedReason(days: number): string {
  return `unused for ${days} days`;
}

export const DEACTIVATED_REASON = "owner's Atlassian account is deactivated";
