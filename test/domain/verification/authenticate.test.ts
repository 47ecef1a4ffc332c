/**
 * The verification use case against an in-memory store: which storage calls each answer costs,
 * the attempts under contention, the fail-closed answers, the aggregate fallback and the discard
 * accounting. No timers: the fake store yields a microtask per call and `sleep` resolves at once.
 */
import { createAuthenticator, MAX_ATTEMPTS, MAX_GUESSES, type AuthenticationRequest } from '../../../src/domain/verification/authenticate';
import { InstanceMemory, SETTINGS_MAX_AGE_MS } from '../../../src/domain/verification/instance-memory';
import { FOLD_SETTLE_MS, foldTallies } from '../../../src/domain/audit/fold-tallies';
import { isEventRow } from '../../../src/domain/audit/row';
import { MAX_RATE_SHARDS, RATE_SHARDS_READ } from '../../../src/domain/verification/rate-limit';
import type { AuthenticationResult } from '../../../src/domain/verification/result';
import { DEFAULT_SETTINGS, type Settings } from '../../../src/domain/settings/model';
import { manualClock } from '../../fakes/clock';
import { lookup, NOW, TOKEN } from '../../fakes/verification-fixtures';
import { fakeVerificationStore, type FakeVerificationStore } from '../../fakes/verification-store';
import { FakeAuditStore } from '../../fakes/audit-store';

const allAudit: Settings['audit'] = {
  successfulAuthentication: true,
  failedAuthentication: true,
  failedCredentialVerification: true,
  permissionDenied: true,
  rateLimited: true,
  appApiCalls: false,
};

function setup(options: { settings?: Partial<Settings>; random?: () => number; folds?: (at: number) => Promise<void> } = {}) {
  const store = fakeVerificationStore({ ...DEFAULT_SETTINGS, ...options.settings });
  const clock = manualClock(NOW);
  const sleeps: number[] = [];
  const lines: string[] = [];
  const memory = new InstanceMemory();
  let seed = 7;
  // A repeatable spread of picks in [0, 1).
  const random = options.random ?? ((): number => ((seed = (seed * 48271) % 2147483647) - 1) / 2147483646);
  const authenticate = createAuthenticator({
    store,
    clock,
    random,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    log: (line) => lines.push(line),
    memory,
    ...(options.folds ? { folds: { foldAt: options.folds } } : {}),
  });
  const verify = (request: Partial<AuthenticationRequest> = {}): Promise<AuthenticationResult> =>
    authenticate({ method: 'POST', headers: { authorization: [`Bearer ${TOKEN}`], 'x-forwarded-for': ['203.0.113.7'] }, ...request }, { purpose: 'verify-token' });
  return { store, clock, sleeps, lines, memory, verify, authenticate };
}

const codeOf = (result: AuthenticationResult): string => (result.valid ? 'VALID' : result.code);

/** Every commit from now on meets a rate-limit counter "another request" just moved. */
function alwaysContended(store: FakeVerificationStore): void {
  store.beforeCommit = (s) => {
    for (const list of s.rate.values()) {
      for (let shard = 0; shard < MAX_RATE_SHARDS; shard += 1) {
        const row = list[shard];
        list[shard] = row ? { ...row, count: row.count + 1 } : { windowStart: 0, count: 1, firstAt: 0 };
      }
    }
  };
}

