/** Token operations wired to in-memory fakes. */
import { DEFAULT_SETTINGS, type Settings } from '../../src/domain/settings/model';
import type { Caller, TokenDeps } from '../../src/domain/tokens/ports';
import { manualClock, type ManualClock } from './clock';
import { fakeDirectory, type FakeDirectory } from './directory';
import { seededRandom } from './random';
import { InMemoryTokenRepository } from './token-repository';

export interface FakeTokenWorld {
  deps: TokenDeps;
  repository: InMemoryTokenRepository;
  directory: FakeDirectory;
  clock: ManualClock;
  settings: Settings;
  setPolicies(policies: Partial<Settings['policies']>): void;
}

export function fakeTokenWorld(options?: { directory?: FakeDirectory; seed?: number }): FakeTokenWorld {
  const repository = new InMemoryTokenRepository();
  const directory = options?.directory ?? fakeDirectory();
  const clock = manualClock();
  const world: FakeTokenWorld = {
    repository,
    directory,
    clock,
    settings: structuredClone(DEFAULT_SETTINGS),
    deps: {
      repository,
      directory,
      settings: { load: async () => structuredClone(world.settings) },
      clock,
      random: seededRandom(options?.seed ?? 42),
      site: 'https://local.example.net',
    },
    setPolicies(policies) {
      world.settings = { ...world.settings, policies: { ...world.settings.policies, ...policies } };
    },
  };
  return world;
}

export const ADMIN: Caller = { accountId: 'local-admin', isAdmin: true, reach: 'all', method: 'Admin page' };
export const ALICE: Caller = { accountId: 'alice', isAdmin: undefined, reach: 'own', method: 'Personal settings' };
export const BOB: Caller = { accountId: 'bob', isAdmin: undefined, reach: 'own', method: 'Personal settings' };
