/**
 * The review dialog speaks the page's language: each changed value under the label its control
 * has on the settings page, with switches as On/Off, instead of the flattened key the audit event
 * records (`audit.successfulAuthentication false → true`).
 */
import type { ChangedValue } from '../../domain/audit/model';

const FIXED: Record<string, string> = {
  'audit.successfulAuthentication': 'Record: Successful authentication',
  'audit.failedAuthentication': 'Record: Failed authentication attempts',
  'audit.failedCredentialVerification': 'Record: Failed credential verification',
  'audit.permissionDenied': 'Record: Permission denied',
  'audit.rateLimited': 'Record: Rate limited',
  'audit.appApiCalls': 'Record: App API calls',
  'retention.defaultDays': 'Keep events for (days)',
  excludedActions: 'Never record these actions',
  'successAggregation.enabled': 'Aggregate successful authentications',
  'successAggregation.windowSeconds': 'Aggregation window',
  'policies.maxValidity': 'Maximum validity of new tokens',
  'policies.customDays': 'Maximum validity of new tokens (days)',
  'policies.creators.mode': 'Who may create tokens for themselves',
  'policies.creators.groupIds': 'Groups whose members may create tokens',
  'policies.forceReadOnlyForSelfCreated': 'Tokens people create for themselves are read-only',
  'policies.defaultRateLimit': 'Default rate limit',
  'policies.systemIpAllowlist': 'System-wide IP allowlist',
  trustedGateways: 'Trusted gateways',
  verificationCacheSeconds: 'Gateways may reuse a successful verification for',
  'hygiene.reminderDays': 'Remind owners this many days before a token expires',
  'hygiene.unusedDays': 'Revoke tokens unused for (days)',
  'hygiene.deactivatedOwners': 'Tokens of people whose Atlassian account is deactivated',
};

const VALUES: Record<string, Record<string, string>> = {
  'policies.maxValidity': { never: 'No maximum', '30d': '30 days', '90d': '90 days', '6m': '6 months', '1y': '1 year', '2y': '2 years', custom: 'Custom number of days' },
  'policies.creators.mode': { everyone: 'Everyone with access to Jira', groups: 'Only members of these groups' },
  verificationCacheSeconds: { '0': 'Off' },
  'hygiene.deactivatedOwners': { flag: 'Flag them', revoke: 'Revoke them' },
};

const SECONDS_KEYS = new Set(['successAggregation.windowSeconds', 'verificationCacheSeconds']);

export function changeLabel(key: string): string {
  const fixed = FIXED[key];
  if (fixed) return fixed;
  const category = /^retention\.perCategoryDays\.(.+)$/.exec(key)?.[1];
  if (category) return `Keep ${category} events for (days)`;
  return key;
}

/** A value as the page shows it: switches On/Off, choices by their label, windows in seconds. */
export function changeValue(key: string, value: string | null): string {
  if (value === null || value === '') return '(none)';
  if (value === 'true') return 'On';
  if (value === 'false') return 'Off';
  const named = VALUES[key]?.[value];
  if (named) return named;
  if (SECONDS_KEYS.has(key) && /^\d+$/.test(value)) return `${value} seconds`;
  return value;
}

export interface LabelledChange {
  key: string;
  label: string;
  from: string;
  to: string;
}

export function labelledChanges(changes: readonly ChangedValue[]): LabelledChange[] {
  return changes.map((change) => ({ key: change.key, label: changeLabel(change.key), from: changeValue(change.key, change.from), to: changeValue(change.key, change.to) }));
}
