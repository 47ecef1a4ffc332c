/**
 * Audit events for token management (docs/audit-events.md: always recorded, with the token id so that
 * creation, rotation and revocation can be cross-referenced).
 */
import { buildEvent } from '../audit/build-event';
import { ATTRIBUTES, OBJECT_TYPES, type AffectedObject, type AuditActionId, type AuditEvent, type ChangedValue, type ExtraAttribute } from '../audit/model';
import { randomUuid } from '../ids';
import type { Token } from './model';
import type { Caller, TokenDeps } from './ports';

export interface TokenEventInput {
  action: AuditActionId;
  caller: Caller;
  token: Token;
  names: ReadonlyMap<string, string>;
  changedValues?: ChangedValue[];
  extraAttributes?: ExtraAttribute[];
  /** Further objects after the token and its owner (e.g. the replacement token of a rotation). */
  moreObjects?: AffectedObject[];
}

export function nameOf(accountId: string, names: ReadonlyMap<string, string>): string {
  return names.get(accountId) ?? accountId;
}

export function formatTime(time: number | null): string {
  return time === null ? 'Never' : new Date(time).toISOString();
}

/** The attributes every token event carries, so one event is readable on its own. */
export function tokenAttributes(token: Token): ExtraAttribute[] {
  return [
    { name: ATTRIBUTES.tokenId, value: token.id },
    { name: ATTRIBUTES.scope, value: token.scope },
    { name: 'Expires', value: formatTime(token.expiresAt) },
    { name: 'Hint', value: token.hint },
    { name: ATTRIBUTES.owner, value: token.ownerAccountId },
    { name: 'Created by', value: token.createdBy },
  ];
}

export function tokenObject(token: Token): AffectedObject {
  return { type: OBJECT_TYPES.token, id: token.id, name: token.description };
}

export function userObject(accountId: string, names: ReadonlyMap<string, string>): AffectedObject {
  return { type: OBJECT_TYPES.user, id: accountId, name: nameOf(accountId, names) };
}

export function buildManagementEvent(
  deps: Pick<TokenDeps, 'random' | 'site'>,
  now: number,
  input: {
    action: AuditActionId;
    caller: Caller;
    names: ReadonlyMap<string, string>;
    affectedObjects: AffectedObject[];
    changedValues?: ChangedValue[];
    extraAttributes?: ExtraAttribute[];
  },
): AuditEvent {
  return buildEvent(
    {
      action: input.action,
      author: { id: input.caller.accountId, name: nameOf(input.caller.accountId, input.names), type: input.caller.authorType ?? 'user' },
      affectedObjects: input.affectedObjects,
      changedValues: input.changedValues ?? [],
      extraAttributes: input.extraAttributes ?? [],
      source: null,
      method: input.caller.method,
    },
    { id: randomUuid(deps.random), now, system: deps.site },
  );
}

export function tokenEvent(deps: Pick<TokenDeps, 'random' | 'site'>, now: number, input: TokenEventInput): AuditEvent {
  return buildManagementEvent(deps, now, {
    action: input.action,
    caller: input.caller,
    names: input.names,
    affectedObjects: [tokenObject(input.token), userObject(input.token.ownerAccountId, input.names), ...(input.moreObjects ?? [])],
    changedValues: input.changedValues,
    extraAttributes: [...tokenAttributes(input.token), ...(input.extraAttributes ?? [])],
  });
}
