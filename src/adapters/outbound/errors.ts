/**
 * What can go wrong with a product call, as one typed error. Resolvers turn it into `UNAVAILABLE` with
 * `userMessage`; the message never carries the request's parameters or the response body.
 */
import { NeedsAuthenticationError, NotAllowedError, ProxyRequestError } from '@forge/api';
import type { OutboundCallId } from './catalog';

export type OutboundFailureKind =
  /** asUser() without the person's consent (or without a person, e.g. in a web trigger). */
  | 'needs-authentication'
  /** The platform refused the call (scope not declared, product not allowed...). */
  | 'not-allowed'
  /** The Forge proxy failed (`forge-proxy-error` header), e.g. the site is unreachable. */
  | 'proxy'
  /** Jira kept answering 429 after the bounded retries. */
  | 'rate-limited'
  /** Jira answered with a status the call site cannot use. */
  | 'http'
  /** The request did not complete (network, timeout). */
  | 'network';

export const OUTBOUND_USER_MESSAGES: Record<OutboundFailureKind, string> = {
  'needs-authentication': 'Jira needs you to allow this app access to your account before it can do this. Reload the page and accept the prompt.',
  'not-allowed': 'Jira did not allow the app to make this request. An administrator may need to update the app.',
  proxy: 'The app could not reach Jira right now. Please try again in a moment.',
  'rate-limited': 'Jira is receiving too many requests from the app. Please try again in a minute.',
  http: 'Jira could not answer the app right now. Please try again in a moment.',
  network: 'The app could not reach Jira right now. Please try again in a moment.',
};

export class OutboundError extends Error {
  readonly userMessage: string;

  constructor(
    readonly callId: OutboundCallId,
    readonly kind: OutboundFailureKind,
    /** The HTTP status Jira or the proxy answered, when there was one. */
    readonly status: number | null,
    detail: string,
  ) {
    super(`${callId}: ${detail}`);
    this.name = 'OutboundError';
    this.userMessage = OUTBOUND_USER_MESSAGES[kind];
  }
}

/** Maps what @forge/api throws to one OutboundError. */
export function classifyFailure(callId: OutboundCallId, error: unknown): OutboundError {
  if (error instanceof OutboundError) return error;
  if (error instanceof NeedsAuthenticationError) {
    return new OutboundError(callId, 'needs-authentication', 401, 'the user has not granted the app access (NEEDS_AUTHENTICATION_ERR)');
  }
  if (error instanceof ProxyRequestError) {
    return new OutboundError(callId, 'proxy', error.status, `the Forge proxy answered ${error.status} ${error.errorCode}`);
  }
  if (error instanceof NotAllowedError) return new OutboundError(callId, 'not-allowed', null, error.message);
  const reason = error instanceof Error ? error.name : 'unknown error';
  return new OutboundError(callId, 'network', null, `the request did not complete (${reason})`);
}