describe('authenticate: storage calls per answer', () => {
  it('answers a request it cannot read 400 without storage', async () => {
    const { store, verify } = setup();
    const result = await verify({ body: '{"method":"PUT","extra":1}' });
    expect(codeOf(result)).toBe('BAD_REQUEST');
    expect(store.calls).toEqual([]);
  });

  it('answers missing credentials without storage', async () => {
    const { store, verify } = setup();
    expect(codeOf(await verify({ headers: {} }))).toBe('MISSING_CREDENTIALS');
    expect(store.calls).toEqual([]);
  });

  it('answers a malformed credential on recent settings without storage, and reads them once they are older than 10 s', async () => {
    const { store, clock, verify } = setup();
    store.addToken(TOKEN, lookup());
    await verify();
    store.calls.length = 0;
    const malformed = { headers: { authorization: ['Bearer not-a-token'] } };
    expect(codeOf(await verify(malformed))).toBe('MALFORMED_TOKEN');
    expect(store.calls).toEqual([]);
    clock.advance(SETTINGS_MAX_AGE_MS + 1);
    expect(codeOf(await verify(malformed))).toBe('MALFORMED_TOKEN');
    expect(store.calls).toEqual(['readSettings']);
  });

  it('writes the malformed-credential event alone when its toggle is on, and still answers 401 when the settings cannot be read', async () => {
    const { store, verify } = setup({ settings: { audit: allAudit } });
    const malformed = { headers: { authorization: ['Bearer not-a-token'] } };
    expect(codeOf(await verify(malformed))).toBe('MALFORMED_TOKEN');
    expect(store.calls).toEqual(['readSettings', 'writeEvent']);
    expect([...store.events.values()].map((event) => event.action)).toEqual(['credentialVerificationFailed']);

    const cold = setup({ settings: { audit: allAudit } });
    cold.store.failNext('readSettings');
    expect(codeOf(await cold.verify(malformed))).toBe('MALFORMED_TOKEN');
    expect(cold.store.events.size).toBe(0);
  });

  it('verifies a token with nothing to write in one read, and holds the use for the next write', async () => {
    const { store, memory, verify } = setup();
    const hash = store.addToken(TOKEN, lookup());
    store.usage.set(hash, { lastUsedAt: NOW - 1_000, lastUsedIp: '203.0.113.7', lastUsedChain: null, useCount: 3, requestsPerDay: [] });
    const result = await verify();
    expect(result).toMatchObject({ valid: true, tokenId: 'tok-1', accountId: 'alice', rateLimit: null });
    expect(store.calls).toEqual(['read']);
    expect(memory.pendingUses(hash)).toBe(1);
  });

  it('writes a rate-limited token in one read and one transaction', async () => {
    const { store, verify } = setup({ settings: { audit: allAudit } });
    store.addToken(TOKEN, lookup({ rateLimit: { requests: 10, windowSeconds: 60 } }));
    const result = await verify();
    expect(result).toMatchObject({ valid: true, rateLimit: { limit: 10, remaining: 9 } });
    expect(store.calls).toEqual(['read', 'commit']);
    expect(store.commits[0].plan).toMatchObject({ rateCounter: { next: { count: 1 } }, usage: { useCount: 1, requestsPerDay: [{ day: '2026-11-22', count: 1 }] } });
    expect(store.events.size).toBe(1);
  });
});

describe('authenticate: gateway cache time', () => {
  it('lets gateways reuse a 200 of a token without a limit for the configured time, never a refusal or a limited token', async () => {
    const { store, verify } = setup({ settings: { verificationCacheSeconds: 30 } });
    store.addToken(TOKEN, lookup());
    expect(await verify()).toMatchObject({ valid: true, cacheSeconds: 30 });
    store.addToken(TOKEN, lookup({ rateLimit: { requests: 10, windowSeconds: 60 } }));
    expect(await verify()).toMatchObject({ valid: true, cacheSeconds: 0 });
    store.addToken(TOKEN, lookup({ state: 'revoked', revokedAt: NOW - 1 }));
    expect(await verify()).toMatchObject({ valid: false, code: 'REVOKED_TOKEN' });
  });
});

