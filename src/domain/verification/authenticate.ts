/**
 * The verification use case: authenticates a web trigger request by its API token. The
 * verify-token trigger and the audit-events trigger both call it (docs/verify-token.md, docs/audit-events.md).
 *
 *   request → credentials → target (read-input.ts) → decision (verify.ts) → writes (plan-writes.ts)
 *   → answer (result.ts)
 *
 * It talks to storage only through the port (port.ts) and takes its clock, random source and
 * sleep as dependencies, so every branch is unit-tested with a fake store and no timers.
 *
 * Storage calls (docs/performance.md): a request that cannot be read, missing and malformed credentials cost 0
 * (a malformed credential costs 1 settings read when this instance has no settings younger than
 * 10 s, plus the event write when "Failed credential verification" is on). Every other request
 * costs ONE batch read, plus ONE transaction when there is something to write (a rate-limit
 * counter, usage at most once a minute per token, audit events that are switched on, or with
 * success aggregation on a success tally: a key of its own, which never conflicts).
 *
 * Failure handling, all fail-closed (never 200 without a token verified by a successful read):
 * - read fails → 503 UNAVAILABLE;
 * - the rate-limit counter changed since it was read (a concurrent request took that slot): the
 *   next attempt assumes that row moved by one (conflict.ts) and decides again at once, with no read; a refusal is never
 *   answered on such a guess, and after MAX_GUESSES wrong guesses in a row the request reads again
 *   after a short random pause. At most MAX_ATTEMPTS commits, counted by withAttempts (attempts.ts,
 *   the one retry loop); a refusal decided on a guess is decided again on a read in the same attempt.
 *   Each conflict means another request was admitted, so a limit of up to MAX_ATTEMPTS - 1 always
 *   fills before a request runs out of attempts; a request that runs out is answered 429 with
 *   Retry-After: 1 (never more than the limit is admitted). A token without a limit has no counter,
 *   so its successes never conflict, aggregated or not;
 * - the transaction fails otherwise → if it carried the rate-limit counter, the counter alone is
 *   retried once (the answer needs it; usage and events are dropped): on success the decision
 *   stands, else 503. Without a counter the decision stands as it was made on a successful read.
 *   Dropped events are added to the audit log's discard counter; when that write fails too, the
 *   instance carries the number and stores it with its next successful write (instance-memory.ts).
 *   An answer decided without a transaction (a 429 after MAX_ATTEMPTS) writes its event alone. So
 *   every audited answer is an event or a discard.
 * - anything unexpected → 503, logged without the credential.
 *
 * Security signals (signals.ts) are decided from the same read: no signal, no extra call. A fired
 * signal rides in the transaction (its alert row conditional on not existing yet); when that
 * transaction conflicts, the request reads again and decides again; a signal that conflicts
 * SIGNAL_STRIKES times counts as recorded by a concurrent writer (at most one alert per token,
 * signal and day, whoever wins). Committed alerts are handed to
 * the alert notifier (webhook delivery through a queue), and a committed success tally to the
 * fold scheduler (audit/fold-tallies.ts); neither changes the answer.
 */
import { TRY_AGAIN, withAttempts, type Attempt } from '../attempts';
import { siteSystem } from '../audit/build-event';
import { FOLD_SETTLE_MS } from '../audit/fold-tallies';
import { tallyId } from '../audit/success-tally';
import type { Clock } from '../ports';
import type { Settings } from '../settings/model';
import type { DayCount } from '../tokens/daily-usage';
import { hashToken } from '../tokens/hash';
import type { RateLimit } from '../tokens/model';
import { cacheSecondsFor } from './cache-time';
import { assumeMoved } from './conflict';
import type { HttpLikeRequest } from './headers';
import { InstanceMemory } from './instance-memory';
import { badRequestLogLine, logLine } from './log-line';
import { FAILURE_MESSAGES } from './messages';
import { denied, type Credential, type Denied, type Purpose, type VerificationDecision, type VerificationInput } from './model';
import type { Alert, SignalKind } from '../alerts/model';
import { isEmptyPlan, planWrites, type WritePlan } from './plan-writes';
import { isBurstFailure } from './signals';
import type { VerificationState, VerificationStore } from './port';
import { locateClient, readVerificationInput } from './read-input';
import { failure, toResult, type AuthenticationResult } from './result';
import { checkRateLimit, rateLayout, shardsToRead, unreadShards } from './rate-limit';
import { precheck, verify } from './verify';

