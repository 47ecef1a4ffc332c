/**
 * What a use case answers: its data, or an expected denial with a stable code. Resolvers hand it to
 * the page unchanged (docs/resolvers.md: the wire shape is this shape). Expected denials are values;
 * an exception means the infrastructure failed.
 */
export type ErrorCode =
  | 'FORBIDDEN'
  | 'INVALID_INPUT'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'POLICY_VIOLATION'
  | 'UNAVAILABLE'
  | 'INTERNAL_ERROR';

export interface ResolverError {
  code: ErrorCode;
  message: string;
  /** Field-level problems for INVALID_INPUT, e.g. [{path: 'description', message: 'Required'}]. */
  issues?: Array<{ path: string; message: string }>;
}

export type ResolverResult<T> = { ok: true; data: T } | { ok: false; error: ResolverError };

export const ok = <T>(data: T): ResolverResult<T> => ({ ok: true, data });

export const fail = <T = never>(
  code: ErrorCode,
  message: string,
  issues?: ResolverError['issues'],
): ResolverResult<T> => ({ ok: false, error: issues ? { code, message, issues } : { code, message } });
