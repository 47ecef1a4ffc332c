/** Settings read from storage may predate a field: fill gaps from the defaults, group by group. */
import { DEACTIVATED_OWNER_ACTIONS, DEFAULT_SETTINGS, type HygieneSettings, type Settings } from './model';

export const MAX_VERIFICATION_CACHE_SECONDS = 60;

function validCacheSeconds(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= MAX_VERIFICATION_CACHE_SECONDS;
}

/** Bounds of the hygiene settings, shared by the resolver schema and the read path. */
export const HYGIENE_BOUNDS = { maxReminders: 5, maxReminderDay: 365, minUnusedDays: 7, maxUnusedDays: 3650 } as const;

function isDayCount(value: unknown, min: number, max: number): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max;
}

/** Reminder days as the daily run uses them: distinct, largest first. */
export function sortedReminderDays(days: readonly number[]): number[] {
  return [...new Set(days)].sort((a, b) => b - a);
}

/** A stored group that does not read as valid falls back field by field, never to something looser. */
function hygieneWithDefaults(stored: Partial<HygieneSettings> | undefined): HygieneSettings {
  const fallback = DEFAULT_SETTINGS.hygiene;
  if (!stored || typeof stored !== 'object') return fallback;
  const { maxReminders, maxReminderDay, minUnusedDays, maxUnusedDays } = HYGIENE_BOUNDS;
  const reminders = stored.reminderDays;
  return {
    reminderDays:
      Array.isArray(reminders) && reminders.length <= maxReminders && reminders.every((day) => isDayCount(day, 1, maxReminderDay))
        ? sortedReminderDays(reminders)
        : fallback.reminderDays,
    unusedDays: stored.unusedDays === null || isDayCount(stored.unusedDays, minUnusedDays, maxUnusedDays) ? (stored.unusedDays ?? null) : fallback.unusedDays,
    deactivatedOwners: DEACTIVATED_OWNER_ACTIONS.includes(stored.deactivatedOwners as never) ? (stored.deactivatedOwners as HygieneSettings['deactivatedOwners']) : fallback.deactivatedOwners,
  };
}

export function withDefaults(stored: Partial<Settings> | undefined | null): Settings {
  if (!stored) return DEFAULT_SETTINGS;
  return {
    ...DEFAULT_SETTINGS,
    ...stored,
    audit: { ...DEFAULT_SETTINGS.audit, ...stored.audit },
    retention: { ...DEFAULT_SETTINGS.retention, ...stored.retention },
    successAggregation: { ...DEFAULT_SETTINGS.successAggregation, ...stored.successAggregation },
    policies: { ...DEFAULT_SETTINGS.policies, ...stored.policies },
    trustedGateways: Array.isArray(stored.trustedGateways) ? stored.trustedGateways : DEFAULT_SETTINGS.trustedGateways,
    verificationCacheSeconds: validCacheSeconds(stored.verificationCacheSeconds) ? stored.verificationCacheSeconds : DEFAULT_SETTINGS.verificationCacheSeconds,
    hygiene: hygieneWithDefaults(stored.hygiene),
    version: typeof stored.version === 'number' ? stored.version : 0,
  };
}