/** Enough rounds for a small limit to fill under any contention; see the header. */
export const MAX_ATTEMPTS = 6;

/** Conflicts in a row answered with a guess before reading again (conflict.ts). */
export const MAX_GUESSES = 2;

/** Conflicts a signal's commit meets before it counts as recorded by a concurrent request (see verifyWithStorage). */
export const SIGNAL_STRIKES = 2;

export interface AuthenticateOptions {
  purpose: Purpose;
}

/** The web trigger request, plus the platform's invocation context when there is one. */
export type AuthenticationRequest = HttpLikeRequest & { context?: { cloudId?: string } };

export interface AuthenticatorDeps {
  store: VerificationStore;
  clock: Clock;
  /** Uniform in [0, 1): picks counter shards, names success tallies and spreads retries. */
  random: () => number;
  sleep: (ms: number) => Promise<void>;
  log: (line: string) => void;
  /** What this instance remembers between requests; a fresh one by default. */
  memory?: InstanceMemory;
  /** Told of alerts once they are stored (webhook delivery); none by default. */
  alerts?: AlertNotifier;
  /** Told when a success tally is stored, so that its window is folded once it can be; none by default. */
  folds?: FoldScheduler;
}

/** Asks for a fold of the success tallies (audit/fold-tallies.ts) at a time. Its failure is logged; the answer never depends on it. */
export interface FoldScheduler {
  foldAt(at: number): Promise<void>;
}

/** Where committed alerts go next. Its failure is logged; the answer never depends on it. */
export interface AlertNotifier {
  raised(alerts: readonly Alert[]): Promise<void>;
}

export type Authenticate = (request: AuthenticationRequest, options: AuthenticateOptions) => Promise<AuthenticationResult>;

/** 'degraded': only the rate-limit counter (or nothing) was stored; events were counted as discarded, signals wait for the next presentation. */
type CommitResult = 'committed' | 'degraded' | 'conflict' | 'failed';
type TokenInput = VerificationInput & { credential: Extract<Credential, { kind: 'token' }> };

function isRateLimited(decision: VerificationDecision): decision is Denied {
  return !decision.valid && decision.code === 'RATE_LIMITED';
}

/** Names the failure without its message: a storage message may quote keys, and keys are hashes of secrets. */
function errorName(error: unknown): string {
  if (error && typeof error === 'object' && 'code' in error && typeof error.code === 'string') return error.code;
  return error instanceof Error ? error.name : 'unknown error';
}

