/**
 * Retention (docs/audit-events.md): a default period plus optional per-category periods. An event is visible while
 * its timestamp is at or after its category's cutoff; search never returns it afterwards and the
 * scheduled purge deletes it.
 */
import type { RetentionSettings } from '../settings/model';
import { AUDIT_CATEGORIES } from './model';

export const DAY_MS = 86_400_000;

export function retentionDays(retention: RetentionSettings, category: string): number {
  const own = retention.perCategoryDays[category];
  return typeof own === 'number' && own > 0 ? own : retention.defaultDays;
}

/** Oldest visible timestamp (inclusive) of each catalog category at `now`. */
export function retentionCutoffs(retention: RetentionSettings, now: number): Record<string, number> {
  const cutoffs: Record<string, number> = {};
  for (const category of AUDIT_CATEGORIES) cutoffs[category] = now - retentionDays(retention, category) * DAY_MS;
  return cutoffs;
}

/** The oldest timestamp any event can still be visible at: `now` minus the longest period. */
export function oldestVisible(cutoffs: Record<string, number>): number {
  return Math.min(...Object.values(cutoffs));
}
