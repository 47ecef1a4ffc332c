/**
 * What a verification is about and what it can answer (docs/verify-token.md).
 * Expected denials are values (`{valid: false, code}`); an exception means the infrastructure failed.
 */
import type { RateLimit, TokenLookup } from '../tokens/model';
import type { AddressChain } from './client-ip';

export const VERIFICATION_FAILURE_CODES = [
  'MISSING_CREDENTIALS',
  'MALFORMED_TOKEN',
  'UNKNOWN_TOKEN',
  'REVOKED_TOKEN',
  'EXPIRED_TOKEN',
  'IP_NOT_ALLOWED',
  'SCOPE_DENIED',
  'RATE_LIMITED',
  'BAD_REQUEST',
  'UNAVAILABLE',
] as const;
export type VerificationFailureCode = (typeof VERIFICATION_FAILURE_CODES)[number];

/** The HTTP status of each code, as the docs/verify-token.md table fixes it. */
export const FAILURE_STATUS = {
  MISSING_CREDENTIALS: 401,
  MALFORMED_TOKEN: 401,
  UNKNOWN_TOKEN: 401,
  REVOKED_TOKEN: 401,
  EXPIRED_TOKEN: 401,
  IP_NOT_ALLOWED: 403,
  SCOPE_DENIED: 403,
  RATE_LIMITED: 429,
  BAD_REQUEST: 400,
  UNAVAILABLE: 503,
} as const satisfies Record<VerificationFailureCode, number>;

/** RFC 9110 methods plus PATCH (RFC 5789); anything else is a bad request. */
export const HTTP_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'TRACE', 'CONNECT'] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

/** Which endpoint authenticates: the verification trigger itself, or the audit-events pull API. */
export type Purpose = 'verify-token' | 'audit-events';

export type CredentialSource = 'bearer' | 'basic' | 'x-api-token';

/**
 * The credential found in the request. `presented` holds every raw credential string seen
 * (even malformed ones: a password is just as secret), so that logs and records can redact them.
 */
export type Credential =
  | { kind: 'missing'; presented: string[] }
  | { kind: 'malformed'; presented: string[] }
  | { kind: 'token'; token: string; source: CredentialSource; presented: string[] };

/** Where the request to authorise was described. */
export type TargetSource = 'body' | 'gateway' | 'trigger';

export interface RequestTarget {
  method: HttpMethod;
  /** Path (and query) of the request to authorise; null when only a method was given. */
  path: string | null;
  source: TargetSource;
}

export interface VerificationInput {
  purpose: Purpose;
  credential: Credential;
  target: RequestTarget;
  /** Every `X-Forwarded-For` entry received, in order (client-ip.ts). */
  forwardedFor: readonly string[];
  /**
   * Canonical client address taken from `forwardedFor` (client-ip.ts), or null when none could be.
   * Until the settings are known it is the right-most entry (no gateway trusted yet); `locateClient`
   * applies the admin's trusted gateways.
   */
  clientIp: string | null;
  /** The chain as kept for the record, and the entry taken. */
  addressChain: AddressChain;
}

/**
 * A fixed-window counter as stored: the window's start (epoch ms), the requests counted in it and
 * when the first of them came.
 */
export interface WindowCounter {
  windowStart: number;
  count: number;
  firstAt: number;
}

/** What the 200 answer reports about the token's rate limit. Times are epoch ms. */
export interface RateLimitStatus {
  limit: number;
  remaining: number;
  resetAt: number;
}

/** An admitted request's counter write: what was read (null = no row) and what to store. */
export interface CounterUpdate {
  read: WindowCounter | null;
  next: WindowCounter;
  windowSeconds: number;
}

/** The rate-limit counter write: which shard (see rate-limit.ts). */
export interface RateCounterUpdate extends CounterUpdate {
  shard: number;
}

export interface Admitted {
  valid: true;
  lookup: TokenLookup;
  /** Null when the token has no rate limit. */
  rateLimit: (RateLimitStatus & { counter: RateCounterUpdate }) | null;
}

export interface Denied {
  valid: false;
  code: VerificationFailureCode;
  /** The token's record when the denial came after the lookup (revoked, expired, IP, scope, rate). */
  lookup: TokenLookup | null;
  /** Seconds until the window resets, for RATE_LIMITED. */
  retryAfterSeconds: number | null;
  /** The limit that was exceeded, for RATE_LIMITED. */
  limit: RateLimit | null;
}

export type VerificationDecision = Admitted | Denied;

export function denied(code: VerificationFailureCode, lookup: TokenLookup | null = null, extra: Partial<Pick<Denied, 'retryAfterSeconds' | 'limit'>> = {}): Denied {
  return { valid: false, code, lookup, retryAfterSeconds: extra.retryAfterSeconds ?? null, limit: extra.limit ?? null };
}
