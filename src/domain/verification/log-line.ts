/**
 * App log lines (docs/audit-events.md), worded after the Data Center app's log file (docs/audit-events.md): the event,
 * the token description, the scope, the account and the request path. Never the secret: the path
 * is redacted and stripped of its query, and free text is kept on one line.
 */
import type { TokenLookup, TokenScope } from '../tokens/model';
import type { VerificationDecision, VerificationFailureCode, VerificationInput } from './model';
import { recordablePath, singleLine } from './redact';
import { READ_ONLY_METHODS } from './scope';

export const SCOPE_LABELS: Record<TokenScope, string> = {
  'read-only': 'Read Only',
  'read-write': 'Read & Write',
  'audit-read': 'Audit Read',
};

/** "5 minutes", "1 hour", "90 seconds". */
export function describeWindow(seconds: number): string {
  const unit = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;
  if (seconds % 3600 === 0) return unit(seconds / 3600, 'hour');
  if (seconds % 60 === 0) return unit(seconds / 60, 'minute');
  return unit(seconds, 'second');
}

function tokenText(lookup: TokenLookup): string {
  return `token "${singleLine(lookup.description)}" with ${SCOPE_LABELS[lookup.scope]} scope`;
}

function scopeExplanation(lookup: TokenLookup, input: VerificationInput): string {
  if (input.purpose === 'audit-events') {
    return `The audit-events web trigger needs a token with ${SCOPE_LABELS['audit-read']} scope; the ${tokenText(lookup)} does not have it.`;
  }
  const covers = lookup.scope === 'read-only' ? `only covers ${READ_ONLY_METHODS.join(', ')} requests` : 'only covers the audit-events web trigger';
  return `The ${tokenText(lookup)} ${covers}. Request method type was ${input.target.method}.`;
}

function sentence(decision: VerificationDecision, input: VerificationInput): string {
  if (decision.valid) {
    const { lookup } = decision;
    return `Found a matching ${tokenText(lookup)} and authenticated user ${lookup.ownerAccountId}.`;
  }
  const lookup = decision.lookup;
  const forUser = lookup ? ` for user ${lookup.ownerAccountId}` : '';
  const failed = `Token verification${forUser} failed:`;
  const reasons: Record<VerificationFailureCode, () => string> = {
    MISSING_CREDENTIALS: () => `${failed} no credentials were presented.`,
    MALFORMED_TOKEN: () => `${failed} the credentials presented are not an API token of this app.`,
    UNKNOWN_TOKEN: () => `${failed} no valid API token was provided.`,
    REVOKED_TOKEN: () => `${failed} the ${lookup ? tokenText(lookup) : 'token'} was revoked.`,
    EXPIRED_TOKEN: () => `${failed} the ${lookup ? tokenText(lookup) : 'token'} has expired.`,
    IP_NOT_ALLOWED: () =>
      `${failed} IP address ${input.clientIp ?? '(unknown)'} of request is not allowed to use the ${lookup ? tokenText(lookup) : 'token'}.`,
    SCOPE_DENIED: () => `${failed} ${lookup ? scopeExplanation(lookup, input) : 'scope does not cover the request.'}`,
    RATE_LIMITED: () =>
      lookup && decision.limit
        ? `User ${lookup.ownerAccountId} has been rate limited. The API ${tokenText(lookup)} allows executing ${decision.limit.requests} requests within ${describeWindow(decision.limit.windowSeconds)}.`
        : `${failed} rate limited.`,
    BAD_REQUEST: () => `${failed} the request to authorise could not be read.`,
    UNAVAILABLE: () => `${failed} storage is unavailable, so the request was refused (fail closed).`,
  };
  return reasons[decision.code]();
}

export function logLine(decision: VerificationDecision, input: VerificationInput): string {
  const endpoint = `${input.target.method} ${recordablePath(input.target.path, input.credential.presented)}`;
  const code = decision.valid ? 'VALID' : decision.code;
  return `[${input.purpose}] ${code} ${sentence(decision, input)} REST endpoint: ${endpoint}`;
}

/** A request that could not be read has no input to describe; the reason is a fixed text. */
export function badRequestLogLine(purpose: VerificationInput['purpose'], reason: string): string {
  return `[${purpose}] BAD_REQUEST Token verification failed: the request to authorise could not be read (${reason})`;
}
