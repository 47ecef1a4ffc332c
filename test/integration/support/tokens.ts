/** Helpers for the token integration tests: resolver calls as a given user, unwrapped results. */
import { startHost, type TestHost } from '../../support/host';

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

/**
 * Registers the file's hooks: one in-memory local host from the first test to the last, handed to
 * `onStart`, and console.info silenced around each test, since verification logs one line per
 * request (docs/audit-events.md) and the output should stay readable.
 */
export function withQuietMemoryHost(onStart: (host: TestHost) => void): void {
  let started: TestHost | undefined;
  beforeAll(async () => {
    started = await startHost({ store: 'memory' });
    onStart(started);
  });
  afterAll(async () => {
    await started?.stop();
  });
  beforeEach(() => {
    jest.spyOn(console, 'info').mockImplementation(() => undefined);
  });
  afterEach(() => {
    jest.restoreAllMocks();
  });
}
