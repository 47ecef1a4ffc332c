/**
 * Saving the settings page: validated values, optimistic concurrency on `version` (a save based on
 * stale settings gets CONFLICT instead of silently undoing another admin's change), and one
 * "Audit settings changed" and/or "Token policy changed" event with the changed values, written
 * in the same transaction as the settings.
 */
import { fail, ok, type ResolverResult } from '../../shared/result';
import type { AuditEvent, ChangedValue } from '../audit/model';
import { normalizeCidrList } from '../net/cidr';
import type { Clock, RandomSource } from '../ports';
import type { Caller, Directory } from '../tokens/ports';
import { buildManagementEvent } from '../tokens/token-events';
import { diffSettings, isPolicyChange } from './diff';
import type { Settings } from './model';

export interface SettingsRepository {
  load(): Promise<Settings>;
  /** Writes `next` and the events only if the stored version is still `expectedVersion`. */
  save(next: Settings, expectedVersion: number, events: AuditEvent[]): Promise<'saved' | 'conflict'>;
}

export interface SettingsDeps {
  settings: SettingsRepository;
  directory: Pick<Directory, 'displayNames'>;
  clock: Clock;
  random: RandomSource;
  site: string;
}

export const STALE_SETTINGS = 'Another administrator saved the settings after you opened them. Reload to see their changes, then save again.';

export async function updateSettings(
  deps: SettingsDeps,
  caller: Caller,
  submitted: Settings,
): Promise<ResolverResult<{ settings: Settings; changes: ChangedValue[] }>> {
  const allowlist = normalizeCidrList(submitted.policies.systemIpAllowlist);
  if (!allowlist.ok) {
    return fail('INVALID_INPUT', `Not an IP address or CIDR range: ${allowlist.invalid.join(', ')}`, [
      { path: 'settings.policies.systemIpAllowlist', message: `Invalid entries: ${allowlist.invalid.join(', ')}` },
    ]);
  }
  const current = await deps.settings.load();
  if (current.version !== submitted.version) return fail('CONFLICT', STALE_SETTINGS);

  const next: Settings = {
    ...submitted,
    excludedActions: [...new Set(submitted.excludedActions)],
    policies: {
      ...submitted.policies,
      // Only the custom choice carries a day count; keep the stored shape unambiguous.
      customDays: submitted.policies.maxValidity === 'custom' ? submitted.policies.customDays : null,
      systemIpAllowlist: allowlist.cidrs,
    },
    version: current.version + 1,
  };
  const changes = diffSettings(current, next);
  if (changes.length === 0) return ok({ settings: current, changes });

  const now = deps.clock.now();
  const names = await deps.directory.displayNames([caller.accountId]);
  const policyChanges = changes.filter(isPolicyChange);
  const auditChanges = changes.filter((change) => !isPolicyChange(change));
  const events: AuditEvent[] = [];
  const settingsObject = { type: 'app settings', id: 'settings', name: 'API token audit settings' };
  if (auditChanges.length > 0) {
    events.push(buildManagementEvent(deps, now, { action: 'auditSettingsChanged', caller, names, affectedObjects: [settingsObject], changedValues: auditChanges }));
  }
  if (policyChanges.length > 0) {
    events.push(buildManagementEvent(deps, now, { action: 'tokenPolicyChanged', caller, names, affectedObjects: [settingsObject], changedValues: policyChanges }));
  }
  if ((await deps.settings.save(next, current.version, events)) === 'conflict') return fail('CONFLICT', STALE_SETTINGS);
  return ok({ settings: next, changes });
}
