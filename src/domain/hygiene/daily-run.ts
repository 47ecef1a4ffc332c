/**
 * The daily hygiene run (docs/tokens.md): expiry reminders, unused-token warnings and revocations,
 * and the tokens of deactivated owners. It reads the live tokens once (an index range, 100 a page),
 * their usage only when the unused policy is on, and the owners' accounts from Jira in bulk; then
 * writes one conditional transaction per token it acts on: the token (with what was recorded about
 * it on its record) and the events together. Two runs at once cannot record a reminder twice: the
 * second one's write expects the revision the first one replaced, fails, re-reads and finds the
 * reminder recorded. Costs: docs/tokens.md "Token hygiene".
 */
import { TRY_AGAIN, withAttempts, type Attempt } from '../attempts';
import type { AuditEvent } from '../audit/model';
import type { HygieneSettings } from '../settings/model';
import { liveReplaced } from '../tokens/chain';
import type { TokenHygiene, TokenUsage } from '../tokens/model';
import type { TokenCommit, TokenDeps } from '../tokens/ports';
import { chainRevocation } from '../tokens/revoke-token';
import { NO_USAGE, type StoredToken } from '../tokens/stored';
import { APP_NAME, DEACTIVATED_REASON, expiringSoonEvent, HYGIENE_CALLER, ownerDeactivatedEvent, unusedReason, unusedWarnedEvent, type EventContext } from './events';
import { dueReminder, ownerStep, unusedStep, type AccountState } from './rules';

/** Jira's bulk user route answers at most this many accounts per call. */
export const ACCOUNTS_PER_CALL = 100;
/** A run reads at most this many live tokens (200 index pages); the rest wait for the next run. */
export const MAX_SCANNED_TOKENS = 20_000;
/** Attempts per token when another writer changes it between the read and the write. */
const ATTEMPTS = 3;

export interface LiveTokenPage {
  tokens: StoredToken[];
  cursor: string | null;
}

export interface LiveTokenSource {
  /** A page of tokens not revoked and not ended at `now` (one index query, at most 100). */
  live(now: number, cursor: string | undefined): Promise<LiveTokenPage>;
  /** Usage of many secrets; a missing one was never used (one batch get per 25). */
  usage(secretHashes: readonly string[]): Promise<Map<string, TokenUsage>>;
}

export interface OwnerAccount {
  state: Exclude<AccountState, 'unknown'>;
  displayName: string;
}

export interface AccountDirectory {
  /** Jira's answer for at most ACCOUNTS_PER_CALL accounts, in one call. Throws when Jira cannot answer. */
  accounts(accountIds: readonly string[]): Promise<Map<string, OwnerAccount>>;
}

export interface HygieneDeps extends TokenDeps {
  live: LiveTokenSource;
  accounts: AccountDirectory;
}

export interface HygieneReport {
  scanned: number;
  reminded: number;
  warned: number;
  revokedUnused: number;
  revokedDeactivated: number;
  flagged: number;
  unflagged: number;
  /** `failed`: Jira did not answer; no owner was acted on and the next run asks again. */
  ownerCheck: 'done' | 'failed';
  /** False when the run stopped at its deadline or scan bound; the next run starts over. */
  complete: boolean;
}

type Counter = Exclude<keyof HygieneReport, 'scanned' | 'ownerCheck' | 'complete'>;

interface TokenPlan {
  commit: TokenCommit;
  counts: Counter[];
}

async function readLive(deps: HygieneDeps, now: number, deadline: number): Promise<{ tokens: StoredToken[]; complete: boolean }> {
  const tokens: StoredToken[] = [];
  let cursor: string | undefined;
  do {
    const page = await deps.live.live(now, cursor);
    tokens.push(...page.tokens);
    cursor = page.cursor ?? undefined;
  } while (cursor && tokens.length < MAX_SCANNED_TOKENS && deps.clock.now() < deadline);
  return { tokens, complete: cursor === undefined };
}

/** Every owner's account, one call per ACCOUNTS_PER_CALL owners; null when any call failed (fail safe). */
async function readOwners(deps: HygieneDeps, tokens: readonly StoredToken[]): Promise<Map<string, OwnerAccount> | null> {
  const owners = [...new Set(tokens.map((stored) => stored.token.ownerAccountId))];
  const found = new Map<string, OwnerAccount>();
  try {
    for (let start = 0; start < owners.length; start += ACCOUNTS_PER_CALL) {
      for (const [accountId, account] of await deps.accounts.accounts(owners.slice(start, start + ACCOUNTS_PER_CALL))) found.set(accountId, account);
    }
  } catch {
    // Fail safe: nobody is revoked or flagged on a lookup that did not answer; the report says so.
    return null;
  }
  return found;
}

