import { authenticatedResponse, authenticationFailureResponse } from '../../src/webtriggers/verification-response';
import type { AuthenticatedToken } from '../../src/domain/verification/result';

const token = (cacheSeconds: number): AuthenticatedToken => ({
  valid: true,
  tokenId: 't',
  accountId: 'a',
  scope: 'read-only',
  description: 'd',
  expiresAt: null,
  rateLimit: null,
  cacheSeconds,
});

describe('verification answers and gateway caching', () => {
  it('lets a 200 be reused for its cache time: private for other caches, X-Accel-Expires for nginx', () => {
    const { headers } = authenticatedResponse(token(30));
    expect(headers['Cache-Control']).toEqual(['private, max-age=30']);
    expect(headers['X-Accel-Expires']).toEqual(['30']);
  });

  it('marks a 200 without a cache time, and every refusal, no-store', () => {
    expect(authenticatedResponse(token(0)).headers).toMatchObject({ 'Cache-Control': ['no-store'] });
    expect(authenticatedResponse(token(0)).headers['X-Accel-Expires']).toBeUndefined();
    const refused = authenticationFailureResponse({ valid: false, code: 'REVOKED_TOKEN', status: 401, message: 'm', retryAfterSeconds: null });
    expect(refused.headers).toMatchObject({ 'Cache-Control': ['no-store'] });
    expect(refused.headers['X-Accel-Expires']).toBeUndefined();
  });
});