describe('authenticate: fail closed', () => {
  it('answers 503 when the read fails, never 200', async () => {
    const { store, verify } = setup();
    store.addToken(TOKEN, lookup());
    store.failNext('read');
    expect(await verify()).toMatchObject({ valid: false, code: 'UNAVAILABLE', status: 503 });
  });

  it('retries only the rate-limit counter when the transaction fails, keeping the answer and counting the events as discarded', async () => {
    const { store, verify } = setup({ settings: { audit: allAudit } });
    store.addToken(TOKEN, lookup({ rateLimit: { requests: 10, windowSeconds: 60 } }));
    store.failNext('commit');
    expect(codeOf(await verify())).toBe('VALID');
    expect(store.calls).toEqual(['read', 'commit', 'commit', 'countDiscarded']);
    expect(store.commits[1].plan).toMatchObject({ usage: null, events: [], tally: null });
    expect(store.discarded).toBe(1);
  });

  it('answers 503 when the rate-limit counter cannot be written even alone', async () => {
    const { store, verify } = setup();
    store.addToken(TOKEN, lookup({ rateLimit: { requests: 10, windowSeconds: 60 } }));
    store.failNext('commit', 2);
    expect(await verify()).toMatchObject({ valid: false, code: 'UNAVAILABLE', status: 503 });
  });

  it('keeps a decision without a counter when its transaction fails: the events become discards', async () => {
    const { store, verify } = setup({ settings: { audit: allAudit } });
    store.failNext('commit');
    expect(codeOf(await verify())).toBe('UNKNOWN_TOKEN');
    expect(store.calls).toEqual(['read', 'commit', 'countDiscarded']);
    expect(store.discarded).toBe(1);
  });

  it('answers 503 for anything unexpected and logs no credential', async () => {
    const { store, lines, verify } = setup();
    store.read = () => Promise.resolve({ settings: undefined } as never);
    expect(codeOf(await verify())).toBe('UNAVAILABLE');
    expect(lines.join('\n')).not.toContain(TOKEN.slice(5, 20));
  });
});

describe('authenticate: discard accounting', () => {
  it('carries discards it could not count and stores them with the next successful transaction', async () => {
    const { store, memory, verify } = setup({ settings: { audit: allAudit } });
    store.failNext('commit');
    store.failNext('countDiscarded');
    expect(codeOf(await verify())).toBe('UNKNOWN_TOKEN');
    expect(store.discarded).toBe(0);
    expect(memory.carriedCount()).toBe(1);
    expect(codeOf(await verify())).toBe('UNKNOWN_TOKEN');
    expect(store.commits.at(-1)).toMatchObject({ outcome: 'committed', carriedDiscards: 1 });
    expect(store.discarded).toBe(1);
    expect(store.events.size).toBe(1);
    expect(memory.carriedCount()).toBe(0);
  });

  it('adds to the carried count when an event and its discard both fail, and stores it after the next event written alone', async () => {
    const { store, memory, verify } = setup({ settings: { audit: allAudit } });
    memory.carry(2);
    store.failNext('writeEvent');
    store.failNext('countDiscarded');
    expect(codeOf(await verify({ headers: { authorization: ['Bearer nope'] } }))).toBe('MALFORMED_TOKEN');
    expect(memory.carriedCount()).toBe(3);
    expect(codeOf(await verify({ headers: { authorization: ['Bearer nope'] } }))).toBe('MALFORMED_TOKEN');
    expect(store.calls.slice(-2)).toEqual(['writeEvent', 'countDiscarded']);
    expect(store.discarded).toBe(3);
    expect(memory.carriedCount()).toBe(0);
  });

  it('counts every audited answer as an event or a discard whatever fails (no silent loss)', async () => {
    for (const failing of ['commit', 'countDiscarded', 'writeEvent'] as const) {
      const { store, memory, verify } = setup({ settings: { audit: allAudit } });
      store.addToken(TOKEN, lookup({ rateLimit: { requests: 3, windowSeconds: 60 } }));
      let answered = 0;
      for (let i = 0; i < 8; i += 1) {
        if (i % 2 === 0) store.failNext(failing);
        await verify();
        answered += 1;
      }
      expect(store.events.size + store.discarded + memory.carriedCount()).toBe(answered);
    }
  });
});

