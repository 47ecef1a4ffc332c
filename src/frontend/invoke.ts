/**
 * The only way the pages call resolvers: typed by the shared contract (src/shared/resolvers.ts),
 * and always answering the one result shape, so a page never has to catch.
 */
import { invoke as bridgeInvoke } from '@forge/bridge';
import type { DataOf, PayloadOf, ResolverKey } from '../shared/resolvers';
import type { ResolverResult } from '../shared/result';

function isResolverResult(value: unknown): value is ResolverResult<unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as { ok?: unknown; error?: unknown };
  if (candidate.ok === true) return 'data' in candidate;
  return candidate.ok === false && typeof candidate.error === 'object' && candidate.error !== null;
}

export async function invoke<K extends ResolverKey>(key: K, payload: PayloadOf<K>): Promise<ResolverResult<DataOf<K>>> {
  try {
    const answer: unknown = await bridgeInvoke(key, payload as Record<string, unknown>);
    if (isResolverResult(answer)) return answer as ResolverResult<DataOf<K>>;
    return { ok: false, error: { code: 'INTERNAL_ERROR', message: 'The app returned an answer this page does not understand.' } };
  } catch {
    // The bridge throws when the platform cannot reach the function (network, rate limit, timeout).
    return { ok: false, error: { code: 'UNAVAILABLE', message: 'Could not reach the app. Check your connection and try again.' } };
  }
}
