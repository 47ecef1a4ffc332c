/**
 * Egress as the platform enforces it: a backend `fetch` from app code reaches only the hosts the
 * manifest declares under `permissions.external.fetch.backend` (wildcards as Forge matches them,
 * through the platform's own @forge/egress matcher). Anything else is refused with the SDK's
 * message, before a connection is made. `LOCAL_EGRESS_ALLOW` (comma-separated `host:port`, e.g. a
 * test receiver on `127.0.0.1:43123`) is the local host's only way around it; the platform has none.
 */
import { EgressFilteringService } from '@forge/egress';

/** Same name and message as @forge/api's ExternalEndpointNotAllowedError. */
export class EgressRefusedError extends Error {
  constructor(url: string) {
    super(`URL not included in the external fetch backend permissions: ${url}. Visit go.atlassian.com/forge-egress for more information.`);
    this.name = 'ExternalEndpointNotAllowedError';
  }
}

export interface EgressPolicy {
  /** The declared entries and the local openings, for people reading `GET /api/egress`. */
  declared: string[];
  localAllow: string[];
  allows(url: string): boolean;
}

function defaultPort(protocol: string): string {
  return protocol === 'https:' ? '443' : protocol === 'http:' ? '80' : '';
}

export function parseLocalAllow(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((entry) => entry.trim().toLowerCase())
    .filter((entry) => entry !== '');
}

export function createEgressPolicy(declared: readonly string[], localAllow: readonly string[]): EgressPolicy {
  const filter = new EgressFilteringService([...declared]);
  const openings = new Set(localAllow);
  return {
    declared: [...declared],
    localAllow: [...localAllow],
    allows(url) {
      let parsed: URL;
      try {
        parsed = new URL(url);
      } catch {
        return false;
      }
      if (openings.has(`${parsed.hostname.toLowerCase()}:${parsed.port || defaultPort(parsed.protocol)}`)) return true;
      try {
        return filter.isValidUrl(url);
      } catch {
        return false;
      }
    },
  };
}

type Fetch = typeof fetch;

function urlOf(input: Parameters<Fetch>[0]): string {
  if (typeof input === 'string') return input;
  if (input instanceof URL) return input.href;
  return input.url;
}

/**
 * Wraps `fetch` so that calls made inside an invocation (app code) are held to the policy; the
 * host's and the tests' own calls, outside any invocation, pass unchanged.
 */
export function egressFetch(original: Fetch, inInvocation: () => boolean, policy: () => EgressPolicy | undefined): Fetch {
  return (input, init) => {
    const current = policy();
    if (current && inInvocation()) {
      const url = urlOf(input);
      if (!current.allows(url)) return Promise.reject(new EgressRefusedError(url));
    }
    return original(input, init);
  };
}
