/**
 * What `authenticate` answers: the verified token, or a denial with its HTTP status. Shared by
 * the verify-token trigger and the audit-events trigger (src/webtriggers/verification-response.ts).
 */
import type { TokenScope } from '../tokens/model';
import { effectiveEnd } from '../tokens/stored';
import { FAILURE_MESSAGES } from './messages';
import { FAILURE_STATUS, type Denied, type RateLimitStatus, type VerificationDecision, type VerificationFailureCode } from './model';

export interface AuthenticatedToken {
  valid: true;
  tokenId: string;
  accountId: string;
  scope: TokenScope;
  description: string;
  /** When the token stops verifying by itself (expiry or end of its rotation grace); null = never. */
  expiresAt: number | null;
  rateLimit: RateLimitStatus | null;
  /** Seconds a gateway may reuse this answer (cache-time.ts); 0 = not at all. */
  cacheSeconds: number;
}

export interface AuthenticationFailure {
  valid: false;
  code: VerificationFailureCode;
  status: (typeof FAILURE_STATUS)[VerificationFailureCode];
  message: string;
  /** Seconds, for 429. */
  retryAfterSeconds: number | null;
}

export type AuthenticationResult = AuthenticatedToken | AuthenticationFailure;

export function failure(decision: Denied, message = FAILURE_MESSAGES[decision.code]): AuthenticationFailure {
  return { valid: false, code: decision.code, status: FAILURE_STATUS[decision.code], message, retryAfterSeconds: decision.retryAfterSeconds };
}

export function toResult(decision: VerificationDecision, cacheSeconds = 0): AuthenticationResult {
  if (!decision.valid) return failure(decision);
  const { lookup, rateLimit } = decision;
  return {
    valid: true,
    tokenId: lookup.tokenId,
    accountId: lookup.ownerAccountId,
    scope: lookup.scope,
    description: lookup.description,
    expiresAt: effectiveEnd(lookup),
    rateLimit: rateLimit && { limit: rateLimit.limit, remaining: rateLimit.remaining, resetAt: rateLimit.resetAt },
    cacheSeconds,
  };
}
