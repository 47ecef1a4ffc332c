/**
 * The settings as this warm instance last read them, for ONE purpose: deciding whether a
 * malformed credential is audited ("Failed credential verification", off by default and noisy by
 * nature) without a storage call, so that rejecting garbage costs 0 calls (product.md §9).
 *
 * Every full verification reads the settings anyway (in its one batch) and refreshes the snapshot
 * for free. A snapshot older than MAX_AGE_MS is not used: the malformed path then reads the settings
 * itself (1 call) and refreshes it. So a toggle change reaches the malformed path within
 * MAX_AGE_MS, and a flood of garbage costs at most one settings read per MAX_AGE_MS per instance.
 * Full verifications never use the snapshot: they always decide on the settings they just read.
 */
import type { Settings } from '../../domain/settings/model';

export const MAX_AGE_MS = 10_000;

let snapshot: { settings: Settings; readAt: number } | null = null;

export function rememberSettings(settings: Settings, now: number): void {
  snapshot = { settings, readAt: now };
}

/** The remembered settings whatever their age: better than nothing when storage is failing. */
export function lastSettings(): Settings | null {
  return snapshot?.settings ?? null;
}

/** The remembered settings if read within MAX_AGE_MS of `now`, else null. */
export function recentSettings(now: number): Settings | null {
  if (!snapshot || now - snapshot.readAt > MAX_AGE_MS || now < snapshot.readAt) return null;
  return snapshot.settings;
}
