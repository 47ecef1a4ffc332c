/**
 * The authentication event a verification outcome leads to (docs/audit-events.md), before the toggles
 * are applied. Events carry the token id and description (affected object), the owner, the scope,
 * the request method and path, the client IP (`source`) and the reason code. The author is the
 * token's owner once the token itself checked out (success, permission denied, rate limited) and
 * anonymous otherwise, since nobody was authenticated.
 */
import { ATTRIBUTES, OBJECT_TYPES, type AffectedObject, type AuditActionId, type AuditAuthor, type AuditEventDraft, type ExtraAttribute } from '../audit/model';
import type { TokenLookup } from '../tokens/model';
import type { VerificationDecision, VerificationFailureCode, VerificationInput } from './model';
import { recordablePath } from './redact';

export const ANONYMOUS: AuditAuthor = { id: 'anonymous', name: 'Anonymous', type: 'anonymous' };

/** Which action each outcome records; null: not an authentication attempt worth an event. */
const ACTION_OF: Record<VerificationFailureCode, AuditActionId | null> = {
  MISSING_CREDENTIALS: null,
  BAD_REQUEST: null,
  UNAVAILABLE: null,
  MALFORMED_TOKEN: 'credentialVerificationFailed',
  UNKNOWN_TOKEN: 'authFailed',
  REVOKED_TOKEN: 'authFailed',
  EXPIRED_TOKEN: 'authFailed',
  IP_NOT_ALLOWED: 'authFailed',
  SCOPE_DENIED: 'permissionDenied',
  RATE_LIMITED: 'rateLimited',
};

export function actionOf(decision: VerificationDecision): AuditActionId | null {
  return decision.valid ? 'authSucceeded' : ACTION_OF[decision.code];
}

export function tokenObjects(lookup: Pick<TokenLookup, 'tokenId' | 'description' | 'ownerAccountId'>): AffectedObject[] {
  return [
    { id: lookup.tokenId, name: lookup.description, type: OBJECT_TYPES.token },
    { id: lookup.ownerAccountId, name: lookup.ownerAccountId, type: OBJECT_TYPES.user },
  ];
}

export function authenticationDraft(decision: VerificationDecision, input: VerificationInput): AuditEventDraft | null {
  const action = actionOf(decision);
  if (action === null) return null;
  const lookup = decision.lookup;
  const authenticated = lookup !== null && (decision.valid || decision.code === 'SCOPE_DENIED' || decision.code === 'RATE_LIMITED');
  const extraAttributes: ExtraAttribute[] = [];
  if (!decision.valid) extraAttributes.push({ name: ATTRIBUTES.reason, value: decision.code });
  if (lookup) {
    extraAttributes.push(
      { name: ATTRIBUTES.tokenId, value: lookup.tokenId },
      { name: ATTRIBUTES.tokenDescription, value: lookup.description },
      { name: ATTRIBUTES.scope, value: lookup.scope },
      { name: ATTRIBUTES.owner, value: lookup.ownerAccountId },
    );
  }
  extraAttributes.push(
    { name: ATTRIBUTES.requestMethod, value: input.target.method },
    { name: ATTRIBUTES.requestPath, value: recordablePath(input.target.path, input.credential.presented) },
  );
  if (input.clientIp !== null) extraAttributes.push({ name: ATTRIBUTES.clientIp, value: input.clientIp });
  if (input.purpose !== 'verify-token') extraAttributes.push({ name: 'Endpoint', value: input.purpose });
  if (!decision.valid && decision.limit) {
    extraAttributes.push({ name: 'Rate limit', value: `${decision.limit.requests} per ${decision.limit.windowSeconds} s` });
  }
  return {
    action,
    author: authenticated ? { id: lookup.ownerAccountId, name: lookup.ownerAccountId, type: 'user' } : ANONYMOUS,
    affectedObjects: lookup ? tokenObjects(lookup) : [],
    extraAttributes,
    source: input.clientIp,
    method: 'Web trigger',
  };
}
