/**
 * The page's only way to the back end: `@forge/bridge` invoke, typed by the shared resolver contract
 * (src/shared/resolvers.ts), in the spirit of the bridge's own `makeInvoke`. A rejected call or an
 * answer without the §10 result shape becomes an UNAVAILABLE result, so screens handle one shape.
 */
import { invoke } from './bridge';
import type { DataOf, PayloadOf, ResolverKey } from '../../../../src/shared/resolvers';
import type { ResolverResult } from '../../../../src/shared/result';

/** The resolvers the `audit-log` module defines. */
export type AuditLogResolverKey = Extract<ResolverKey, 'audit/bootstrap' | 'audit/search' | 'audit/searchAuthors'>;

export type CallResolver = <K extends AuditLogResolverKey>(key: K, payload: PayloadOf<K>) => Promise<ResolverResult<DataOf<K>>>;

const UNREACHABLE = 'The audit log could not be reached. Check your connection and try again.';

function isResult(value: unknown): value is ResolverResult<unknown> {
  if (typeof value !== 'object' || value === null || !('ok' in value)) return false;
  const candidate = value as { ok: unknown; data?: unknown; error?: unknown };
  if (candidate.ok === true) return 'data' in candidate;
  return candidate.ok === false && typeof candidate.error === 'object' && candidate.error !== null;
}

export const callResolver: CallResolver = async (key, payload) => {
  try {
    // The bridge types payloads as an index signature; the contract's interfaces are the real check.
    const answer: unknown = await invoke(key, payload as unknown as Record<string, unknown>);
    if (isResult(answer)) return answer as ResolverResult<DataOf<typeof key>>;
    return { ok: false, error: { code: 'UNAVAILABLE', message: UNREACHABLE } };
  } catch {
    return { ok: false, error: { code: 'UNAVAILABLE', message: UNREACHABLE } };
  }
};