describe('authenticate: attempts under contention', () => {
  it('decides again at once on a conflict, taking the shard it picked as moved by one, without reading again', async () => {
    const { store, sleeps, verify } = setup();
    const hash = store.addToken(TOKEN, lookup({ rateLimit: { requests: 1000, windowSeconds: 60 } }));
    const picked: number[] = [];
    store.beforeCommit = (s, plan) => {
      const counter = plan.rateCounter;
      if (!counter) return;
      picked.push(counter.shard);
      // Another request took the very shard this one picked, once.
      if (picked.length === 1) (s.rate.get(hash) ?? [])[counter.shard] = counter.next;
    };
    const result = await verify();
    expect(result).toMatchObject({ valid: true });
    expect(store.calls).toEqual(['read', 'commit', 'commit']);
    expect(sleeps).toEqual([]);
    expect((store.rate.get(hash) ?? []).reduce((sum, row) => sum + (row?.count ?? 0), 0)).toBe(2);
  });

  it(`reads ${RATE_SHARDS_READ} of the shards of a large limit, chosen at random once the instance knows the limit`, async () => {
    const { store, verify } = setup();
    store.addToken(TOKEN, lookup({ rateLimit: { requests: 100_000, windowSeconds: 60 } }));
    await verify();
    await verify();
    const [cold, warm] = store.shardsRead;
    expect(cold).toEqual(Array.from({ length: RATE_SHARDS_READ }, (_, shard) => shard));
    expect(warm).toHaveLength(RATE_SHARDS_READ);
    expect(warm.some((shard) => shard >= RATE_SHARDS_READ)).toBe(true);
  });

  it('confirms a refusal on the shards it did not read, and refuses again in that window without them', async () => {
    const { store, verify } = setup();
    const hash = store.addToken(TOKEN, lookup({ rateLimit: { requests: 126, windowSeconds: 60 } }));
    const windowStart = NOW - (NOW % 60_000);
    // Every shard full but one, which the first read does not cover.
    store.rate.set(hash, Array.from({ length: MAX_RATE_SHARDS }, (_, shard) => ({ windowStart, count: shard === 50 ? 1 : 2, firstAt: NOW })));
    expect(await verify()).toMatchObject({ valid: true, rateLimit: { remaining: 0 } });
    expect(store.calls).toEqual(['read', 'readRateShards', 'readRateShards', 'commit']);
    store.calls.length = 0;
    expect(await verify()).toMatchObject({ valid: false, code: 'RATE_LIMITED' });
    expect(store.calls).toEqual(['read', 'readRateShards', 'readRateShards']);
    store.calls.length = 0;
    expect(await verify()).toMatchObject({ valid: false, code: 'RATE_LIMITED' });
    expect(store.calls).toEqual(['read']);
  });

  it('answers 503 when the shards that would confirm a refusal cannot be read', async () => {
    const { store, verify } = setup();
    const hash = store.addToken(TOKEN, lookup({ rateLimit: { requests: 126, windowSeconds: 60 } }));
    const windowStart = NOW - (NOW % 60_000);
    store.rate.set(hash, Array.from({ length: RATE_SHARDS_READ }, () => ({ windowStart, count: 2, firstAt: NOW })));
    store.failNext('readRateShards');
    expect(await verify()).toMatchObject({ valid: false, code: 'UNAVAILABLE' });
  });

  it('counts what a window admitted before its limit was edited (the snapshot read with the rest)', async () => {
    const { store, verify } = setup();
    const hash = store.addToken(TOKEN, lookup({ rateLimit: { requests: 8, windowSeconds: 3600 } }));
    const windowStart = NOW - (NOW % 3_600_000);
    store.rate.set(hash, Array.from({ length: 6 }, () => ({ windowStart, count: 1, firstAt: NOW })));
    store.rateEpochs.set(hash, { windowStart, requests: 8, windowSeconds: 3600, base: [1, 1, 1, 1, 1, 1] });
    const results = await Promise.all(Array.from({ length: 10 }, () => verify()));
    expect(results.filter((result) => result.valid)).toHaveLength(2);
  });

  it(`reads again after a short random pause when ${MAX_GUESSES} guesses in a row were wrong`, async () => {
    const { store, clock, sleeps, verify } = setup();
    store.addToken(TOKEN, lookup({ rateLimit: { requests: 1000, windowSeconds: 60 } }));
    let conflicts = 1 + MAX_GUESSES;
    store.beforeCommit = (s) => {
      clock.advance(30);
      // Rows moved by two: no guess of one holds.
      if (conflicts-- > 0) contend(s, 2, 14);
    };
    expect(codeOf(await verify())).toBe('VALID');
    expect(store.calls).toEqual(['read', ...Array<string>(1 + MAX_GUESSES).fill('commit'), 'read', 'commit']);
    expect(sleeps).toHaveLength(1);
    expect(sleeps[0]).toBeGreaterThanOrEqual(0);
    expect(sleeps[0]).toBeLessThanOrEqual(60);
  });

  it('never refuses on a guess: a window that only looks full after a conflict is read again', async () => {
    const { store, verify } = setup();
    const hash = store.addToken(TOKEN, lookup({ rateLimit: { requests: 1, windowSeconds: 60 } }));
    let once = true;
    store.beforeCommit = (s, plan) => {
      const counter = plan.rateCounter;
      if (!once || !counter) return;
      once = false;
      // An instance with a slow clock wrote the shard for the previous window: the guess (taken by
      // a request of this window) says full, the row says otherwise.
      (s.rate.get(hash) ?? [])[counter.shard] = { windowStart: counter.next.windowStart - 60_000, count: 1, firstAt: 0 };
    };
    expect(await verify()).toMatchObject({ valid: true, rateLimit: { remaining: 0 } });
    expect(store.calls).toEqual(['read', 'commit', 'read', 'commit']);
  });

  it(`answers 429 with Retry-After 1 after ${MAX_ATTEMPTS} contended attempts, and writes that event alone`, async () => {
    const { store, verify } = setup({ settings: { audit: allAudit } });
    store.addToken(TOKEN, lookup({ rateLimit: { requests: 100_000, windowSeconds: 60 } }));
    alwaysContended(store);
    expect(await verify()).toMatchObject({ valid: false, code: 'RATE_LIMITED', status: 429, retryAfterSeconds: 1 });
    expect(store.calls.filter((call) => call === 'commit')).toHaveLength(MAX_ATTEMPTS);
    expect(store.calls.at(-1)).toBe('writeEvent');
    expect([...store.events.values()].map((event) => event.action)).toEqual(['rateLimited']);
  });

  it('keeps the answer when the transaction with a success tally fails, and counts the tally as discarded', async () => {
    const { store, verify } = setup({ settings: { audit: allAudit, successAggregation: { enabled: true, windowSeconds: 60 } } });
    store.addToken(TOKEN, lookup());
    store.failNext('commit');
    expect(codeOf(await verify())).toBe('VALID');
    expect(store.calls).toEqual(['read', 'commit', 'countDiscarded']);
    expect(store.tallies.rows.size).toBe(0);
    expect(store.discarded).toBe(1);
  });

  it('costs at most 2.5 storage calls each when 32 verifications of a hot token with a large limit arrive at once', async () => {
    const { store, verify } = setup();
    const hash = store.addToken(TOKEN, lookup({ rateLimit: { requests: 100_000, windowSeconds: 3600 } }));
    await verify(); // the instance learns how many shards the limit uses
    store.calls.length = 0;
    const results = await Promise.all(Array.from({ length: 32 }, () => verify()));
    expect(results.every((result) => result.valid)).toBe(true);
    // The fake answers all 32 reads before any commit: every request meets all the others.
    expect(store.calls.length / 32).toBeLessThanOrEqual(2.5);
    expect((store.rate.get(hash) ?? []).reduce((sum, row) => sum + (row?.count ?? 0), 0)).toBe(33);
  });

  it('never admits more than a large limit whose shards are read in part (150 at once against 100)', async () => {
    const { store, verify } = setup();
    store.addToken(TOKEN, lookup({ rateLimit: { requests: 100, windowSeconds: 3600 } }));
    const results = await Promise.all(Array.from({ length: 150 }, () => verify()));
    let more = 0;
    while ((await verify()).valid) more += 1;
    expect(results.filter((result) => result.valid).length + more).toBe(100);
  });

  it('admits exactly 5 of 40 concurrent requests against a limit of 5', async () => {
    const { store, verify } = setup();
    store.addToken(TOKEN, lookup({ rateLimit: { requests: 5, windowSeconds: 3600 } }));
    const results = await Promise.all(Array.from({ length: 40 }, () => verify()));
    expect(results.filter((result) => result.valid)).toHaveLength(5);
    expect(results.filter((result) => !result.valid && result.code === 'RATE_LIMITED')).toHaveLength(35);
  });

  it('costs 2 storage calls each when 32 successes of one token are aggregated at once: tallies never conflict', async () => {
    const { store, verify } = setup({ settings: { audit: allAudit, successAggregation: { enabled: true, windowSeconds: 60 } } });
    store.addToken(TOKEN, lookup());
    const results = await Promise.all(Array.from({ length: 32 }, () => verify()));
    expect(results.every((result) => result.valid)).toBe(true);
    // The fake answers all 32 reads before any commit: every request meets all the others.
    expect(store.calls.filter((call) => call === 'read')).toHaveLength(32);
    expect(store.calls.filter((call) => call === 'commit')).toHaveLength(32);
    expect(store.calls).toHaveLength(64);
    expect(store.commits.every((commit) => commit.outcome === 'committed')).toBe(true);
    expect(store.tallies.rows.size).toBe(32);
    expect(store.events.size).toBe(0);
    expect(store.discarded).toBe(0);
  });

  it('folds 64 concurrent successes of one token into one event whose Count is 64 once the window has settled', async () => {
    const { store, clock, verify } = setup({ settings: { audit: allAudit, successAggregation: { enabled: true, windowSeconds: 60 } } });
    store.addToken(TOKEN, lookup());
    await Promise.all(Array.from({ length: 64 }, () => verify()));
    const events = new FakeAuditStore();
    const fold = () => foldTallies({ tallies: store.tallies, events, clock, log: () => undefined });
    expect((await fold()).events).toBe(0);
    clock.set(NOW - (NOW % 60_000) + 60_000 + FOLD_SETTLE_MS);
    expect(await fold()).toMatchObject({ events: 1, counted: 64 });
    const rows = [...events.rows.values()].filter(isEventRow);
    expect(rows.map((row) => row.count)).toEqual([64]);
    expect(store.tallies.rows.size).toBe(0);
  });

  it('asks the fold scheduler for the end of the tally\'s window plus the settle time; a failing scheduler changes nothing', async () => {
    const asked: number[] = [];
    const { store, verify, lines } = setup({
      settings: { audit: allAudit, successAggregation: { enabled: true, windowSeconds: 60 } },
      folds: async (at) => {
        asked.push(at);
        if (asked.length === 2) throw new Error('queue down');
      },
    });
    store.addToken(TOKEN, lookup());
    expect(codeOf(await verify())).toBe('VALID');
    expect(codeOf(await verify())).toBe('VALID');
    expect(asked).toEqual([NOW - (NOW % 60_000) + 60_000 + FOLD_SETTLE_MS, NOW - (NOW % 60_000) + 60_000 + FOLD_SETTLE_MS]);
    expect(lines.some((line) => line.includes('no fold asked for'))).toBe(true);
    expect(store.tallies.rows.size).toBe(2);
  });
});

/** Other requests moved the first `shards` rate-limit rows of every token by `by`. */
function contend(store: FakeVerificationStore, by: number, shards: number): void {
  for (const list of store.rate.values()) {
    for (let shard = 0; shard < shards; shard += 1) {
      const row = list[shard];
      list[shard] = row ? { ...row, count: row.count + by } : { windowStart: NOW - (NOW % 60_000), count: by, firstAt: NOW };
    }
  }
}