export function createAuthenticator(deps: AuthenticatorDeps): Authenticate {
  const { store, clock, random, sleep, log } = deps;
  const memory = deps.memory ?? new InstanceMemory();

  function finish(decision: VerificationDecision, input: VerificationInput, cacheSeconds = 0): AuthenticationResult {
    log(logLine(decision, input));
    return toResult(decision, cacheSeconds);
  }

  /** Counts events that could not be stored; when even that write fails, the instance carries the number. */
  async function countDiscarded(count: number, purpose: Purpose): Promise<void> {
    if (count === 0) return;
    const counted = await store.countDiscarded(count).then(
      () => true,
      () => false,
    );
    if (!counted) memory.carry(count);
    log(
      `[${purpose}] ${count} authentication event(s) could not be stored${counted ? ' and were counted as discarded' : `; the discard counter could not be updated either, so this instance carries ${memory.carriedCount()} until its next successful write`}.`,
    );
  }

  /** After a successful write outside a transaction: store what the instance carries (a call only when it carries any). */
  async function storeCarried(): Promise<void> {
    const owed = memory.takeCarried();
    if (owed === 0) return;
    await store.countDiscarded(owed).catch(() => memory.carry(owed));
  }

  /** A denial's event, when switched on, written by itself (one call): for answers decided without a transaction. */
  async function writeEventAlone(decision: Denied, input: VerificationInput, settings: Settings, now: number, system: string): Promise<void> {
    const plan = planWrites({ decision, input, settings, now, usage: null, held: [], tallyId: '' });
    const [event] = plan.events;
    if (!event) return;
    try {
      await store.writeEvent(event, system);
    } catch {
      await countDiscarded(1, input.purpose);
      return;
    }
    await storeCarried();
  }

  /** The settings for the no-lookup path: a recent copy, else a read, else (storage failing) the last copy known. */
  async function settingsWithoutLookup(input: VerificationInput, now: number): Promise<Settings | null> {
    const recent = memory.recentSettings(now);
    if (recent) return recent;
    try {
      const settings = await store.readSettings();
      memory.rememberSettings(settings, now);
      return settings;
    } catch (error) {
      // The answer (401) does not depend on storage; only whether to audit it, and whom to trust for the address.
      log(`[${input.purpose}] could not read settings for a malformed credential (${errorName(error)}); using the last copy known.`);
      return memory.lastSettings();
    }
  }

  /** The malformed-credential event, when switched on: no lookup, so no batch read. */
  async function recordWithoutLookup(decision: Denied, input: VerificationInput, now: number, system: string): Promise<VerificationInput> {
    if (decision.code !== 'MALFORMED_TOKEN') return input;
    const settings = await settingsWithoutLookup(input, now);
    if (!settings) return input;
    const located = locateClient(input, settings.trustedGateways);
    await writeEventAlone(decision, located, settings, now, system);
    return located;
  }

  /** Hands committed alerts on; a failure here is logged and changes nothing else. */
  async function announce(plan: WritePlan, purpose: Purpose): Promise<void> {
    if (plan.signals.length === 0 || !deps.alerts) return;
    try {
      await deps.alerts.raised(plan.signals.map((signal) => signal.alert));
    } catch (error) {
      log(`[${purpose}] ${plan.signals.length} alert(s) stored but not handed to delivery (${errorName(error)}).`);
    }
  }

  /** A stored tally's window can be folded FOLD_SETTLE_MS after it ends; the scheduler is asked for that time. */
  async function foldLater(plan: WritePlan, purpose: Purpose): Promise<void> {
    if (!plan.tally || !deps.folds) return;
    try {
      await deps.folds.foldAt(plan.tally.tally.windowEnd + FOLD_SETTLE_MS);
    } catch (error) {
      log(`[${purpose}] success tally stored but no fold asked for (${errorName(error)}); the five-minute tick folds it.`);
    }
  }

  /** Settles this instance's held uses after a commit (see instance-memory.ts). */
  function settleUses(secretHash: string, plan: WritePlan, held: readonly DayCount[], valid: boolean, now: number): void {
    if (plan.usage) memory.releaseUses(secretHash, held);
    else if (valid) memory.holdUse(secretHash, now);
  }

  async function commit(secretHash: string, plan: WritePlan, held: readonly DayCount[], valid: boolean, now: number, system: string, purpose: Purpose): Promise<CommitResult> {
    const owed = memory.takeCarried();
    try {
      const outcome = await store.commit(secretHash, plan, { system, carriedDiscards: owed });
      if (outcome === 'committed') settleUses(secretHash, plan, held, valid, now);
      else memory.carry(owed);
      return outcome;
    } catch (error) {
      memory.carry(owed);
      log(`[${purpose}] verification write failed (${errorName(error)}).`);
    }
    // Signals are not stored either; their markers were not, so the next presentation raises them again.
    const essential: WritePlan = { rateCounter: plan.rateCounter, tally: null, usage: null, events: [], signals: [] };
    if (plan.rateCounter) {
      try {
        const outcome = await store.commit(secretHash, essential, { system, carriedDiscards: 0 });
        if (outcome === 'conflict') return 'conflict';
      } catch (error) {
        log(`[${purpose}] rate-limit counter write failed (${errorName(error)}); refusing (fail closed).`);
        return 'failed';
      }
    }
    settleUses(secretHash, essential, held, valid, now);
    await countDiscarded(plan.events.length + (plan.tally ? 1 : 0), purpose);
    return 'degraded';
  }

  /**
   * The state with every shard in use read (one batch per 25 more shards), unless this instance
   * already saw this window of this limit full. 'failed' when storage fails (answered 503).
   */
  async function confirmFull(secretHash: string, state: VerificationState, limit: RateLimit, now: number, purpose: Purpose): Promise<VerificationState | 'failed'> {
    const window = `${rateLayout(limit, state.rateEpoch, now).windowStart}/${limit.requests}/${limit.windowSeconds}`;
    if (memory.windowFull(secretHash, window)) return state;
    const unread = unreadShards(limit, state.rateEpoch, state.rate, now);
    let rate = state.rate;
    if (unread.length > 0) {
      try {
        const more = await store.readRateShards(secretHash, unread);
        const merged = [...state.rate];
        for (const [shard, row] of more) merged[shard] = row;
        rate = merged;
      } catch (error) {
        log(`[${purpose}] rate-limit shards could not be read (${errorName(error)}).`);
        return 'failed';
      }
    }
    const full = !checkRateLimit(limit, state.rateEpoch, rate, now, 0).admitted;
    if (full) memory.rememberFullWindow(secretHash, window);
    return { ...state, rate };
  }

  async function verifyWithStorage(input: TokenInput, now: number, system: string): Promise<AuthenticationResult> {
    const secretHash = hashToken(input.credential.token);
    // Assigned inside the attempts (a callback), so declared by a cast: a plain `= null` would stay narrowed to null after them.
    let last = null as VerificationDecision | null;
    /** The input with the client located by the trusted gateways of the settings last read. */
    let located: VerificationInput = input;
    let state: VerificationState | null = null;
    let settings = null as Settings | null;
    /** Attempts in a row decided on a guess rather than a read (conflict.ts). */
    let guesses = 0;
    /** This request's failure as the instance counted it for the burst signal (counted once). */
    let recentFailures: number | null = null;
    /** Conflicts each signal's commit met; after SIGNAL_STRIKES, a concurrent request stored its alert. */
    const signalConflicts = new Map<SignalKind, number>();
    const settledSignals = (): SignalKind[] => [...signalConflicts].filter(([, count]) => count >= SIGNAL_STRIKES).map(([signal]) => signal);
    const answered = await withAttempts(MAX_ATTEMPTS, async (index): Promise<Attempt<AuthenticationResult>> => {
      const attempt = index + 1;
      let started = clock.now();
      let decision: VerificationDecision;
      let current: VerificationState;
      for (;;) {
        const assumed: boolean = state !== null;
        guesses = assumed ? guesses + 1 : 0;
        if (state === null) {
          started = clock.now();
          try {
            state = await store.read(secretHash, shardsToRead(memory.knownRateShards(secretHash), random));
          } catch (error) {
            log(`[${input.purpose}] verification read failed (${errorName(error)}).`);
            return finish(denied('UNAVAILABLE', last?.lookup ?? null), located);
          }
          memory.rememberSettings(state.settings, now);
          settings = state.settings;
          located = locateClient(input, state.settings.trustedGateways);
          const limit = state.lookup?.rateLimit;
          if (limit) memory.rememberRateShards(secretHash, rateLayout(limit, state.rateEpoch, now).shards);
        }
        current = state;
        decision = verify(located, current.lookup, current.settings, { shards: current.rate, epoch: current.rateEpoch }, now, random());
        if (!assumed || decision.valid) break;
        // A guess may overcount (conflict.ts): refuse only on what was read (the same attempt reads).
        state = null;
      }
      if (isRateLimited(decision) && current.lookup?.rateLimit) {
        // Refused on the shards read: answered only once every shard in use was seen full.
        const confirmed = await confirmFull(secretHash, current, current.lookup.rateLimit, now, input.purpose);
        if (confirmed === 'failed') return finish(denied('UNAVAILABLE', decision.lookup), located);
        current = confirmed;
        decision = verify(located, current.lookup, current.settings, { shards: current.rate, epoch: current.rateEpoch }, now, random());
      }
      last = decision;
      if (recentFailures === null && isBurstFailure(decision)) recentFailures = memory.countFailure(secretHash, now);
      const held = memory.heldUses(secretHash);
      const plan = planWrites({
        decision,
        input: located,
        settings: current.settings,
        now,
        usage: current.usage,
        held,
        tallyId: tallyId(random),
        recentFailures: isBurstFailure(decision) ? (recentFailures ?? 0) : 0,
        settledSignals: settledSignals(),
      });
      const cacheSeconds = decision.valid ? cacheSecondsFor(decision, current.settings, now) : 0;
      if (isEmptyPlan(plan)) {
        if (decision.valid) memory.holdUse(secretHash, now);
        return finish(decision, located, cacheSeconds);
      }
      const outcome = await commit(secretHash, plan, held, decision.valid, now, system, input.purpose);
      if (outcome === 'committed' || outcome === 'degraded') {
        if (outcome === 'committed') await Promise.all([announce(plan, input.purpose), foldLater(plan, input.purpose)]);
        return finish(decision, located, cacheSeconds);
      }
      if (outcome === 'failed') return finish(denied('UNAVAILABLE', decision.lookup), located);
      // A conflict on a plan with signals may be their alert rows, stored by a concurrent request, or
      // a counter: a read (no guess) tells. The alert's writer stored the day's marker with it, so a
      // signal that conflicts again after a read was recorded by someone else (its marker was lost
      // to a concurrent usage write): it is settled, and only its marker is stored.
      for (const { alert } of plan.signals) signalConflicts.set(alert.signal, (signalConflicts.get(alert.signal) ?? 0) + 1);
      // Decide again at once on what the conflict tells, unless that was already tried: then read.
      state = guesses >= MAX_GUESSES || plan.signals.length > 0 ? null : assumeMoved(current, plan, now);
      if (state === null && attempt < MAX_ATTEMPTS) await sleep(random() * Math.min(Math.max(0, clock.now() - started), 100));
      return TRY_AGAIN;
    });
    if (answered !== TRY_AGAIN) return answered;
    // Only the rate-limit counter can still conflict here, and every conflict was a request admitted
    // meanwhile: the window is being used up faster than it can be counted.
    log(`[${input.purpose}] rate-limit counter still contended after ${MAX_ATTEMPTS} attempts; answering 429.`);
    const limited = denied('RATE_LIMITED', last?.lookup ?? null, { retryAfterSeconds: 1, limit: last?.lookup?.rateLimit ?? null });
    if (settings) await writeEventAlone(limited, located, settings, now, system);
    return finish(limited, located);
  }

  return async function authenticate(request, options) {
    try {
      const now = clock.now();
      const parsed = readVerificationInput(request, options.purpose);
      if (!parsed.ok) {
        log(badRequestLogLine(options.purpose, parsed.reason));
        return failure(denied('BAD_REQUEST'), `${FAILURE_MESSAGES.BAD_REQUEST} ${parsed.reason}`);
      }
      const { input } = parsed;
      const system = siteSystem(request.context?.cloudId ?? '');
      const { credential } = input;
      if (credential.kind !== 'token') {
        const decision = precheck(input) ?? denied('MALFORMED_TOKEN');
        return finish(decision, await recordWithoutLookup(decision, input, now, system));
      }
      return await verifyWithStorage({ ...input, credential }, now, system);
    } catch (error) {
      log(`[${options.purpose}] verification failed unexpectedly (${errorName(error)}); refusing (fail closed).`);
      return failure(denied('UNAVAILABLE'));
    }
  };
}
