/**
 * The only way the UI Kit pages call resolvers: typed by the shared contract (src/shared/resolvers.ts),
 * and always answering the one result shape (src/shared/invoke-result.ts), so a page never has to catch.
 */
import { invoke as bridgeInvoke } from '@forge/bridge';
import { settleInvoke } from '../shared/invoke-result';
import type { DataOf, PayloadOf, ResolverKey } from '../shared/resolvers';
import type { ResolverResult } from '../shared/result';

export async function invoke<K extends ResolverKey>(key: K, payload: PayloadOf<K>): Promise<ResolverResult<DataOf<K>>> {
  // The bridge types payloads as an index signature; the contract is the real check.
  return settleInvoke<DataOf<K>>(() => bridgeInvoke(key, payload as Record<string, unknown>));
}
