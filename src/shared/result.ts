/**
 * The one result shape every resolver returns: the domain's result, unchanged on the wire
 * (src/domain/result.ts). Pages import it from here, so they need not know the domain's layout.
 */
export { fail, ok, type ErrorCode, type ResolverError, type ResolverResult } from '../domain/result';
