/**
 * The Audit settings tab edits a form, not the Settings object: numbers stay text until review,
 * so a half-typed value is shown as typed and reported next to its field instead of being lost.
 */
import { AUDIT_ACTIONS } from '../../domain/audit/model';
import type { AuditToggles, DeactivatedOwnerAction, MaxValidityChoice, Settings } from '../../domain/settings/model';
import { HYGIENE_BOUNDS } from '../../domain/settings/normalize';
import { parseLines, type FieldIssues } from '../components/field-issues';
import { draftOf, parseRateLimit, type RateLimitDraft } from '../components/token-limits-form';

export interface GroupRef {
  groupId: string;
  name: string;
}

export interface SettingsForm {
  audit: AuditToggles;
  retentionDefault: string;
  /** Category → days as typed; empty means "use the default period". */
  retentionPerCategory: Record<string, string>;
  excludedActions: string[];
  aggregationEnabled: boolean;
  aggregationWindowSeconds: number;
  maxValidity: MaxValidityChoice;
  customDays: string;
  creatorsMode: 'everyone' | 'groups';
  creatorGroups: GroupRef[];
  forceReadOnly: boolean;
  defaultRateLimit: RateLimitDraft;
  systemIpAllowlist: string;
  trustedGateways: string;
  verificationCacheSeconds: number;
  /** Reminder days as typed, e.g. "7, 1"; empty = no reminders. */
  reminderDays: string;
  unusedChoice: UnusedChoice;
  unusedCustomDays: string;
  deactivatedOwners: DeactivatedOwnerAction;
}

export const UNUSED_PRESETS = [30, 60, 90] as const;
export type UnusedChoice = 'off' | '30' | '60' | '90' | 'custom';

function unusedChoiceOf(days: number | null): UnusedChoice {
  if (days === null) return 'off';
  return (UNUSED_PRESETS as readonly number[]).includes(days) ? (String(days) as UnusedChoice) : 'custom';
}

/** The unused-days value a form stands for: null (off), a preset, or the custom number if it reads as one. */
export function unusedDaysOf(form: Pick<SettingsForm, 'unusedChoice' | 'unusedCustomDays'>): { ok: true; days: number | null } | { ok: false; message: string } {
  if (form.unusedChoice === 'off') return { ok: true, days: null };
  if (form.unusedChoice !== 'custom') return { ok: true, days: Number(form.unusedChoice) };
  const { minUnusedDays, maxUnusedDays } = HYGIENE_BOUNDS;
  const text = form.unusedCustomDays.trim();
  const days = /^\d+$/.test(text) ? Number(text) : NaN;
  if (!(days >= minUnusedDays && days <= maxUnusedDays)) {
    return { ok: false, message: `A whole number of days from ${minUnusedDays} to ${maxUnusedDays} (owners are warned 7 days ahead).` };
  }
  return { ok: true, days };
}

/** "7, 1" → [7, 1]; a message for anything else. */
export function parseReminderDays(text: string): { ok: true; days: number[] } | { ok: false; message: string } {
  const { maxReminders, maxReminderDay } = HYGIENE_BOUNDS;
  const parts = text.split(/[\s,]+/).filter((part) => part !== '');
  const days = parts.map((part) => (/^\d+$/.test(part) ? Number(part) : NaN));
  if (days.some((day) => !(day >= 1 && day <= maxReminderDay))) {
    return { ok: false, message: `Whole numbers of days from 1 to ${maxReminderDay}, separated by commas (e.g. 7, 1).` };
  }
  if (new Set(days).size !== days.length) return { ok: false, message: 'List each reminder day once.' };
  if (days.length > maxReminders) return { ok: false, message: `At most ${maxReminders} reminder days.` };
  return { ok: true, days: days.sort((a, b) => b - a) };
}

const catalog = Object.values(AUDIT_ACTIONS);
/** Every category that has events can have its own retention period. */
export const RETENTION_CATEGORIES: string[] = [...new Set(catalog.map((entry) => entry.category))];
/** Only switchable actions can be excluded: management and settings events are always recorded (docs/audit-events.md). */
export const EXCLUDABLE_ACTIONS: string[] = catalog.filter((entry) => entry.toggle !== null).map((entry) => entry.action);

const MAX_DAYS = 3650;

