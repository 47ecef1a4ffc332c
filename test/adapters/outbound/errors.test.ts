import { NeedsAuthenticationError, ProductEndpointNotAllowedError, ProxyRequestError } from '@forge/api';
import { OutboundError, classifyFailure } from '../../../src/adapters/outbound/errors';

describe('outbound failures', () => {
  it('turns the SDK errors into typed OutboundErrors with a message a person can act on', () => {
    const needsAuth = classifyFailure('users.search', new NeedsAuthenticationError('Authentication Required', 'atlassian-token-service-key'));
    expect(needsAuth).toMatchObject({ kind: 'needs-authentication', status: 401, callId: 'users.search' });
    expect(needsAuth.userMessage).toMatch(/allow this app access/);

    const proxy = classifyFailure('users.bulk', new ProxyRequestError(502, 'PROXY_ERR'));
    expect(proxy).toMatchObject({ kind: 'proxy', status: 502 });

    const notAllowed = classifyFailure('users.bulk', new ProductEndpointNotAllowedError('/rest/api/3/user/bulk'));
    expect(notAllowed.kind).toBe('not-allowed');

    const network = classifyFailure('users.bulk', new TypeError('fetch failed'));
    expect(network).toMatchObject({ kind: 'network', status: null });
  });

  it('keeps an OutboundError as it is', () => {
    const original = new OutboundError('users.groups', 'rate-limited', 429, 'still 429');
    expect(classifyFailure('users.groups', original)).toBe(original);
  });

  it('never puts request details in the message a person sees', () => {
    const error = new OutboundError('users.search', 'http', 500, 'Jira answered 500 for query=alice@example.com');
    expect(error.userMessage).not.toContain('alice');
  });
});
