/**
 * Authenticates a web trigger request by its API token: the verify-token trigger and the
 * audit-events trigger both call this (product.md §4, §5).
 *
 *   authenticate(request, { purpose: 'verify-token' | 'audit-events' }) → AuthenticationResult
 *
 * Storage calls (§9): a request that cannot be read, missing and malformed credentials cost 0
 * (a malformed credential costs 1 settings read when this instance has no settings younger than
 * 10 s, plus the event write when "Failed credential verification" is on; see settings-snapshot.ts).
 * Every other request costs ONE batch read, plus ONE transaction when there is something to write
 * (a rate-limit counter, usage at most once a minute per token, audit events that are switched on).
 *
 * Failure handling, all fail-closed (never 200 without a token verified by a successful read):
 * - read fails → 503 UNAVAILABLE;
 * - a counter changed since it was read (a concurrent request took the slot) → pause briefly, read
 *   again and decide again, at most MAX_ATTEMPTS times. This is what lets 40 concurrent requests
 *   against a limit of 5 admit exactly 5: every commit of the counter is conditional on the count
 *   it was decided on, and each conflict means another request was admitted, so a limit of up to
 *   MAX_ATTEMPTS - 1 always fills before a request runs out of attempts. With a larger limit and
 *   heavy contention a request can run out first: it is answered 429 with Retry-After: 1 (never
 *   more than the limit is admitted). The aggregation counter never causes a refusal: the last
 *   attempt drops the aggregate and counts that success event as discarded;
 * - the transaction fails otherwise → if it carried the rate-limit counter, the counter alone is
 *   retried once (the answer needs it; usage and events are dropped): on success the decision
 *   stands, else 503. Without a counter the decision stands as it was made on a successful read.
 *   Dropped events are added to the audit log's discard counter, reported as "Events discarded";
 *   when that write fails too, the instance carries the number and stores it with its next
 *   successful write (carried-discards.ts). An answer decided without a transaction (a 429 after
 *   MAX_ATTEMPTS) writes its event alone. So every audited answer is an event or a discard.
 * - anything unexpected → 503, logged without the credential.
 */
import { siteSystem } from '../../domain/audit/build-event';
import { hashToken } from '../../domain/tokens/hash';
import { effectiveEnd } from '../../domain/tokens/stored';
import type { Settings } from '../../domain/settings/model';
import type { TokenScope } from '../../domain/tokens/model';
import { systemClock } from '../../domain/ports';
import type { HttpLikeRequest } from '../../domain/verification/headers';
import { badRequestLogLine, logLine } from '../../domain/verification/log-line';
import { FAILURE_MESSAGES } from '../../domain/verification/messages';
import { denied, FAILURE_STATUS, type Credential, type Denied, type Purpose, type RateLimitStatus, type VerificationDecision, type VerificationFailureCode, type VerificationInput } from '../../domain/verification/model';
import { isEmptyPlan, planWrites, type WritePlan } from '../../domain/verification/plan-writes';
import { locateClient, readVerificationInput } from '../../domain/verification/read-input';
import { precheck, verify } from '../../domain/verification/verify';
import { kvsDiscardCounter } from '../audit/discard-counter';
import { eventRows } from './event-rows';
import { holdUse, pendingUses, releaseUses } from './pending-uses';
import { carriedCount, carry, takeCarried } from './carried-discards';
import { lastSettings, recentSettings, rememberSettings } from './settings-snapshot';
import { commitWrites, readSettings, readVerificationState, writeEventRow } from './verification-store';

/** Enough rounds for a small limit to fill under any contention; see the header. */
export const MAX_ATTEMPTS = 6;

export interface AuthenticateOptions {
  purpose: Purpose;
}

/** The web trigger request, plus the platform's invocation context when there is one. */
export type AuthenticationRequest = HttpLikeRequest & { context?: { cloudId?: string } };

export interface AuthenticatedToken {
  valid: true;
  tokenId: string;
  accountId: string;
  scope: TokenScope;
  description: string;
  /** When the token stops verifying by itself (expiry or end of its rotation grace); null = never. */
  expiresAt: number | null;
  rateLimit: RateLimitStatus | null;
}

export interface AuthenticationFailure {
  valid: false;
  code: VerificationFailureCode;
  status: (typeof FAILURE_STATUS)[VerificationFailureCode];
  message: string;
  /** Seconds, for 429. */
  retryAfterSeconds: number | null;
}

