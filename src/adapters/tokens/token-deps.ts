/** Wires the token operations to their adapters: kvs storage, Jira directory, settings, clock, CSPRNG. */
import { systemClock } from '../../domain/ports';
import type { TokenDeps } from '../../domain/tokens/ports';
import { cryptoRandom } from '../crypto-random';
import { loadSettings } from '../settings/settings-store';
import { jiraDirectory } from './token-directory';
import { kvsTokenRepository } from './token-repository';

export function tokenDeps(site: string): TokenDeps {
  return {
    repository: kvsTokenRepository,
    directory: jiraDirectory,
    settings: { load: loadSettings },
    clock: systemClock,
    random: cryptoRandom,
    site,
  };
}
