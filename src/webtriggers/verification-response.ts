/**
 * Authentication results as HTTP answers (docs/verify-token.md). Shared by the verify-token trigger and,
 * for its failures, by the audit-events trigger, so both answer a bad token the same way.
 */
import type { AuthenticatedToken, AuthenticationFailure, AuthenticationResult } from '../domain/verification/result';
import { jsonResponse, type WebTriggerResponse } from './http';

const iso = (epochMs: number | null): string | null => (epochMs === null ? null : new Date(epochMs).toISOString());

/**
 * `{"valid": false, "code", "message"}`; `WWW-Authenticate: Bearer` on 401, `Retry-After` on 429.
 * The code is also sent as `X-Token-Error-Code`, for gateways that keep only the status and headers
 * of the check (nginx auth_request, docs/gateways/nginx.conf).
 */
export function authenticationFailureResponse(result: AuthenticationFailure): WebTriggerResponse {
  const headers: Record<string, string> = { 'X-Token-Error-Code': result.code };
  if (result.status === 401) headers['WWW-Authenticate'] = 'Bearer';
  if (result.status === 429) headers['Retry-After'] = String(result.retryAfterSeconds ?? 1);
  return jsonResponse(result.status, { valid: false, code: result.code, message: result.message }, headers);
}

/**
 * 200 with the token's identity in the body and, for gateways, in headers. With gateway caching on
 * (setting verificationCacheSeconds) it may be reused for that long: `Cache-Control: private`
 * keeps shared caches that were not set up for it from storing it, and `X-Accel-Expires` is the
 * same time for nginx, which the shipped configuration lets cache it (docs/gateways/nginx.conf).
 * Everything else is `no-store`.
 */
export function authenticatedResponse(token: AuthenticatedToken): WebTriggerResponse {
  const body = {
    valid: true,
    tokenId: token.tokenId,
    accountId: token.accountId,
    scope: token.scope,
    expiresAt: iso(token.expiresAt),
    rateLimit: token.rateLimit && { limit: token.rateLimit.limit, remaining: token.rateLimit.remaining, resetAt: iso(token.rateLimit.resetAt) },
  };
  const headers: Record<string, string> = { 'X-Token-Id': token.tokenId, 'X-Token-Account-Id': token.accountId, 'X-Token-Scope': token.scope };
  if (token.cacheSeconds > 0) {
    headers['Cache-Control'] = `private, max-age=${token.cacheSeconds}`;
    headers['X-Accel-Expires'] = String(token.cacheSeconds);
  }
  return jsonResponse(200, body, headers);
}

export function verificationResponse(result: AuthenticationResult): WebTriggerResponse {
  return result.valid ? authenticatedResponse(result) : authenticationFailureResponse(result);
}