export type AuthenticationResult = AuthenticatedToken | AuthenticationFailure;

type CommitResult = 'committed' | 'conflict' | 'failed';

function failure(decision: Denied, message = FAILURE_MESSAGES[decision.code]): AuthenticationFailure {
  return { valid: false, code: decision.code, status: FAILURE_STATUS[decision.code], message, retryAfterSeconds: decision.retryAfterSeconds };
}

function toResult(decision: VerificationDecision): AuthenticationResult {
  if (!decision.valid) return failure(decision);
  const { lookup, rateLimit } = decision;
  return {
    valid: true,
    tokenId: lookup.tokenId,
    accountId: lookup.ownerAccountId,
    scope: lookup.scope,
    description: lookup.description,
    expiresAt: effectiveEnd(lookup),
    rateLimit: rateLimit && { limit: rateLimit.limit, remaining: rateLimit.remaining, resetAt: rateLimit.resetAt },
  };
}

function finish(decision: VerificationDecision, input: VerificationInput): AuthenticationResult {
  console.info(logLine(decision, input));
  return toResult(decision);
}

/** Names the failure without its message: a storage message may quote keys, and keys are hashes of secrets. */
function errorName(error: unknown): string {
  if (error && typeof error === 'object' && 'code' in error && typeof error.code === 'string') return error.code;
  return error instanceof Error ? error.name : 'unknown error';
}

/** Counts events that could not be stored; when even that write fails, the instance carries the number. */
async function countDiscarded(count: number, purpose: Purpose): Promise<void> {
  if (count === 0) return;
  const counted = await kvsDiscardCounter.add(count).then(
    () => true,
    () => false,
  );
  if (!counted) carry(count);
  console.info(
    `[${purpose}] ${count} authentication event(s) could not be stored${counted ? ' and were counted as discarded' : `; the discard counter could not be updated either, so this instance carries ${carriedCount()} until its next successful write`}.`,
  );
}

/** After a successful write outside a transaction: store what the instance carries (a call only when it carries any). */
async function storeCarried(): Promise<void> {
  const owed = takeCarried();
  if (owed === 0) return;
  await kvsDiscardCounter.add(owed).catch(() => carry(owed));
}

/** The settings for the no-lookup path: a recent copy, else a read, else (storage failing) the last copy known. */
async function settingsWithoutLookup(input: VerificationInput, now: number): Promise<Settings | null> {
  const recent = recentSettings(now);
  if (recent) return recent;
  try {
    const settings = await readSettings();
    rememberSettings(settings, now);
    return settings;
  } catch (error) {
    // The answer (401) does not depend on storage; only whether to audit it, and whom to trust for the address.
    console.info(`[${input.purpose}] could not read settings for a malformed credential (${errorName(error)}); using the last copy known.`);
    return lastSettings();
  }
}

/**
 * The malformed-credential event, when switched on: no lookup, so no batch read. Returns the input
 * with the client located by the trusted gateways, when the settings could be known.
 */
async function recordWithoutLookup(decision: Denied, input: VerificationInput, now: number, system: string): Promise<VerificationInput> {
  if (decision.code !== 'MALFORMED_TOKEN') return input;
  const settings = await settingsWithoutLookup(input, now);
  if (!settings) return input;
  const located = locateClient(input, settings.trustedGateways);
  await writeEventAlone(decision, located, settings, now, system);
  return located;
}

/** A denial's event, when switched on, written by itself (one call): for answers decided without a transaction. */
async function writeEventAlone(decision: Denied, input: VerificationInput, settings: Settings, now: number, system: string): Promise<void> {
  const plan = planWrites({ decision, input, settings, now, usage: null, pendingUses: 0, aggregation: null });
  const [row] = eventRows(plan.events, system);
  if (!row) return;
  try {
    await writeEventRow(row);
  } catch {
    await countDiscarded(1, input.purpose);
    return;
  }
  await storeCarried();
}

/** Settles this instance's held uses after a commit (see pending-uses.ts). */
function settleUses(secretHash: string, plan: WritePlan, held: number, valid: boolean): void {
  if (plan.usage) releaseUses(secretHash, held);
  else if (valid) holdUse(secretHash);
}

