import { DEFAULT_SETTINGS, type TokenPolicies } from '../../../src/domain/settings/model';
import {
  checkCreator,
  checkExpiry,
  checkScope,
  effectiveRateLimit,
  latestAllowedExpiry,
  mayCreateSelfService,
} from '../../../src/domain/tokens/policies';
import { personalPolicyView } from '../../../src/domain/tokens/policy-view';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 0, 31, 10, 30); // 31 Jan 2026, to exercise month-end clamping
const policies = (overrides: Partial<TokenPolicies> = {}): TokenPolicies => ({ ...DEFAULT_SETTINGS.policies, ...overrides });
const endOfDay = (y: number, m: number, d: number): number => Date.UTC(y, m, d, 23, 59, 59, 999);

describe('latestAllowedExpiry', () => {
  it('is unlimited when the maximum validity is never', () => {
    expect(latestAllowedExpiry(policies(), NOW)).toBeNull();
  });

  it.each([
    ['30d', endOfDay(2026, 2, 2)],
    ['90d', endOfDay(2026, 4, 1)],
    ['6m', endOfDay(2026, 6, 31)],
    ['1y', endOfDay(2027, 0, 31)],
    ['2y', endOfDay(2028, 0, 31)],
  ] as const)('allows up to the end of the UTC day for %s', (maxValidity, expected) => {
    expect(latestAllowedExpiry(policies({ maxValidity }), NOW)).toBe(expected);
  });

  it('clamps calendar months to the last day of the target month', () => {
    const aug31 = Date.UTC(2026, 7, 31, 8);
    expect(latestAllowedExpiry(policies({ maxValidity: '6m' }), aug31)).toBe(endOfDay(2027, 1, 28));
  });

  it('uses the custom number of days', () => {
    expect(latestAllowedExpiry(policies({ maxValidity: 'custom', customDays: 7 }), NOW)).toBe(endOfDay(2026, 1, 7));
  });
});

describe('checkExpiry', () => {
  it('rejects an expiry in the past or now', () => {
    expect(checkExpiry(policies(), NOW, NOW)).toMatchObject({ ok: false, code: 'POLICY_VIOLATION' });
    expect(checkExpiry(policies(), NOW - 1, NOW)).toMatchObject({ ok: false, code: 'POLICY_VIOLATION' });
  });

  it('allows never when no maximum is set', () => {
    expect(checkExpiry(policies(), null, NOW)).toEqual({ ok: true });
  });

  it('rejects never when a maximum is set, naming the latest allowed date', () => {
    const result = checkExpiry(policies({ maxValidity: '30d' }), null, NOW);
    expect(result).toMatchObject({ ok: false, code: 'POLICY_VIOLATION' });
    expect(!result.ok && result.message).toContain('2026-03-02T23:59:59.999Z');
  });

  it('accepts the last allowed moment and rejects one millisecond later', () => {
    const latest = endOfDay(2026, 2, 2);
    expect(checkExpiry(policies({ maxValidity: '30d' }), latest, NOW)).toEqual({ ok: true });
    expect(checkExpiry(policies({ maxValidity: '30d' }), latest + 1, NOW)).toMatchObject({ ok: false, code: 'POLICY_VIOLATION' });
  });
});

describe('creator policy', () => {
  const groupsOnly = policies({ creators: { mode: 'groups', groupIds: ['api-users'] } });

  it('lets everyone create by default', () => {
    expect(mayCreateSelfService(policies(), [])).toBe(true);
  });

  it('lets only members of the chosen groups create', () => {
    expect(mayCreateSelfService(groupsOnly, ['jira-software-users', 'api-users'])).toBe(true);
    expect(mayCreateSelfService(groupsOnly, ['jira-software-users'])).toBe(false);
    expect(checkCreator(groupsOnly, [])).toMatchObject({ ok: false, code: 'POLICY_VIOLATION' });
  });
});

describe('checkScope', () => {
  it('allows audit-read only for administrators', () => {
    expect(checkScope({ policies: policies(), scope: 'audit-read', selfService: false, isAdmin: true })).toEqual({ ok: true });
    expect(checkScope({ policies: policies(), scope: 'audit-read', selfService: true, isAdmin: false })).toMatchObject({ ok: false, code: 'FORBIDDEN' });
  });

  it('rejects other scopes than read-only for self-service tokens when read-only is forced', () => {
    const forced = policies({ forceReadOnlyForSelfCreated: true });
    expect(checkScope({ policies: forced, scope: 'read-write', selfService: true, isAdmin: false })).toMatchObject({ ok: false, code: 'POLICY_VIOLATION' });
    expect(checkScope({ policies: forced, scope: 'read-only', selfService: true, isAdmin: false })).toEqual({ ok: true });
  });

  it('does not force read-only on the admin page', () => {
    const forced = policies({ forceReadOnlyForSelfCreated: true });
    expect(checkScope({ policies: forced, scope: 'read-write', selfService: false, isAdmin: true })).toEqual({ ok: true });
  });
});

describe('effectiveRateLimit', () => {
  const withDefault = policies({ defaultRateLimit: { requests: 100, windowSeconds: 60 } });

  it('applies the default when the request sets none', () => {
    expect(effectiveRateLimit(undefined, withDefault)).toEqual({ requests: 100, windowSeconds: 60 });
  });

  it('keeps an explicit limit or an explicit "no limit"', () => {
    expect(effectiveRateLimit({ requests: 5, windowSeconds: 300 }, withDefault)).toEqual({ requests: 5, windowSeconds: 300 });
    expect(effectiveRateLimit(null, withDefault)).toBeNull();
  });
});

describe('personalPolicyView', () => {
  it('tells the page what the server will enforce', () => {
    const view = personalPolicyView(
      policies({
        maxValidity: '90d',
        forceReadOnlyForSelfCreated: true,
        creators: { mode: 'groups', groupIds: ['api-users'] },
        defaultRateLimit: { requests: 10, windowSeconds: 60 },
      }),
      { now: NOW, userGroupIds: ['jira-software-users'] },
    );
    expect(view).toEqual({
      canCreate: false,
      forcedScope: 'read-only',
      maxExpiresAt: new Date(NOW + 90 * DAY).toISOString().slice(0, 10) + 'T23:59:59.999Z',
      defaultRateLimit: { requests: 10, windowSeconds: 60 },
    });
  });
});