export function formFromSettings(settings: Settings, groupNames: ReadonlyMap<string, string>): SettingsForm {
  const creators = settings.policies.creators;
  return {
    audit: { ...settings.audit },
    retentionDefault: String(settings.retention.defaultDays),
    retentionPerCategory: Object.fromEntries(
      RETENTION_CATEGORIES.map((category) => {
        const days = settings.retention.perCategoryDays[category];
        return [category, days === undefined ? '' : String(days)];
      }),
    ),
    excludedActions: [...settings.excludedActions],
    aggregationEnabled: settings.successAggregation.enabled,
    aggregationWindowSeconds: settings.successAggregation.windowSeconds,
    maxValidity: settings.policies.maxValidity,
    customDays: settings.policies.customDays === null ? '' : String(settings.policies.customDays),
    creatorsMode: creators.mode,
    creatorGroups: creators.mode === 'groups' ? creators.groupIds.map((groupId) => ({ groupId, name: groupNames.get(groupId) ?? groupId })) : [],
    forceReadOnly: settings.policies.forceReadOnlyForSelfCreated,
    defaultRateLimit: draftOf(settings.policies.defaultRateLimit),
    systemIpAllowlist: settings.policies.systemIpAllowlist.join('\n'),
    trustedGateways: settings.trustedGateways.join('\n'),
    verificationCacheSeconds: settings.verificationCacheSeconds,
    reminderDays: settings.hygiene.reminderDays.join(', '),
    unusedChoice: unusedChoiceOf(settings.hygiene.unusedDays),
    unusedCustomDays: unusedChoiceOf(settings.hygiene.unusedDays) === 'custom' ? String(settings.hygiene.unusedDays) : '',
    deactivatedOwners: settings.hygiene.deactivatedOwners,
  };
}

function parseDays(text: string): number | null {
  const trimmed = text.trim();
  if (!/^\d+$/.test(trimmed)) return null;
  const days = Number(trimmed);
  return days >= 1 && days <= MAX_DAYS ? days : null;
}

/** Issue paths match the server's (`settings.retention.defaultDays`...), so both kinds land on the same field. */
export function settingsFromForm(form: SettingsForm, version: number): { ok: true; settings: Settings } | { ok: false; issues: FieldIssues } {
  const issues: FieldIssues = [];
  const daysMessage = `A whole number of days from 1 to ${MAX_DAYS}.`;

  const defaultDays = parseDays(form.retentionDefault);
  if (defaultDays === null) issues.push({ path: 'settings.retention.defaultDays', message: daysMessage });
  const perCategoryDays: Record<string, number> = {};
  for (const [category, text] of Object.entries(form.retentionPerCategory)) {
    if (text.trim() === '') continue;
    const days = parseDays(text);
    if (days === null) issues.push({ path: `settings.retention.perCategoryDays.${category}`, message: daysMessage });
    else perCategoryDays[category] = days;
  }

  let customDays: number | null = null;
  if (form.maxValidity === 'custom') {
    customDays = parseDays(form.customDays);
    if (customDays === null) issues.push({ path: 'settings.policies.customDays', message: daysMessage });
  }
  if (form.creatorsMode === 'groups' && form.creatorGroups.length === 0) {
    issues.push({ path: 'settings.policies.creators', message: 'Choose at least one group, or let everyone create tokens.' });
  }
  const rateLimit = parseRateLimit(form.defaultRateLimit);
  if (!rateLimit.ok) issues.push({ path: 'settings.policies.defaultRateLimit', message: rateLimit.message });

  const reminderDays = parseReminderDays(form.reminderDays);
  if (!reminderDays.ok) issues.push({ path: 'settings.hygiene.reminderDays', message: reminderDays.message });
  const unusedDays = unusedDaysOf(form);
  if (!unusedDays.ok) issues.push({ path: 'settings.hygiene.unusedDays', message: unusedDays.message });

  if (issues.length > 0 || defaultDays === null || !rateLimit.ok || !reminderDays.ok || !unusedDays.ok) return { ok: false, issues };
  return {
    ok: true,
    settings: {
      audit: { ...form.audit },
      retention: { defaultDays, perCategoryDays },
      excludedActions: EXCLUDABLE_ACTIONS.filter((action) => form.excludedActions.includes(action)),
      successAggregation: { enabled: form.aggregationEnabled, windowSeconds: form.aggregationWindowSeconds },
      policies: {
        maxValidity: form.maxValidity,
        customDays,
        creators: form.creatorsMode === 'groups' ? { mode: 'groups', groupIds: form.creatorGroups.map((group) => group.groupId) } : { mode: 'everyone' },
        forceReadOnlyForSelfCreated: form.forceReadOnly,
        defaultRateLimit: rateLimit.value,
        systemIpAllowlist: parseLines(form.systemIpAllowlist),
      },
      trustedGateways: parseLines(form.trustedGateways),
      verificationCacheSeconds: form.verificationCacheSeconds,
      hygiene: { reminderDays: reminderDays.days, unusedDays: unusedDays.days, deactivatedOwners: form.deactivatedOwners },
      version,
    },
  };
}

export function sameForm(a: SettingsForm, b: SettingsForm): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