function withHygiene(stored: StoredToken, hygiene: TokenHygiene): StoredToken {
  return { ...stored, token: { ...stored.token, hygiene }, revision: stored.revision + 1 };
}

/** What the run does to one token, as one commit; null when nothing is due. */
async function planToken(
  deps: HygieneDeps,
  context: EventContext,
  stored: StoredToken,
  usage: TokenUsage,
  account: AccountState,
  settings: HygieneSettings,
  now: number,
): Promise<TokenPlan | null> {
  const { token } = stored;
  const owner = ownerStep(token, account, now, settings.deactivatedOwners);
  const unused = unusedStep(token, usage, now, settings.unusedDays);
  if (owner.kind === 'revoke' || unused.kind === 'revoke') {
    const reason = owner.kind === 'revoke' ? DEACTIVATED_REASON : unusedReason(unused.kind === 'revoke' ? unused.warning.days : 0);
    const plan = { target: stored, replaced: await liveReplaced(deps, stored, now) };
    const names = new Map(context.names).set(HYGIENE_CALLER.accountId, APP_NAME);
    const { commit } = chainRevocation(deps, HYGIENE_CALLER, plan, now, names, [{ name: 'Reason', value: reason }]);
    return { commit, counts: [owner.kind === 'revoke' ? 'revokedDeactivated' : 'revokedUnused'] };
  }

  const hygiene: TokenHygiene = { ...token.hygiene };
  const events: AuditEvent[] = [];
  const counts: Counter[] = [];
  if (owner.kind === 'flag') {
    hygiene.ownerDeactivatedAt = now;
    events.push(ownerDeactivatedEvent(context, now, token));
    counts.push('flagged');
  } else if (owner.kind === 'clearFlag') {
    delete hygiene.ownerDeactivatedAt;
    counts.push('unflagged');
  }
  if (unused.kind === 'warn') {
    hygiene.unusedWarning = unused.warning;
    events.push(unusedWarnedEvent(context, now, token, unused.warning));
    counts.push('warned');
  }
  const reminder = dueReminder(token, now, settings.reminderDays);
  if (reminder !== null) {
    hygiene.remindedDays = [...(hygiene.remindedDays ?? []), reminder];
    events.push(expiringSoonEvent(context, now, token, reminder));
    counts.push('reminded');
  }
  if (counts.length === 0) return null;
  return { commit: { writes: [{ next: withHygiene(stored, hygiene), expected: stored.revision }], events }, counts };
}

/** Plans and writes one token; after a lost race it re-reads the token and decides again. */
async function actOn(
  deps: HygieneDeps,
  context: EventContext,
  first: StoredToken,
  usage: TokenUsage,
  account: AccountState,
  settings: HygieneSettings,
  now: number,
): Promise<Counter[]> {
  let stored: StoredToken | null = first;
  const outcome = await withAttempts(ATTEMPTS, async (attempt): Promise<Attempt<Counter[]>> => {
    if (attempt > 0) stored = await deps.repository.get(first.token.id);
    if (!stored) return [];
    const plan = await planToken(deps, context, stored, usage, account, settings, now);
    if (!plan) return [];
    return (await deps.repository.commit(plan.commit)) === 'committed' ? plan.counts : TRY_AGAIN;
  });
  // A token that kept changing under the run is left for the next run.
  return outcome === TRY_AGAIN ? [] : outcome;
}

export async function runHygiene(deps: HygieneDeps, settings: HygieneSettings, deadline: number): Promise<HygieneReport> {
  const now = deps.clock.now();
  const { tokens, complete } = await readLive(deps, now, deadline);
  const usage = settings.unusedDays === null ? new Map<string, TokenUsage>() : await deps.live.usage(tokens.map((stored) => stored.secretHash));
  const owners = await readOwners(deps, tokens);
  const names = new Map([...(owners ?? new Map<string, OwnerAccount>())].map(([accountId, account]) => [accountId, account.displayName]));
  const context: EventContext = { random: deps.random, site: deps.site, clock: deps.clock, names };

  const report: HygieneReport = {
    scanned: tokens.length,
    reminded: 0,
    warned: 0,
    revokedUnused: 0,
    revokedDeactivated: 0,
    flagged: 0,
    unflagged: 0,
    ownerCheck: owners ? 'done' : 'failed',
    complete,
  };
  for (const stored of tokens) {
    if (deps.clock.now() >= deadline) {
      report.complete = false;
      break;
    }
    const account: AccountState = owners?.get(stored.token.ownerAccountId)?.state ?? 'unknown';
    const counts = await actOn(deps, context, stored, usage.get(stored.secretHash) ?? NO_USAGE, account, settings, now);
    for (const counter of counts) report[counter] += 1;
  }
  return report;
}
