/**
 * The `message` of every non-200 answer. Fixed texts: nothing from the request is echoed, so no
 * credential can leak through an error body.
 */
import type { VerificationFailureCode } from './model';

export const FAILURE_MESSAGES: Record<VerificationFailureCode, string> = {
  MISSING_CREDENTIALS: 'Send an API token as "Authorization: Bearer <token>", as the password of Basic authentication, or in the X-Api-Token header.',
  MALFORMED_TOKEN: 'The credentials presented are not an API token of this app.',
  UNKNOWN_TOKEN: 'The API token is not known.',
  REVOKED_TOKEN: 'The API token has been revoked.',
  EXPIRED_TOKEN: 'The API token has expired.',
  IP_NOT_ALLOWED: 'Requests from this IP address may not use this API token.',
  SCOPE_DENIED: "The API token's scope does not cover this request.",
  RATE_LIMITED: "The API token's rate limit is used up; retry after the number of seconds in Retry-After.",
  BAD_REQUEST: 'The request to authorise could not be read.',
  UNAVAILABLE: 'Token verification is unavailable right now; retry later.',
};
