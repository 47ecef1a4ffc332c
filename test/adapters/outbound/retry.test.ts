import { DEFAULT_RETRY_POLICY, parseRetryAfter, retryDelay, sendWithRetries, type RetryPolicy } from '../../../src/adapters/outbound/retry';

const NOW = Date.parse('2026-11-22T10:00:00Z');
const policy: RetryPolicy = { maxRetries: 2, baseDelayMs: 500, maxDelayMs: 5_000 };

function answers(...responses: Array<{ status: number; retryAfter?: string }>): { send: () => Promise<Response>; sent: () => number } {
  let sent = 0;
  return {
    send: async () => {
      const next = responses[Math.min(sent, responses.length - 1)];
      sent += 1;
      const headers: Record<string, string> = next?.retryAfter ? { 'retry-after': next.retryAfter } : {};
      return new Response(JSON.stringify({ n: sent }), { status: next?.status ?? 200, headers });
    },
    sent: () => sent,
  };
}

function recordingSleep(): { sleep: (ms: number) => Promise<void>; waits: number[] } {
  const waits: number[] = [];
  return { waits, sleep: async (ms) => void waits.push(ms) };
}

describe('Retry-After', () => {
  it('reads delay-seconds and HTTP dates, and ignores what it cannot read', () => {
    expect(parseRetryAfter('3', NOW)).toBe(3000);
    expect(parseRetryAfter(new Date(NOW + 7000).toUTCString(), NOW)).toBe(7000);
    expect(parseRetryAfter('soon', NOW)).toBeNull();
    expect(parseRetryAfter(null, NOW)).toBeNull();
  });

  it('caps what the server asks for and backs off exponentially when it asks nothing', () => {
    expect(retryDelay('3600', 0, policy, NOW)).toBe(5000);
    expect(retryDelay(null, 0, policy, NOW)).toBe(500);
    expect(retryDelay(null, 1, policy, NOW)).toBe(1000);
  });
});

describe('sending with retries on 429', () => {
  it('retries after the Retry-After the server asked for, then returns the success', async () => {
    const jira = answers({ status: 429, retryAfter: '2' }, { status: 200 });
    const clock = recordingSleep();
    const { response, attempts } = await sendWithRetries(jira.send, policy, { sleep: clock.sleep, now: () => NOW });
    expect(response.status).toBe(200);
    expect(attempts).toBe(2);
    expect(clock.waits).toEqual([2000]);
  });

  it('gives up after the bounded number of retries and returns the last 429', async () => {
    const jira = answers({ status: 429 });
    const clock = recordingSleep();
    const { response, attempts } = await sendWithRetries(jira.send, policy, { sleep: clock.sleep, now: () => NOW });
    expect(response.status).toBe(429);
    expect(attempts).toBe(policy.maxRetries + 1);
    expect(jira.sent()).toBe(3);
    expect(clock.waits).toEqual([500, 1000]);
  });

  it('does not retry other failures', async () => {
    const jira = answers({ status: 503 }, { status: 200 });
    const { response, attempts } = await sendWithRetries(jira.send, DEFAULT_RETRY_POLICY, { sleep: recordingSleep().sleep, now: () => NOW });
    expect(response.status).toBe(503);
    expect(attempts).toBe(1);
  });
});
