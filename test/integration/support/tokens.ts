/** Helpers for the token integration tests: resolver calls as a given user, unwrapped results. */
import type { TestHost } from '../../support/host';

export const ADMIN_PAGE = 'api-token-admin';
export const PERSONAL_PAGE = 'my-api-tokens';

export type Result<T> = { ok: true; data: T } | { ok: false; error: { code: string; message: string; issues?: unknown[] } };

export function unwrap<T>(result: Result<T>, what: string): T {
  if (!result.ok) throw new Error(`${what} failed: ${result.error.code} ${result.error.message}`);
  return result.data;
}

/** A resolver call that must succeed. */
export async function call<T>(host: TestHost, moduleKey: string, key: string, payload: unknown, accountId = 'local-admin'): Promise<T> {
  return unwrap(await host.invoke<Result<T>>(moduleKey, key, payload, { accountId }), `${moduleKey} ${key}`);
}

/** A resolver call's raw result, for tests of refusals. */
export function attempt<T = unknown>(host: TestHost, moduleKey: string, key: string, payload: unknown, accountId = 'local-admin'): Promise<Result<T>> {
  return host.invoke<Result<T>>(moduleKey, key, payload, { accountId });
}

export function bearer(secret: string): { headers: Record<string, string> } {
  return { headers: { authorization: `Bearer ${secret}` } };
}
