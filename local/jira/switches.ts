/**
 * Test-only product-call switches: deactivated accounts, emulated latency for every call to Jira, and canned failures,
 * where the next `times` calls get a failure instead of the stand-in's answer. The failures cover
 * what the real path produces: Jira's 429 with `Retry-After`, other Jira statuses, and the Forge
 * proxy's `forge-proxy-error` header (which @forge/api turns into NeedsAuthenticationError or
 * ProxyRequestError).
 */
export interface JiraFault {
  /** HTTP status of the canned answer (429, 503, 401...). */
  status: number;
  /** How many of the next product calls get it. */
  times: number;
  /** Sent as `Retry-After` (seconds or an HTTP date), e.g. with a 429. */
  retryAfter?: string;
  /** Sent as `forge-proxy-error`, e.g. `NEEDS_AUTHENTICATION_ERR` or `PROXY_ERR`. */
  proxyError?: string;
}

const HEADER_VALUE = /^[\x21-\x7e][\x20-\x7e]{0,199}$/;

/** Reads a fault from a switch body; a string is the reason it is refused. */
export function parseJiraFault(value: unknown): JiraFault | null | string {
  if (value === null) return null;
  if (!value || typeof value !== 'object' || Array.isArray(value)) return 'jira must be an object or null.';
  const { status, times, retryAfter, proxyError, ...rest } = value as Record<string, unknown>;
  const unknown = Object.keys(rest);
  if (unknown.length > 0) return `jira has unknown fields: ${unknown.join(', ')}.`;
  if (typeof status !== 'number' || !Number.isInteger(status) || status < 400 || status > 599) return 'jira.status must be an HTTP error status (400-599).';
  if (typeof times !== 'number' || !Number.isInteger(times) || times < 1 || times > 1000) return 'jira.times must be an integer from 1 to 1000.';
  for (const [name, header] of [['retryAfter', retryAfter], ['proxyError', proxyError]] as const) {
    if (header !== undefined && (typeof header !== 'string' || !HEADER_VALUE.test(header))) return `jira.${name} must be a printable ASCII header value.`;
  }
  return {
    status,
    times,
    ...(retryAfter === undefined ? {} : { retryAfter: retryAfter as string }),
    ...(proxyError === undefined ? {} : { proxyError: proxyError as string }),
  };
}

export class JiraSwitches {
  private pending: JiraFault | null = null;
  private latency = 0;
  /** Local people whose Atlassian account is deactivated (`POST /api/accounts/status`). */
  private readonly deactivated = new Set<string>();

  /** Deactivates or reactivates a local person: Jira then reports `active: false` / `true` for them. */
  setAccountActive(accountId: string, active: boolean): void {
    if (active) this.deactivated.delete(accountId);
    else this.deactivated.add(accountId);
  }

  isAccountActive(accountId: string): boolean {
    return !this.deactivated.has(accountId);
  }

  /** Replaces any pending fault; null clears it. */
  setFault(fault: JiraFault | null): void {
    this.pending = fault ? { ...fault } : null;
  }

  /** Delay added before every product call is answered (Jira is a network hop away on the platform). */
  setLatency(ms: number): void {
    this.latency = Number.isFinite(ms) && ms > 0 ? ms : 0;
  }

  latencyMs(): number {
    return this.latency;
  }

  /** The canned answer for this call, if a fault is pending; counts it down. */
  take(): Response | null {
    const fault = this.pending;
    if (!fault) return null;
    fault.times -= 1;
    if (fault.times <= 0) this.pending = null;
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (fault.retryAfter !== undefined) headers['retry-after'] = fault.retryAfter;
    if (fault.proxyError !== undefined) headers['forge-proxy-error'] = fault.proxyError;
    const body = fault.proxyError === undefined ? { errorMessages: [`Injected fault: ${fault.status}`], errors: {} } : {};
    return new Response(JSON.stringify(body), { status: fault.status, headers });
  }
}
