import { precheck, verify } from '../../../src/domain/verification/verify';
import type { VerificationDecision } from '../../../src/domain/verification/model';
import { input, lookup, NOW, settings, rateRead } from '../../fakes/verification-fixtures';

const codeOf = (decision: VerificationDecision): string => (decision.valid ? 'VALID' : decision.code);

describe('verify: the checks and their order', () => {
  it('admits an active token and reports no rate limit when it has none', () => {
    const decision = verify(input(), lookup(), settings(), rateRead(), NOW);
    expect(decision).toEqual({ valid: true, lookup: lookup(), rateLimit: null });
  });

  it('answers missing and malformed credentials without needing a lookup', () => {
    expect(precheck(input({ credential: { kind: 'missing', presented: [] } }))?.code).toBe('MISSING_CREDENTIALS');
    expect(precheck(input({ credential: { kind: 'malformed', presented: ['x'] } }))?.code).toBe('MALFORMED_TOKEN');
    expect(precheck(input())).toBeNull();
    // Even with a record at hand, a malformed credential never reaches it.
    expect(codeOf(verify(input({ credential: { kind: 'malformed', presented: [] } }), lookup(), settings(), rateRead(), NOW))).toBe('MALFORMED_TOKEN');
  });

  it('answers UNKNOWN_TOKEN when no record was found', () => {
    expect(codeOf(verify(input(), null, settings(), rateRead(), NOW))).toBe('UNKNOWN_TOKEN');
  });

  it('answers REVOKED_TOKEN before EXPIRED_TOKEN', () => {
    const record = lookup({ state: 'revoked', revokedAt: NOW - 1000, expiresAt: NOW - 1 });
    expect(codeOf(verify(input(), record, settings(), rateRead(), NOW))).toBe('REVOKED_TOKEN');
  });

  it('expires at expiresAt exactly', () => {
    expect(codeOf(verify(input(), lookup({ expiresAt: NOW + 1 }), settings(), rateRead(), NOW))).toBe('VALID');
    expect(codeOf(verify(input(), lookup({ expiresAt: NOW }), settings(), rateRead(), NOW))).toBe('EXPIRED_TOKEN');
  });

  it('accepts a rotated token until its grace period ends, then answers EXPIRED_TOKEN', () => {
    const rotated = lookup({ graceEndsAt: NOW + 60_000 });
    expect(codeOf(verify(input(), rotated, settings(), rateRead(), NOW))).toBe('VALID');
    expect(codeOf(verify(input(), rotated, settings(), rateRead(), NOW + 60_000))).toBe('EXPIRED_TOKEN');
  });

  it('checks an expired token before the IP, so the IP of a dead token is not the reason given', () => {
    const record = lookup({ expiresAt: NOW - 1, ipAllowlist: ['10.0.0.0/8'] });
    expect(codeOf(verify(input({ clientIp: '8.8.8.8' }), record, settings(), rateRead(), NOW))).toBe('EXPIRED_TOKEN');
  });

  it("applies the token's IPv4 and IPv6 allowlists", () => {
    const record = lookup({ ipAllowlist: ['203.0.113.0/24', '2001:db8::/32'] });
    expect(codeOf(verify(input({ clientIp: '203.0.113.200' }), record, settings(), rateRead(), NOW))).toBe('VALID');
    expect(codeOf(verify(input({ clientIp: '2001:db8:1::5' }), record, settings(), rateRead(), NOW))).toBe('VALID');
    expect(codeOf(verify(input({ clientIp: '198.51.100.1' }), record, settings(), rateRead(), NOW))).toBe('IP_NOT_ALLOWED');
    expect(codeOf(verify(input({ clientIp: '2001:db9::1' }), record, settings(), rateRead(), NOW))).toBe('IP_NOT_ALLOWED');
  });

  it('refuses an unknown client address when any allowlist is set', () => {
    expect(codeOf(verify(input({ clientIp: null }), lookup({ ipAllowlist: ['0.0.0.0/0'] }), settings(), rateRead(), NOW))).toBe('IP_NOT_ALLOWED');
    expect(codeOf(verify(input({ clientIp: null }), lookup(), settings(), rateRead(), NOW))).toBe('VALID');
  });

  it('requires the system-wide allowlist AND the token allowlist to allow the address', () => {
    const system = settings({}, { systemIpAllowlist: ['10.0.0.0/8'] });
    expect(codeOf(verify(input({ clientIp: '10.1.2.3' }), lookup(), system, rateRead(), NOW))).toBe('VALID');
    expect(codeOf(verify(input({ clientIp: '11.1.2.3' }), lookup(), system, rateRead(), NOW))).toBe('IP_NOT_ALLOWED');
    expect(codeOf(verify(input({ clientIp: '10.1.2.3' }), lookup({ ipAllowlist: ['10.9.0.0/16'] }), system, rateRead(), NOW))).toBe('IP_NOT_ALLOWED');
  });

  it('fails closed on a stored allowlist that does not parse', () => {
    expect(codeOf(verify(input(), lookup({ ipAllowlist: ['not-a-cidr'] }), settings(), rateRead(), NOW))).toBe('IP_NOT_ALLOWED');
  });

  it('checks the IP before the scope', () => {
    const record = lookup({ scope: 'read-only', ipAllowlist: ['10.0.0.0/8'] });
    expect(codeOf(verify(input({ clientIp: '8.8.8.8', target: { method: 'PUT' } }), record, settings(), rateRead(), NOW))).toBe('IP_NOT_ALLOWED');
  });

  it('lets read-only tokens read only, read-write tokens do anything, audit-read tokens nothing here', () => {
    for (const method of ['GET', 'HEAD', 'OPTIONS'] as const) {
      expect(codeOf(verify(input({ target: { method } }), lookup({ scope: 'read-only' }), settings(), rateRead(), NOW))).toBe('VALID');
    }
    for (const method of ['POST', 'PUT', 'PATCH', 'DELETE', 'TRACE', 'CONNECT'] as const) {
      expect(codeOf(verify(input({ target: { method } }), lookup({ scope: 'read-only' }), settings(), rateRead(), NOW))).toBe('SCOPE_DENIED');
      expect(codeOf(verify(input({ target: { method } }), lookup({ scope: 'read-write' }), settings(), rateRead(), NOW))).toBe('VALID');
    }
    expect(codeOf(verify(input(), lookup({ scope: 'audit-read' }), settings(), rateRead(), NOW))).toBe('SCOPE_DENIED');
  });

  it('for the audit-events purpose, admits only audit-read tokens', () => {
    const purpose = 'audit-events' as const;
    expect(codeOf(verify(input({ purpose }), lookup({ scope: 'audit-read' }), settings(), rateRead(), NOW))).toBe('VALID');
    expect(codeOf(verify(input({ purpose }), lookup({ scope: 'read-write' }), settings(), rateRead(), NOW))).toBe('SCOPE_DENIED');
    expect(codeOf(verify(input({ purpose }), lookup({ scope: 'read-only' }), settings(), rateRead(), NOW))).toBe('SCOPE_DENIED');
  });

  it('does not count a scope denial against the rate limit (the limit is checked last)', () => {
    const record = lookup({ scope: 'read-only', rateLimit: { requests: 1, windowSeconds: 60 } });
    const full = { windowStart: NOW - (NOW % 60_000), count: 1, firstAt: 0 };
    expect(codeOf(verify(input({ target: { method: 'PUT' } }), record, settings(), rateRead([full]), NOW))).toBe('SCOPE_DENIED');
  });

  it('admits within the limit with the counter shard to write, and refuses beyond it with Retry-After', () => {
    const record = lookup({ rateLimit: { requests: 2, windowSeconds: 60 } });
    const windowStart = NOW - (NOW % 60_000);
    const first = verify(input(), record, settings(), rateRead(), NOW);
    expect(first).toMatchObject({
      valid: true,
      rateLimit: { limit: 2, remaining: 1, resetAt: windowStart + 60_000, counter: { shard: 0, read: null, next: { windowStart, count: 1, firstAt: NOW } } },
    });
    // Two shards with one slot each: shard 0 is full, so the next request takes shard 1.
    const second = verify(input(), record, settings(), rateRead([{ windowStart, count: 1, firstAt: 0 }]), NOW);
    expect(second).toMatchObject({ valid: true, rateLimit: { remaining: 0, counter: { shard: 1, read: null, next: { windowStart, count: 1 } } } });
    const both = [
      { windowStart, count: 1, firstAt: 0 },
      { windowStart, count: 1, firstAt: 0 },
    ];
    expect(verify(input(), record, settings(), rateRead(both), NOW)).toMatchObject({
      valid: false,
      code: 'RATE_LIMITED',
      retryAfterSeconds: 30,
      limit: { requests: 2, windowSeconds: 60 },
    });
  });

  it('starts a fresh window when the stored counter belongs to an older one', () => {
    const record = lookup({ rateLimit: { requests: 1, windowSeconds: 60 } });
    const old = { windowStart: NOW - (NOW % 60_000) - 60_000, count: 1, firstAt: 0 };
    expect(verify(input(), record, settings(), rateRead([old]), NOW)).toMatchObject({ valid: true, rateLimit: { remaining: 0, counter: { read: old } } });
  });
});
