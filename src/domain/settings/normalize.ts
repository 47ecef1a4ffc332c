/** Settings read from storage may predate a field: fill gaps from the defaults, group by group. */
import { DEFAULT_SETTINGS, type Settings } from './model';

export const MAX_VERIFICATION_CACHE_SECONDS = 60;

function validCacheSeconds(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= MAX_VERIFICATION_CACHE_SECONDS;
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
    version: typeof stored.version === 'number' ? stored.version : 0,
  };
}
