/**
 * What one warm instance remembers between verifications. None of it is needed for a correct
 * answer; each piece saves a storage call or keeps a count from being lost:
 *
 * - carried discards: audit events that could be stored neither as events nor as discard entries
 *   (storage failing for both writes). The number is stored with the next verification transaction
 *   that succeeds, as one more discard entry, so it costs no extra call (no silent loss,
 *   docs/audit-events.md). It is lost only if the instance is recycled before that write.
 * - pending uses: admitted uses not written yet. Usage is written at most once a minute per token
 *   (or when a write happens anyway); the uses in between are added to the next write. Uses held by
 *   an instance that is recycled are lost, and two concurrent usage writes can overwrite each
 *   other's count, so the count can be low by that much, never high.
 * - settings snapshot: the settings as last read, for ONE purpose: deciding whether a malformed
 *   credential is audited without a storage call (product.md §9: rejecting garbage costs 0 calls).
 *   Older than SETTINGS_MAX_AGE_MS, it is not used and the malformed path reads the settings itself.
 */
import type { Settings } from '../settings/model';

export const SETTINGS_MAX_AGE_MS = 10_000;
const MAX_TRACKED_TOKENS = 10_000;

export class InstanceMemory {
  private carried = 0;
  private readonly pending = new Map<string, number>();
  private snapshot: { settings: Settings; readAt: number } | null = null;

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

  pendingUses(secretHash: string): number {
    return this.pending.get(secretHash) ?? 0;
  }

  holdUse(secretHash: string): void {
    if (!this.pending.has(secretHash) && this.pending.size >= MAX_TRACKED_TOKENS) {
      // Bounded memory: forget the oldest entry (Map iterates in insertion order).
      const oldest = this.pending.keys().next().value;
      if (oldest !== undefined) this.pending.delete(oldest);
    }
    this.pending.set(secretHash, this.pendingUses(secretHash) + 1);
  }

  /** After a usage write that included `written` held uses; uses held meanwhile stay held. */
  releaseUses(secretHash: string, written: number): void {
    const left = this.pendingUses(secretHash) - written;
    if (left > 0) this.pending.set(secretHash, left);
    else this.pending.delete(secretHash);
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
}
