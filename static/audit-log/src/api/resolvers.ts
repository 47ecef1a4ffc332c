/**
 * The page's only way to the back end: `@forge/bridge` invoke, typed by the shared resolver contract
 * (src/shared/resolvers.ts) and settled into the one result shape the UI Kit pages use too
 * (src/shared/invoke-result.ts), so screens handle one shape.
 */
import { invoke } from './bridge';
import { settleInvoke } from '../../../../src/shared/invoke-result';
import type { DataOf, ModuleResolvers, PayloadOf } from '../../../../src/shared/resolvers';
import type { ResolverResult } from '../../../../src/shared/result';

/** The resolvers the `audit-log` module defines (checked against its spec map in src/resolvers/audit-log.ts). */
export type AuditLogResolverKey = ModuleResolvers['audit-log'];

export type CallResolver = <K extends AuditLogResolverKey>(key: K, payload: PayloadOf<K>) => Promise<ResolverResult<DataOf<K>>>;

export const callResolver: CallResolver = (key, payload) =>
  // The bridge types payloads as an index signature; the contract is the real check.
  settleInvoke(() => invoke(key, payload as unknown as Record<string, unknown>));
