/**
 * Saving the settings page: validated values, optimistic concurrency on `version` (a save based on
 * stale settings gets CONFLICT instead of silently undoing another admin's change), and one
 * "Audit settings changed" and/or "Token policy changed" event with the changed values, written
 * in the same transaction as the settings.
 */
import { fail, ok, type ResolverResult } from '../result';
import type { AuditEvent, ChangedValue } from '../audit/model';
import { normalizeCidrList, parseCidrList } from '../net/cidr';
import type { Clock, RandomSource } from '../ports';
import type { Caller, Directory } from '../tokens/ports';
import { buildManagementEvent } from '../tokens/token-events';
import { diffSettings, isPolicyChange } from './diff';
import type { Settings } from './model';
import { sortedReminderDays } from './normalize';

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

/**
 * A trusted gateway is believed about who its client is, so a range that wide would let anyone in
 * it choose the address allowlists check. Gateways sit in a subnet; a /0 is a mistake.
 */
export const MIN_GATEWAY_PREFIX = { ipv4: 8, ipv6: 32 } as const;

function trustedGatewayList(list: readonly string[]): { ok: true; cidrs: string[] } | { ok: false; message: string } {
  const parsed = parseCidrList(list);
  if (!parsed.ok) return { ok: false, message: `Not an IP address or CIDR range: ${parsed.invalid.join(', ')}` };
  const tooWide = parsed.cidrs.filter((cidr) => cidr.prefixLength < MIN_GATEWAY_PREFIX[cidr.address.kind()]);
  if (tooWide.length > 0) {
    return {
      ok: false,
      message: `Too wide to trust as a gateway (at least /${MIN_GATEWAY_PREFIX.ipv4} for IPv4, /${MIN_GATEWAY_PREFIX.ipv6} for IPv6): ${tooWide.map((cidr) => cidr.text).join(', ')}`,
    };
  }
  return { ok: true, cidrs: [...new Set(parsed.cidrs.map((cidr) => cidr.text))] };
}

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
  const gateways = trustedGatewayList(submitted.trustedGateways);
  if (!gateways.ok) return fail('INVALID_INPUT', gateways.message, [{ path: 'settings.trustedGateways', message: gateways.message }]);
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
    trustedGateways: gateways.cidrs,
    hygiene: { ...submitted.hygiene, reminderDays: sortedReminderDays(submitted.hygiene.reminderDays) },
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
