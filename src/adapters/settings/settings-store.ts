/**
 * Settings live under one plain key (`KEY.settings`) so that verification can read them in the same
 * batch get as a token's lookup record. A missing key means the defaults.
 *
 * Plain keys have no conditional writes, so a one-row entity (`settings-version`) carries the
 * version: a save is one transaction that checks and bumps that row, writes the settings key and
 * the audit events. A concurrent save fails the check instead of overwriting.
 *
 * The same value also carries one fact that is not a setting: how many SIEM destinations exist
 * (`siemDestinations`, written by the Destinations tab). Whoever stores audit events has read
 * this key anyway (verification in its one batch get, everyone else through `loadSettings`), so
 * knowing whether to start a delivery run costs no storage call (adapters/siem/delivery-nudge.ts).
 * It is not part of `Settings`: the settings page never sees it, and a settings save carries the
 * stored count forward. The number of alert webhooks (`alertWebhooks`, written by the Alerts tab)
 * rides the same way, so that verification knows without a storage call whether a new security
 * alert has anywhere to go (src/webtriggers/authenticator.ts).
 */
import { TRY_AGAIN, withAttempts } from '../../domain/attempts';
import { Filter, FilterConditions, kvs } from '@forge/kvs';
import type { AuditEvent } from '../../domain/audit/model';
import type { Settings } from '../../domain/settings/model';
import { withDefaults } from '../../domain/settings/normalize';
import type { SettingsRepository } from '../../domain/settings/update-settings';
import { toRow } from '../../domain/audit/row';
import { isConflict } from '../kvs/errors';
import { ENTITY, KEY } from '../kvs/names';
import { deliverSoon } from '../siem/delivery-nudge';
import { memoizePerInvocation } from './invocation-memo';

interface VersionRow {
  version: number;
}

/** The value stored under `KEY.settings`: the settings and the destination count beside them. */
export type StoredSettings = Partial<Settings> & { siemDestinations?: number; alertWebhooks?: number };

/** Splits a stored settings value into the settings (defaults filled in) and whether SIEM destinations and alert webhooks exist. */
export function fromStored(stored: StoredSettings | null | undefined): { settings: Settings; streaming: boolean; alerting: boolean } {
  const { siemDestinations, alertWebhooks, ...settings } = stored ?? {};
  return {
    settings: withDefaults(settings),
    streaming: typeof siemDestinations === 'number' && siemDestinations > 0,
    alerting: typeof alertWebhooks === 'number' && alertWebhooks > 0,
  };
}

/** The key of the single row in the settings-version entity. */
const VERSION_ROW = 'settings';

const storedOfThisInvocation = memoizePerInvocation(async () => (await kvs.get<StoredSettings>(KEY.settings)) ?? null);

/** The settings, read from storage at most once per invocation. */
export async function loadSettings(): Promise<Settings> {
  return fromStored(await storedOfThisInvocation.get()).settings;
}

/** Whether any SIEM destination exists, from the same read as `loadSettings` (free when the settings were loaded). */
export async function siemStreaming(): Promise<boolean> {
  return fromStored(await storedOfThisInvocation.get()).streaming;
}

/** Saves `next` only if the stored version is still `expectedVersion`; the events go in the same transaction. */
export async function saveSettingsIfUnchanged(next: Settings, expectedVersion: number, events: AuditEvent[] = []): Promise<'saved' | 'conflict'> {
  // A missing row is accepted as "version unknown" (settings written before the row existed); the
  // first save creates it, and from then on every save must name the version it read.
  const guard = new Filter<VersionRow>().or('version', FilterConditions.equalTo(expectedVersion)).or('version', FilterConditions.notExists());
  // The destination count rides along as read by this save's load (updateSettings loads just before).
  const { siemDestinations, alertWebhooks } = (await storedOfThisInvocation.get()) ?? {};
  const transaction = kvs
    .transact()
    .set<VersionRow>(VERSION_ROW, { version: next.version }, { entityName: ENTITY.settingsVersion, conditions: guard })
    .set<StoredSettings>(KEY.settings, {
      ...next,
      ...(siemDestinations === undefined ? {} : { siemDestinations }),
      ...(alertWebhooks === undefined ? {} : { alertWebhooks }),
    });
  for (const event of events) transaction.set(event.id, toRow(event), { entityName: ENTITY.auditEvent });
  try {
    await transaction.execute();
    storedOfThisInvocation.forget();
    if (events.length > 0) await deliverSoon(siemDestinations !== undefined && siemDestinations > 0);
    return 'saved';
  } catch (error) {
    const row = await kvs.entity<VersionRow>(ENTITY.settingsVersion).get(VERSION_ROW);
    if (row && row.version !== expectedVersion) return 'conflict';
    throw error;
  }
}

/**
 * Records how many SIEM destinations exist, beside the settings, without bumping their version (an
 * admin editing the settings meanwhile gets no conflict). The write is conditional on the version
 * row, so it cannot undo a settings save that landed since the read; it tries again if one did.
 * A settings save that read the count just before this write and lands just after carries the old
 * count forward: the delivery tick notices within five minutes and writes it again.
 */
export async function recordSiemDestinations(count: number): Promise<void> {
  await recordBesideSettings('siemDestinations', count, 'the SIEM destination count was written; the delivery tick will write it.');
}

/** Records how many alert webhooks exist, beside the settings, as recordSiemDestinations does. */
export async function recordAlertWebhooks(count: number): Promise<void> {
  await recordBesideSettings('alertWebhooks', count, 'the alert webhook count was written; save a webhook again.');
}

async function recordBesideSettings(field: 'siemDestinations' | 'alertWebhooks', count: number, failure: string): Promise<void> {
  const written = await withAttempts(5, async () => {
    const stored = (await kvs.get<StoredSettings>(KEY.settings)) ?? {};
    const version = typeof stored.version === 'number' ? stored.version : 0;
    const guard = new Filter<VersionRow>().or('version', FilterConditions.equalTo(version)).or('version', FilterConditions.notExists());
    try {
      await kvs
        .transact()
        .check<VersionRow>(VERSION_ROW, { entityName: ENTITY.settingsVersion, conditions: guard })
        .set<StoredSettings>(KEY.settings, { ...stored, [field]: count })
        .execute();
      storedOfThisInvocation.forget();
      return true;
    } catch (error) {
      if (!isConflict(error)) throw error;
      return TRY_AGAIN;
    }
  });
  if (written === TRY_AGAIN) throw new Error(`The settings kept changing while ${failure}`);
}

export const kvsSettingsRepository: SettingsRepository = { load: loadSettings, save: saveSettingsIfUnchanged };
