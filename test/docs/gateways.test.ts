/**
 * What can be checked of the gateway files without running them. nginx.conf and the Caddyfile are
 * also run for real by test/integration/gateways.test.ts; traefik.yml is only read here (Traefik
 * is not in Debian), which docs/gateways/README.md says.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { FAILURE_MESSAGES } from '../../src/domain/verification/messages';
import type { VerificationFailureCode } from '../../src/domain/verification/model';
import { authenticatedResponse } from '../../src/webtriggers/verification-response';

const DOCS = path.resolve(__dirname, '..', '..', 'docs', 'gateways');

interface ForwardAuth {
  address: string;
  trustForwardHeader: boolean;
  authResponseHeaders: string[];
  authRequestHeaders?: string[];
}

interface TraefikDynamic {
  http: {
    middlewares: Record<string, { forwardAuth?: ForwardAuth }>;
    routers: Record<string, { middlewares: string[]; service: string }>;
    services: Record<string, unknown>;
  };
}

describe('docs/gateways/traefik.yml', () => {
  const config = parse(readFileSync(path.join(DOCS, 'traefik.yml'), 'utf8')) as TraefikDynamic;
  const forwardAuth = config.http.middlewares['api-token'].forwardAuth;

  it('copies exactly the identity headers a 200 answer carries', () => {
    const answer = authenticatedResponse({ valid: true, tokenId: 't', accountId: 'a', scope: 'read-only', description: 'd', expiresAt: null, rateLimit: null, cacheSeconds: 0 });
    const identity = Object.keys(answer.headers).filter((name) => name.startsWith('X-Token-'));
    expect([...(forwardAuth?.authResponseHeaders ?? [])].sort()).toEqual(identity.sort());
  });

  it('passes only the credential headers of the client on, and does not trust a client-sent X-Forwarded-For', () => {
    expect(forwardAuth?.authRequestHeaders).toEqual(['Authorization', 'X-Api-Token']);
    expect(forwardAuth?.trustForwardHeader).toBe(false);
    expect(forwardAuth?.address).toMatch(/^https:\/\/.+\/x1\//);
    const router = config.http.routers.protected;
    expect(router.middlewares[0]).toBe('api-token');
    expect(config.http.services[router.service]).toBeDefined();
  });
});

describe('docs/gateways/nginx.conf', () => {
  const text = readFileSync(path.join(DOCS, 'nginx.conf'), 'utf8');

  it("maps every code the trigger can refuse with to the trigger's own message, JSON-escaped", () => {
    const block = text.slice(text.indexOf('map $api_token_error'), text.indexOf('}', text.indexOf('map $api_token_error')));
    const mapped = new Map<string, string>();
    for (const match of block.matchAll(/^\s+([A-Z_]+)\s+"((?:[^"\\]|\\.)*)";$/gm)) {
      // nginx reads \\ as \ and \" as "; what remains is the inside of a JSON string.
      const nginxValue = match[2].replace(/\\(["\\])/g, '$1');
      mapped.set(match[1], JSON.parse(`"${nginxValue}"`) as string);
    }
    const refusals: VerificationFailureCode[] = ['MISSING_CREDENTIALS', 'MALFORMED_TOKEN', 'UNKNOWN_TOKEN', 'REVOKED_TOKEN', 'EXPIRED_TOKEN', 'IP_NOT_ALLOWED', 'SCOPE_DENIED', 'BAD_REQUEST'];
    expect(Object.fromEntries(mapped)).toEqual(Object.fromEntries(refusals.map((code) => [code, FAILURE_MESSAGES[code]])));
  });

  it('sets, never passes on, every header the trigger reads to describe the request', () => {
    for (const header of ['X-Forwarded-Method', 'X-Forwarded-Uri', 'X-Forwarded-For']) {
      expect(text).toMatch(new RegExp(`^\\s*proxy_set_header ${header}\\s+\\$`, 'm'));
    }
    expect(text).not.toMatch(/proxy_add_x_forwarded_for/);
  });
});
