/**
 * The token hygiene rules of docs/tokens.md as pure functions of a token, its usage, the settings
 * and the time (docs/tokens.md "Token hygiene"). The daily run (daily-run.ts), the previews and the
 * page notices all decide with these, so what a page says is what the run will do.
 */
import type { HygieneSettings } from '../settings/model';
import { tokenStatus, type Token, type TokenUsage, type UnusedWarning } from '../tokens/model';
import { effectiveEnd } from '../tokens/stored';

export const DAY_MS = 86_400_000;
/** An unused token is revoked no sooner than this many days after its owner was warned. */
export const WARNING_LEAD_DAYS = 7;
const WARNING_LEAD_MS = WARNING_LEAD_DAYS * DAY_MS;

type HygieneToken = Pick<Token, 'state' | 'expiresAt' | 'graceEndsAt' | 'createdAt' | 'hygiene'>;

function isLive(token: HygieneToken, now: number): boolean {
  return tokenStatus(token, now) === 'active';
}

/** The widest reminder window, in days (0 when reminders are off). */
export function reminderWindowDays(reminderDays: readonly number[]): number {
  return reminderDays.length === 0 ? 0 : Math.max(...reminderDays);
}

/**
 * When the token stops verifying by itself, if that is within the widest reminder window: its
 * expiry or the end of its rotation grace period, whichever comes first. Null otherwise.
 */
export function endingSoon(token: HygieneToken, now: number, reminderDays: readonly number[]): number | null {
  if (!isLive(token, now)) return null;
  const end = effectiveEnd(token);
  if (end === null) return null;
  return end - now <= reminderWindowDays(reminderDays) * DAY_MS ? end : null;
}

/**
 * The reminder day the daily run records now, or null. It is the smallest reminder day the token
 * is already within, so a token created 12 hours before its end gets only the 1-day reminder. A
 * day is recorded once; a recorded smaller day also stands for the larger ones.
 */
export function dueReminder(token: HygieneToken, now: number, reminderDays: readonly number[]): number | null {
  const end = endingSoon(token, now, reminderDays);
  if (end === null) return null;
  const due = Math.min(...reminderDays.filter((day) => end - now <= day * DAY_MS));
  const reminded = token.hygiene?.remindedDays ?? [];
  return reminded.some((day) => day <= due) ? null : due;
}

/** Since when the token has not been used: its last use, or its creation if it was never used. */
export function idleSince(token: Pick<Token, 'createdAt'>, usage: Pick<TokenUsage, 'lastUsedAt'>): number {
  return Math.max(token.createdAt, usage.lastUsedAt ?? token.createdAt);
}

/** The token's warning, if it still holds: given under the same day count and no use since. */
export function currentWarning(token: HygieneToken, usage: Pick<TokenUsage, 'lastUsedAt'>, unusedDays: number | null): UnusedWarning | null {
  const warning = token.hygiene?.unusedWarning;
  if (!warning || unusedDays === null) return null;
  return warning.days === unusedDays && warning.idleSince === idleSince(token, usage) ? warning : null;
}

export type UnusedStep = { kind: 'none' } | { kind: 'warn'; warning: UnusedWarning } | { kind: 'revoke'; warning: UnusedWarning };

/**
 * What the unused-token policy does to a token now. A token enters the warning window 7 days
 * before it would have been idle for `unusedDays`; it is warned once, and revoked once the
 * warning's `revokeAfter` has passed. A policy switched on for a token idle far longer still
 * warns first: revocation comes 7 days after the warning, never without one.
 */
export function unusedStep(token: HygieneToken, usage: Pick<TokenUsage, 'lastUsedAt'>, now: number, unusedDays: number | null): UnusedStep {
  if (unusedDays === null || !isLive(token, now)) return { kind: 'none' };
  const since = idleSince(token, usage);
  const dueAt = since + unusedDays * DAY_MS;
  const warning = currentWarning(token, usage, unusedDays);
  if (warning) return now >= warning.revokeAfter ? { kind: 'revoke', warning } : { kind: 'none' };
  if (now < dueAt - WARNING_LEAD_MS) return { kind: 'none' };
  return { kind: 'warn', warning: { idleSince: since, warnedAt: now, revokeAfter: Math.max(dueAt, now + WARNING_LEAD_MS), days: unusedDays } };
}

/**
 * The preview of a policy before it is saved: when the token would be revoked if `unusedDays`
 * applied from the next daily run, or null if that run would not yet warn it.
 */
export function previewRevocation(token: HygieneToken, usage: Pick<TokenUsage, 'lastUsedAt'>, now: number, unusedDays: number | null): number | null {
  const step = unusedStep(token, usage, now, unusedDays);
  if (step.kind !== 'none') return step.warning.revokeAfter;
  const warning = currentWarning(token, usage, unusedDays);
  return warning && isLive(token, now) ? warning.revokeAfter : null;
}

/** What Jira said about an owner's account; `unknown`: not in the answer (never acted on). */
export type AccountState = 'active' | 'deactivated' | 'unknown';

export type OwnerStep = { kind: 'none' } | { kind: 'revoke' } | { kind: 'flag' } | { kind: 'clearFlag' };

/**
 * What the deactivated-owner rule does to a live token. Only a deactivation Jira reported is acted
 * on: an account Jira did not answer for, or a failed lookup, changes nothing. A flag is recorded
 * once and cleared when the account is active again.
 */
export function ownerStep(token: HygieneToken, account: AccountState, now: number, action: HygieneSettings['deactivatedOwners']): OwnerStep {
  if (!isLive(token, now)) return { kind: 'none' };
  const flagged = token.hygiene?.ownerDeactivatedAt !== undefined;
  if (account === 'active') return flagged ? { kind: 'clearFlag' } : { kind: 'none' };
  if (account !== 'deactivated') return { kind: 'none' };
  if (action === 'revoke') return { kind: 'revoke' };
  return flagged ? { kind: 'none' } : { kind: 'flag' };
}