async function commit(secretHash: string, plan: WritePlan, held: number, valid: boolean, system: string, purpose: Purpose): Promise<CommitResult> {
  const owed = takeCarried();
  try {
    const outcome = await commitWrites(secretHash, plan, eventRows(plan.events, system), owed);
    if (outcome === 'committed') settleUses(secretHash, plan, held, valid);
    else carry(owed);
    return outcome;
  } catch (error) {
    carry(owed);
    console.info(`[${purpose}] verification write failed (${errorName(error)}).`);
  }
  const essential: WritePlan = { rateCounter: plan.rateCounter, aggregationCounter: null, usage: null, events: [] };
  if (plan.rateCounter) {
    try {
      const outcome = await commitWrites(secretHash, essential, []);
      if (outcome === 'conflict') return 'conflict';
    } catch (error) {
      console.info(`[${purpose}] rate-limit counter write failed (${errorName(error)}); refusing (fail closed).`);
      return 'failed';
    }
  }
  settleUses(secretHash, essential, held, valid);
  await countDiscarded(plan.events.length, purpose);
  return 'committed';
}

type TokenInput = VerificationInput & { credential: Extract<Credential, { kind: 'token' }> };

/**
 * The last attempt gives up on the aggregate rather than on the answer: its counter is the only
 * condition left besides the rate limit's, and a token without a limit must not be refused because
 * many of its successes arrived at once. The success it stood for is counted as discarded.
 */
function withoutAggregate(plan: WritePlan): { plan: WritePlan; dropped: number } {
  if (!plan.aggregationCounter) return { plan, dropped: 0 };
  return { plan: { ...plan, aggregationCounter: null, events: [] }, dropped: plan.events.length };
}

/** A random pause of up to one round trip, so that requests that lost a race do not meet again in lockstep. */
function backOff(roundTripMs: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(roundTripMs, 100)));
}

async function verifyWithStorage(input: TokenInput, now: number, system: string): Promise<AuthenticationResult> {
  const secretHash = hashToken(input.credential.token);
  let last: VerificationDecision | null = null;
  /** The input with the client located by the trusted gateways of the settings last read. */
  let located: VerificationInput = input;
  let settings: Settings | null = null;
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt += 1) {
    const started = performance.now();
    let state;
    try {
      state = await readVerificationState(secretHash);
    } catch (error) {
      console.info(`[${input.purpose}] verification read failed (${errorName(error)}).`);
      return finish(denied('UNAVAILABLE', last?.lookup ?? null), located);
    }
    rememberSettings(state.settings, now);
    settings = state.settings;
    located = locateClient(input, state.settings.trustedGateways);
    const decision = verify(located, state.lookup, state.settings, state.rate, now, Math.random());
    last = decision;
    const held = pendingUses(secretHash);
    const planned = planWrites({ decision, input: located, settings: state.settings, now, usage: state.usage, pendingUses: held, aggregation: state.aggregation });
    if (isEmptyPlan(planned)) {
      if (decision.valid) holdUse(secretHash);
      return finish(decision, located);
    }
    const { plan, dropped } = attempt === MAX_ATTEMPTS ? withoutAggregate(planned) : { plan: planned, dropped: 0 };
    const outcome = await commit(secretHash, plan, held, decision.valid, system, input.purpose);
    if (outcome === 'committed') {
      await countDiscarded(dropped, input.purpose);
      return finish(decision, located);
    }
    if (outcome === 'failed') return finish(denied('UNAVAILABLE', decision.lookup), located);
    if (attempt < MAX_ATTEMPTS) await backOff(performance.now() - started);
  }
  // Only the rate-limit counter can still conflict here, and every conflict was a request admitted
  // meanwhile: the window is being used up faster than it can be counted.
  console.info(`[${input.purpose}] rate-limit counter still contended after ${MAX_ATTEMPTS} attempts; answering 429.`);
  const limited = denied('RATE_LIMITED', last?.lookup ?? null, { retryAfterSeconds: 1, limit: last?.lookup?.rateLimit ?? null });
  if (settings) await writeEventAlone(limited, located, settings, now, system);
  return finish(limited, located);
}

export async function authenticate(request: AuthenticationRequest, options: AuthenticateOptions): Promise<AuthenticationResult> {
  try {
    const now = systemClock.now();
    const parsed = readVerificationInput(request, options.purpose);
    if (!parsed.ok) {
      console.info(badRequestLogLine(options.purpose, parsed.reason));
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
    console.info(`[${options.purpose}] verification failed unexpectedly (${errorName(error)}); refusing (fail closed).`);
    return failure(denied('UNAVAILABLE'));
  }
}
