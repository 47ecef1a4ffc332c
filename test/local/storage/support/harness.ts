/**
 * Puts a fresh storage engine behind the REAL `@forge/kvs` package: the SDK's requests travel
 * through `__forge_fetch__` exactly as on the platform, so every assertion is about what an app
 * would observe.
 */
import { join } from 'node:path';
import { ForgeKvsAPIError } from '@forge/kvs';
import { loadManifest, type AppManifest } from '../../../../local/manifest';
import { StorageEngine, type StorageEngineOptions } from '../../../../local/storage/engine';
import { installForgeGlobals } from '../../../../local/runtime/forge-globals';

export const FIXTURE_MANIFEST = join(__dirname, '..', '..', '..', 'fixtures', 'storage-manifest.yml');

export function fixtureManifest(): AppManifest {
  return loadManifest(FIXTURE_MANIFEST);
}

/** A new in-memory engine (unless options say otherwise) wired in as the SDK's storage backend. */
export function startStorage(options: Partial<StorageEngineOptions> = {}): StorageEngine {
  const engine = new StorageEngine({ entities: fixtureManifest().entities, sweepIntervalMs: 0, ...options });
  installForgeGlobals({
    storage: engine,
    product: async () => new Response('{"message":"no product in storage tests"}', { status: 404 }),
  });
  return engine;
}

/** Awaits a rejected SDK call and returns its error, failing the test if it resolved or threw something else. */
export async function kvsError(promise: Promise<unknown>): Promise<ForgeKvsAPIError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ForgeKvsAPIError) return error;
    throw error;
  }
  throw new Error('expected the storage call to fail, but it succeeded');
}

export interface Employee {
  name: string;
  team: string;
  age: number;
  score?: number;
  active?: boolean;
  tags?: unknown;
}
