/** The settings payload (product.md §6), validated strictly at every level. */
import { z } from 'zod';
import { AUDIT_ACTIONS } from '../../domain/audit/model';
import { MAX_VALIDITY_CHOICES } from '../../domain/settings/model';
import { MAX_VERIFICATION_CACHE_SECONDS } from '../../domain/settings/normalize';
import { rateLimitSchema } from './tokens';

const actions = Object.values(AUDIT_ACTIONS);
/** Categories that have events; retention can be set per category. */
export const RETENTION_CATEGORIES: readonly string[] = [...new Set(actions.map((entry) => entry.category))];
/** Only switchable actions can be excluded: management and settings events are always recorded. */
export const EXCLUDABLE_ACTIONS: readonly string[] = actions.filter((entry) => entry.toggle !== null).map((entry) => entry.action);

const days = z.int().min(1).max(3650);

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
    version: z.int().min(0),
  })
  .refine((value) => value.policies.maxValidity !== 'custom' || value.policies.customDays !== null, {
    message: 'Choose the number of days for a custom maximum validity',
    path: ['policies', 'customDays'],
  });

export const updateSettingsSchema = z.strictObject({ settings: settingsSchema });
