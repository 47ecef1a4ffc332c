import { cacheSecondsFor } from '../../../src/domain/verification/cache-time';
import type { Admitted } from '../../../src/domain/verification/model';
import { lookup, NOW } from '../../fakes/verification-fixtures';

const admitted = (overrides: Parameters<typeof lookup>[0] = {}): Admitted => ({ valid: true, lookup: lookup(overrides), rateLimit: null });

describe('cacheSecondsFor: how long a gateway may reuse a 200', () => {
  it('is the setting for a token without a rate limit, and 0 when the setting is off', () => {
    expect(cacheSecondsFor(admitted(), { verificationCacheSeconds: 30 }, NOW)).toBe(30);
    expect(cacheSecondsFor(admitted(), { verificationCacheSeconds: 0 }, NOW)).toBe(0);
  });

  it('is 0 for a token with a rate limit: every request must be counted', () => {
    expect(cacheSecondsFor(admitted({ rateLimit: { requests: 100, windowSeconds: 60 } }), { verificationCacheSeconds: 30 }, NOW)).toBe(0);
  });

  it('never reaches past the moment the token stops verifying (expiry, end of a rotation grace)', () => {
    expect(cacheSecondsFor(admitted({ expiresAt: NOW + 12_500 }), { verificationCacheSeconds: 30 }, NOW)).toBe(12);
    expect(cacheSecondsFor(admitted({ graceEndsAt: NOW + 999 }), { verificationCacheSeconds: 30 }, NOW)).toBe(0);
  });
});
