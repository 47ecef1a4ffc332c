/** `settings/get` and `settings/update` (admin page, Audit settings tab). */
import { cryptoRandom } from '../adapters/crypto-random';
import { kvsSettingsRepository, loadSettings } from '../adapters/settings/settings-store';
import { jiraDirectory } from '../adapters/tokens/token-directory';
import { systemClock } from '../domain/ports';
import { updateSettings } from '../domain/settings/update-settings';
import { ok, spec } from './define';
import { updateSettingsSchema } from './schemas/settings';
import { emptySchema } from './schemas/tokens';
import { callerFor, siteOf } from './tokens';

export const settingsSpecs = {
  'settings/get': spec({
    access: 'admin',
    payload: emptySchema,
    handle: async () => ok({ settings: await loadSettings() }),
  }),
  'settings/update': spec({
    access: 'admin',
    payload: updateSettingsSchema,
    handle: (payload, context) =>
      updateSettings(
        { settings: kvsSettingsRepository, directory: jiraDirectory, clock: systemClock, random: cryptoRandom, site: siteOf(context) },
        callerFor('admin', context),
        payload.settings,
      ),
  }),
};
