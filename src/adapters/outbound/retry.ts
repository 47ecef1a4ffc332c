/**
 * Backing off when Jira answers 429 (Jira Cloud rate limiting: honour `Retry-After`).
 * Bounded, because a Forge function has 25 seconds in all: at most `maxRetries` more attempts, and no single
 * wait longer than `maxDelayMs`, however long the server asks for.
 */
export interface RetryPolicy {
  maxRetries: number;
  /** Wait before retry n (0-based) when the response names no Retry-After: baseDelayMs * 2^n. */
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxRetries: 2, baseDelayMs: 500, maxDelayMs: 5_000 };

/** `Retry-After` as milliseconds: delay-seconds or an HTTP date; null when absent or unreadable. */
export function parseRetryAfter(value: string | null, now: number): number | null {
  if (value === null) return null;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? null : Math.max(0, date - now);
}

export function retryDelay(retryAfter: string | null, retry: number, policy: RetryPolicy, now: number): number {
  const asked = parseRetryAfter(retryAfter, now);
  const delay = asked ?? policy.baseDelayMs * 2 ** retry;
  return Math.min(Math.max(0, delay), policy.maxDelayMs);
}

export interface RetryDeps {
  sleep: (ms: number) => Promise<void>;
  now: () => number;
}

export const realRetryDeps: RetryDeps = {
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  now: () => Date.now(),
};

/**
 * Sends, and sends again while the answer is 429 and retries remain. Returns the last response and how many
 * attempts were made; the caller decides what a final 429 means.
 */
export interface RetryableResponse {
  status: number;
  headers: { get(name: string): string | null };
  arrayBuffer(): Promise<ArrayBuffer>;
}

export async function sendWithRetries<R extends RetryableResponse>(
  send: () => Promise<R>,
  policy: RetryPolicy = DEFAULT_RETRY_POLICY,
  deps: RetryDeps = realRetryDeps,
): Promise<{ response: R; attempts: number }> {
  for (let retry = 0; ; retry += 1) {
    const response = await send();
    if (response.status !== 429 || retry >= policy.maxRetries) return { response, attempts: retry + 1 };
    // The 429 body is not needed; release it before waiting.
    await response.arrayBuffer().catch(() => undefined);
    await deps.sleep(retryDelay(response.headers.get('retry-after'), retry, policy, deps.now()));
  }
}
