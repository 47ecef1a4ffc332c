import { currentWarning, DAY_MS, dueReminder, endingSoon, idleSince, ownerStep, previewRevocation, unusedStep } from '../../../src/domain/hygiene/rules';
import type { Token } from '../../../src/domain/tokens/model';
import { T0 } from '../../fakes/clock';

const HOUR = 3_600_000;

type RuleToken = Pick<Token, 'state' | 'expiresAt' | 'graceEndsAt' | 'createdAt' | 'hygiene'>;

function token(overrides: Partial<RuleToken> = {}): RuleToken {
  return { state: 'active', expiresAt: null, graceEndsAt: null, createdAt: T0, ...overrides };
}

const never = { lastUsedAt: null };

describe('expiry reminders', () => {
  const days = [7, 1];

  it('are due on the smallest reminder day the token is already within', () => {
    expect(dueReminder(token({ expiresAt: T0 + 8 * DAY_MS }), T0, days)).toBeNull();
    expect(dueReminder(token({ expiresAt: T0 + 7 * DAY_MS }), T0, days)).toBe(7);
    expect(dueReminder(token({ expiresAt: T0 + 3 * DAY_MS }), T0, days)).toBe(7);
    expect(dueReminder(token({ expiresAt: T0 + 12 * HOUR }), T0, days)).toBe(1);
  });

  it('are never due twice for a day, and a recorded smaller day stands for the larger ones', () => {
    expect(dueReminder(token({ expiresAt: T0 + 3 * DAY_MS, hygiene: { remindedDays: [7] } }), T0, days)).toBeNull();
    expect(dueReminder(token({ expiresAt: T0 + 12 * HOUR, hygiene: { remindedDays: [7] } }), T0, days)).toBe(1);
    expect(dueReminder(token({ expiresAt: T0 + 3 * DAY_MS, hygiene: { remindedDays: [1] } }), T0, days)).toBeNull();
  });

  it('count to the end of a rotation grace period when it comes first, and skip revoked, ended and never-ending tokens', () => {
    expect(endingSoon(token({ graceEndsAt: T0 + HOUR }), T0, days)).toBe(T0 + HOUR);
    expect(dueReminder(token({ state: 'revoked', expiresAt: T0 + DAY_MS }), T0, days)).toBeNull();
    expect(dueReminder(token({ expiresAt: T0 - 1 }), T0, days)).toBeNull();
    expect(dueReminder(token(), T0, days)).toBeNull();
    expect(dueReminder(token({ expiresAt: T0 + HOUR }), T0, [])).toBeNull();
  });
});

describe('unused tokens', () => {
  it('count from creation when never used, else from the last use', () => {
    expect(idleSince(token(), never)).toBe(T0);
    expect(idleSince(token(), { lastUsedAt: T0 + DAY_MS })).toBe(T0 + DAY_MS);
  });

  it('are left alone while the policy is off or before the 7-day warning window', () => {
    expect(unusedStep(token(), never, T0 + 100 * DAY_MS, null)).toEqual({ kind: 'none' });
    expect(unusedStep(token(), never, T0 + 22 * DAY_MS, 30)).toEqual({ kind: 'none' });
  });

  it('are warned 7 days before they have been idle for N days, and revoked once that day has come', () => {
    const step = unusedStep(token(), never, T0 + 23 * DAY_MS, 30);
    expect(step).toEqual({ kind: 'warn', warning: { idleSince: T0, warnedAt: T0 + 23 * DAY_MS, revokeAfter: T0 + 30 * DAY_MS, days: 30 } });
    const warned = token({ hygiene: { unusedWarning: step.kind === 'warn' ? step.warning : undefined } });
    expect(unusedStep(warned, never, T0 + 30 * DAY_MS - 1, 30)).toEqual({ kind: 'none' });
    expect(unusedStep(warned, never, T0 + 30 * DAY_MS, 30).kind).toBe('revoke');
  });

  it('are revoked no sooner than 7 days after the warning, however long they were idle before the policy', () => {
    const step = unusedStep(token(), never, T0 + 200 * DAY_MS, 30);
    expect(step.kind === 'warn' && step.warning.revokeAfter).toBe(T0 + 207 * DAY_MS);
    expect(previewRevocation(token(), never, T0 + 200 * DAY_MS, 30)).toBe(T0 + 207 * DAY_MS);
  });

  it('lose their warning when used again or when the day count changes', () => {
    const warning = { idleSince: T0, warnedAt: T0 + 23 * DAY_MS, revokeAfter: T0 + 30 * DAY_MS, days: 30 };
    const warned = token({ hygiene: { unusedWarning: warning } });
    expect(currentWarning(warned, never, 30)).toEqual(warning);
    expect(currentWarning(warned, { lastUsedAt: T0 + 24 * DAY_MS }, 30)).toBeNull();
    expect(unusedStep(warned, { lastUsedAt: T0 + 24 * DAY_MS }, T0 + 31 * DAY_MS, 30)).toEqual({ kind: 'none' });
    expect(currentWarning(warned, never, 60)).toBeNull();
    expect(currentWarning(warned, never, null)).toBeNull();
  });
});

describe('deactivated owners', () => {
  it('revoke or flag (once) only on a deactivation Jira reported', () => {
    expect(ownerStep(token(), 'deactivated', T0, 'revoke')).toEqual({ kind: 'revoke' });
    expect(ownerStep(token(), 'deactivated', T0, 'flag')).toEqual({ kind: 'flag' });
    expect(ownerStep(token({ hygiene: { ownerDeactivatedAt: T0 } }), 'deactivated', T0, 'flag')).toEqual({ kind: 'none' });
    expect(ownerStep(token(), 'unknown', T0, 'revoke')).toEqual({ kind: 'none' });
    expect(ownerStep(token(), 'active', T0, 'revoke')).toEqual({ kind: 'none' });
  });

  it('clear the flag once the account is active again, and leave ended tokens alone', () => {
    expect(ownerStep(token({ hygiene: { ownerDeactivatedAt: T0 } }), 'active', T0, 'flag')).toEqual({ kind: 'clearFlag' });
    expect(ownerStep(token({ state: 'revoked' }), 'deactivated', T0, 'revoke')).toEqual({ kind: 'none' });
  });
});
