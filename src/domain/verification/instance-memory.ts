/**
 * What one warm instance remembers between verifications. None of it is needed for a correct
 * answer; each piece saves a storage call or keeps a count from being lost:
 *
 * - carried discards: audit events that could be stored neither as events nor as discard entries
 *   (storage failing for both writes). The number is stored with the next verification transaction
 *   that succeeds, as one more discard entry, so it costs no extra call (no silent loss,
 *   docs/audit-events.md). It is lost only if the instance is recycled before that write.
 * - held uses: admitted uses not written yet, by the UTC day they happened on. Usage is written at
 *   most once a minute per token (or when a write happens anyway); the uses in between are added to
 *   the next write, each to its own day (tokens/daily-usage.ts). Uses held by an instance that is
 *   recycled are lost, and two concurrent usage writes can overwrite each other's count, so the
 *   count can be low by that much, never high (docs/tokens.md, "Usage per token").
 * - settings snapshot: the settings as last read, for ONE purpose: deciding whether a malformed
 *   credential is audited without a storage call (docs/performance.md: rejecting garbage costs 0 calls).
 *   Older than SETTINGS_MAX_AGE_MS, it is not used and the malformed path reads the settings itself.
 * - rate-limit shards: how many counter shards a token's limit used when last read, so that the next
 *   read picks its shards among those (rate-limit.ts `shardsToRead`); and the windows found full,
 *   so that a token refused once is refused on its next reads without reading every shard again
 *   (counts only grow within a window, and the key includes the limit, so an edit forgets it).
 * - recent failures: when each token last failed verification (at most BURST_THRESHOLD times
 *   within BURST_WINDOW_MS), for the failure-burst signal (signals.ts), which would otherwise cost a
 *   write per failure.
 */
import { BoundedMap } from '../bounded-map';
import type { Settings } from '../settings/model';
import { addUses, totalUses, utcDay, type DayCount } from '../tokens/daily-usage';
import { BURST_THRESHOLD, BURST_WINDOW_MS } from './signals';

export const SETTINGS_MAX_AGE_MS = 10_000;
const MAX_TRACKED_TOKENS = 10_000;

export class InstanceMemory {
  private carried = 0;
  private readonly pending = new BoundedMap<string, DayCount[]>(MAX_TRACKED_TOKENS);
  private snapshot: { settings: Settings; readAt: number } | null = null;
  private readonly rateShards = new BoundedMap<string, number>(MAX_TRACKED_TOKENS);
  private readonly fullWindows = new BoundedMap<string, string>(MAX_TRACKED_TOKENS);
  /** Least recently failed first. */
  private readonly failures = new BoundedMap<string, number[]>(MAX_TRACKED_TOKENS);

  carry(count: number): void {
    if (Number.isSafeInteger(count) && count > 0) this.carried += count;
  }

  /** Takes everything carried; the caller hands it back with `carry` if its write fails. */
  takeCarried(): number {
    const count = this.carried;
    this.carried = 0;
    return count;
  }

  carriedCount(): number {
    return this.carried;
  }

  /** The uses held for a token, by day: what the next usage write adds. */
  heldUses(secretHash: string): DayCount[] {
    return this.pending.get(secretHash) ?? [];
  }

  pendingUses(secretHash: string): number {
    return totalUses(this.heldUses(secretHash));
  }

  holdUse(secretHash: string, now: number): void {
    // addUses also drops days past the 30 kept, so a token held for long stays small.
    this.pending.set(secretHash, addUses(this.heldUses(secretHash), [{ day: utcDay(now), count: 1 }], now));
  }

  /** After a usage write that included `written` (as taken from heldUses); uses held meanwhile stay held. */
  releaseUses(secretHash: string, written: readonly DayCount[]): void {
    const left = this.heldUses(secretHash)
      .map(({ day, count }) => ({ day, count: count - totalUses(written.filter((entry) => entry.day === day)) }))
      .filter(({ count }) => count > 0);
    if (left.length > 0) this.pending.set(secretHash, left);
    else this.pending.delete(secretHash);
  }

  /**
   * Counts one failed verification of a token at `now` and answers how many this instance saw
   * within the burst window (this one included), up to BURST_THRESHOLD.
   */
  countFailure(secretHash: string, now: number): number {
    const recent = (this.failures.get(secretHash) ?? []).filter((at) => at > now - BURST_WINDOW_MS && at <= now);
    recent.push(now);
    const kept = recent.slice(-BURST_THRESHOLD);
    this.failures.touch(secretHash, kept);
    return kept.length;
  }

  rememberSettings(settings: Settings, now: number): void {
    this.snapshot = { settings, readAt: now };
  }

  /** The remembered settings whatever their age: better than nothing when storage is failing. */
  lastSettings(): Settings | null {
    return this.snapshot?.settings ?? null;
  }

  /** The remembered settings if read within SETTINGS_MAX_AGE_MS of `now`, else null. */
  recentSettings(now: number): Settings | null {
    const snapshot = this.snapshot;
    if (!snapshot || now - snapshot.readAt > SETTINGS_MAX_AGE_MS || now < snapshot.readAt) return null;
    return snapshot.settings;
  }

  /** Shards the token's limit used when last read, or null when this instance has not read it. */
  knownRateShards(secretHash: string): number | null {
    return this.rateShards.get(secretHash) ?? null;
  }

  rememberRateShards(secretHash: string, shards: number): void {
    this.rateShards.set(secretHash, shards);
  }

  /** Whether every shard of this window of the limit was seen full (`window` names the window and the limit). */
  windowFull(secretHash: string, window: string): boolean {
    return this.fullWindows.get(secretHash) === window;
  }

  rememberFullWindow(secretHash: string, window: string): void {
    this.fullWindows.set(secretHash, window);
  }
}
