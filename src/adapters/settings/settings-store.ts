/**
 * Settings live under one plain key (`KEY.settings`) so that verification can read them in the same
 * batch get as a token's lookup record. A missing key means the defaults.
 *
 * Plain keys have no conditional writes, so a one-row entity (`settings-version`) carries the
 * version: a save is one transaction that checks and bumps that row, writes the settings key and
 * the audit events. A concurrent save fails the check instead of overwriting.
 */
import { Filter, FilterConditions, kvs } from '@forge/kvs';
import type { AuditEvent } from '../../domain/audit/model';
import type { Settings } from '../../domain/settings/model';
import { withDefaults } from '../../domain/settings/normalize';
import type { SettingsRepository } from '../../domain/settings/update-settings';
import { toRow } from '../../domain/audit/row';
import { ENTITY, KEY } from '../storage-names';
import { memoizePerInvocation } from './invocation-memo';

interface VersionRow {
  version: number;
}

/** The key of the single row in the settings-version entity. */
const VERSION_ROW = 'settings';

const settingsOfThisInvocation = memoizePerInvocation(async () => withDefaults(await kvs.get<Settings>(KEY.settings)));

/** The settings, read from storage at most once per invocation. */
export function loadSettings(): Promise<Settings> {
  return settingsOfThisInvocation.get();
}

/** Saves `next` only if the stored version is still `expectedVersion`; the events go in the same transaction. */
export async function saveSettingsIfUnchanged(next: Settings, expectedVersion: number, events: AuditEvent[] = []): Promise<'saved' | 'conflict'> {
  // A missing row is accepted as "version unknown" (settings written before the row existed); the
  // first save creates it, and from then on every save must name the version it read.
  const guard = new Filter<VersionRow>().or('version', FilterConditions.equalTo(expectedVersion)).or('version', FilterConditions.notExists());
  const transaction = kvs
    .transact()
    .set<VersionRow>(VERSION_ROW, { version: next.version }, { entityName: ENTITY.settingsVersion, conditions: guard })
    .set(KEY.settings, next);
  for (const event of events) transaction.set(event.id, toRow(event), { entityName: ENTITY.auditEvent });
  try {
    await transaction.execute();
    settingsOfThisInvocation.forget();
    return 'saved';
  } catch (error) {
    const row = await kvs.entity<VersionRow>(ENTITY.settingsVersion).get(VERSION_ROW);
    if (row && row.version !== expectedVersion) return 'conflict';
    throw error;
  }
}

export const kvsSettingsRepository: SettingsRepository = { load: loadSettings, save: saveSettingsIfUnchanged };
