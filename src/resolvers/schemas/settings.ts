/** The settings payload (docs/resolvers.md), validated strictly at every level. */
import { z } from 'zod';
import { AUDIT_ACTIONS } from '../../domain/audit/model';
import { DEACTIVATED_OWNER_ACTIONS, MAX_VALIDITY_CHOICES } from '../../domain/settings/model';
import { HYGIENE_BOUNDS, MAX_VERIFICATION_CACHE_SECONDS } from '../../domain/settings/normalize';
import { rateLimitSchema } from './tokens';

const actions = Object.values(AUDIT_ACTIONS);
/** Categories that have events; retention can be set per category. */
export const RETENTION_CATEGORIES: readonly string[] = [...new Set(actions.map((entry) => entry.category))];
/** Only switchable actions can be excluded: management and settings events are always recorded. */
export const EXCLUDABLE_ACTIONS: readonly string[] = actions.filter((entry) => entry.toggle !== null).map((entry) => entry.action);

const days = z.int().min(1).max(3650);

const { maxReminders, maxReminderDay, minUnusedDays, maxUnusedDays } = HYGIENE_BOUNDS;

/** Revoking unused tokens: off (null), or a number of days; the pages offer 30, 60 and 90 and a custom number. */
export const unusedDaysSchema = z
  .int(`Unused days must be a whole number of days from ${minUnusedDays} to ${maxUnusedDays}, or null (off)`)
  .min(minUnusedDays, `Unused days must be at least ${minUnusedDays}: owners are warned 7 days before a token is revoked`)
  .max(maxUnusedDays, `Unused days must be at most ${maxUnusedDays}`)
  .nullable();

export const hygieneSchema = z.strictObject({
  reminderDays: z
    .array(
      z
        .int('Reminder days must be whole numbers of days')
        .min(1, 'Reminder days must be at least 1')
        .max(maxReminderDay, `Reminder days must be at most ${maxReminderDay}`),
    )
    .max(maxReminders, `At most ${maxReminders} reminder days`)
    .refine((list) => new Set(list).size === list.length, { message: 'Each reminder day may be listed once' }),
  unusedDays: unusedDaysSchema,
  deactivatedOwners: z.enum(DEACTIVATED_OWNER_ACTIONS, { message: 'Deactivated owners: "revoke" or "flag"' }),
});

export const settingsSchema = z
  .strictObject({
    audit: z.strictObject({
      successfulAuthentication: z.boolean(),
      failedAuthentication: z.boolean(),
      failedCredentialVerification: z.boolean(),
      permissionDenied: z.boolean(),
      rateLimited: z.boolean(),
      appApiCalls: z.boolean(),
    }),
    retention: z.strictObject({
      defaultDays: days,
      perCategoryDays: z.record(z.string(), days).refine(
        (value) => Object.keys(value).every((category) => RETENTION_CATEGORIES.includes(category)),
        { message: `Categories are ${RETENTION_CATEGORIES.join(', ')}` },
      ),
    }),
    excludedActions: z
      .array(z.string().refine((action) => EXCLUDABLE_ACTIONS.includes(action), { message: 'Not an action that can be excluded' }))
      .max(EXCLUDABLE_ACTIONS.length),
    successAggregation: z.strictObject({
      enabled: z.boolean(),
      windowSeconds: z.int().min(10).max(3600),
    }),
    policies: z.strictObject({
      maxValidity: z.enum(MAX_VALIDITY_CHOICES),
      customDays: days.nullable(),
      creators: z.discriminatedUnion('mode', [
        z.strictObject({ mode: z.literal('everyone') }),
        z.strictObject({ mode: z.literal('groups'), groupIds: z.array(z.string().min(1).max(128)).min(1).max(50) }),
      ]),
      forceReadOnlyForSelfCreated: z.boolean(),
      defaultRateLimit: rateLimitSchema.nullable(),
      systemIpAllowlist: z.array(z.string().max(64)).max(50),
    }),
    trustedGateways: z.array(z.string().max(64)).max(20),
    verificationCacheSeconds: z.int().min(0).max(MAX_VERIFICATION_CACHE_SECONDS),
    hygiene: hygieneSchema,
    version: z.int().min(0),
  })
  .refine((value) => value.policies.maxValidity !== 'custom' || value.policies.customDays !== null, {
    message: 'Choose the number of days for a custom maximum validity',
    path: ['policies', 'customDays'],
  });

export const updateSettingsSchema = z.strictObject({ settings: settingsSchema });

/** `hygiene/previewUnused`: the unsaved unused-days value to preview. */
export const previewUnusedSchema = z.strictObject({ unusedDays: unusedDaysSchema });
