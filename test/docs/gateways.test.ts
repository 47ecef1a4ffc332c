/**
 * The Traefik example names the headers the trigger really sends and keeps client-sent
 * X-Forwarded-For out (the nginx example is run for real by test/integration/nginx-gateway.test.ts).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { authenticatedResponse } from '../../src/webtriggers/verification-response';

const DOCS = path.resolve(__dirname, '..', '..', 'docs', 'gateways');

interface TraefikDynamic {
  http: {
    middlewares: Record<string, { forwardAuth?: { address: string; trustForwardHeader: boolean; authResponseHeaders: string[] } }>;
    routers: Record<string, { middlewares: string[]; service: string }>;
    services: Record<string, unknown>;
  };
}

describe('docs/gateways/traefik.yml', () => {
  const config = parse(readFileSync(path.join(DOCS, 'traefik.yml'), 'utf8')) as TraefikDynamic;
  const forwardAuth = config.http.middlewares['api-token'].forwardAuth;

  it('copies exactly the identity headers a 200 answer carries', () => {
    const answer = authenticatedResponse({ valid: true, tokenId: 't', accountId: 'a', scope: 'read-only', description: 'd', expiresAt: null, rateLimit: null });
    const identity = Object.keys(answer.headers).filter((name) => name.startsWith('X-Token-'));
    expect([...(forwardAuth?.authResponseHeaders ?? [])].sort()).toEqual(identity.sort());
  });

  it('does not trust a client-sent X-Forwarded-For, and routes the protected service through the middleware', () => {
    expect(forwardAuth?.trustForwardHeader).toBe(false);
    expect(forwardAuth?.address).toMatch(/^https:\/\/.+\/x1\//);
    const router = config.http.routers.protected;
    expect(router.middlewares[0]).toBe('api-token');
    expect(config.http.services[router.service]).toBeDefined();
  });
});
