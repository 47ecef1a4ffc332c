/** Settings live under one plain key; a missing key means the defaults. */
import { kvs } from '@forge/kvs';
import { DEFAULT_SETTINGS, type Settings } from '../../domain/settings/model';
import { KEY } from '../storage-names';

export async function loadSettings(): Promise<Settings> {
  const stored = await kvs.get<Settings>(KEY.settings);
  return stored ? { ...DEFAULT_SETTINGS, ...stored } : DEFAULT_SETTINGS;
}

export async function saveSettings(settings: Settings): Promise<void> {
  await kvs.set(KEY.settings, settings);
}
