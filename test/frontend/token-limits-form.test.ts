import { changedLimits, limitsDraftOf, parseTokenLimits } from '../../src/frontend/components/token-limits-form';

describe('token limits form', () => {
  it('drafts a token\'s limits as one address per line and the request count as text', () => {
    expect(limitsDraftOf({ ipAllowlist: ['10.0.0.0/8', '2001:db8::/32'], rateLimit: { requests: 100, windowSeconds: 3600 } })).toEqual({
      allowlist: '10.0.0.0/8\n2001:db8::/32',
      rateLimit: { requests: '100', windowSeconds: 3600 },
    });
  });

  it('reads blank lines and surrounding spaces out of the allowlist and an empty count as no limit', () => {
    expect(parseTokenLimits({ allowlist: ' 10.0.0.0/8 \n\n2001:db8::/32\r\n', rateLimit: { requests: ' ', windowSeconds: 60 } })).toEqual({
      ok: true,
      value: { ipAllowlist: ['10.0.0.0/8', '2001:db8::/32'], rateLimit: null },
    });
  });

  it('reports a request count that is not a positive whole number as an issue of the rateLimit field', () => {
    expect(parseTokenLimits({ allowlist: '', rateLimit: { requests: '0', windowSeconds: 60 } })).toEqual({
      ok: false,
      issues: [{ path: 'rateLimit', message: 'Enter a whole number of requests, or leave it empty.' }],
    });
  });

  it('lists only the limits that differ from the token\'s', () => {
    const before = { ipAllowlist: ['10.0.0.0/8'], rateLimit: { requests: 100, windowSeconds: 60 } };
    expect(changedLimits(before, { ipAllowlist: ['10.0.0.0/8'], rateLimit: { requests: 100, windowSeconds: 60 } })).toEqual({});
    expect(changedLimits(before, { ipAllowlist: [], rateLimit: { requests: 100, windowSeconds: 3600 } })).toEqual({
      ipAllowlist: [],
      rateLimit: { requests: 100, windowSeconds: 3600 },
    });
    expect(changedLimits(before, { ipAllowlist: ['10.0.0.0/8'], rateLimit: null })).toEqual({ rateLimit: null });
  });
});
