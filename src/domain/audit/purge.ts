/**
 * The retention purge (docs/audit-events.md): deletes events past their category's retention, oldest first, in
 * batches of 25 (the platform's batch limit), until done or until the run's deadline. A run that
 * stops early saves which category it was in; the next run starts there, so a large backlog in
 * one category cannot starve the others and every run makes progress.
 *
 * Each category is read through its own index partition (by-category, `ts` below the cutoff,
 * ascending), so the purge never reads an event it keeps.
 */
import type { Clock } from '../ports';
import { AUDIT_CATEGORIES } from './model';
import { STORAGE_PAGE_MAX, type AuditRowDeleter, type AuditRowSource } from './ports';

export const DELETE_BATCH = 25;

/** Where an unfinished purge continues: the category (catalog index) it stopped in. */
export interface PurgeProgress {
  category: number;
}

export interface PurgeDeps {
  rows: AuditRowSource & AuditRowDeleter;
  progress: { load(): Promise<PurgeProgress | null>; save(progress: PurgeProgress | null): Promise<void> };
  clock: Clock;
}

export interface PurgeResult {
  purged: number;
  failed: number;
  /** False when the deadline stopped the run with expired events left. */
  complete: boolean;
}

async function deleteAll(rows: AuditRowDeleter, keys: string[]): Promise<{ deleted: number; failed: number }> {
  const batches: string[][] = [];
  for (let i = 0; i < keys.length; i += DELETE_BATCH) batches.push(keys.slice(i, i + DELETE_BATCH));
  const results = await Promise.all(batches.map((batch) => rows.deleteRows(batch)));
  return results.reduce((sum, r) => ({ deleted: sum.deleted + r.deleted, failed: sum.failed + r.failed }), { deleted: 0, failed: 0 });
}

/** Purges one category until it has nothing expired left (true) or the deadline passes (false). */
async function purgeCategory(deps: PurgeDeps, category: string, cutoff: number, deadline: number, totals: { purged: number; failed: number }): Promise<boolean> {
  const read = (cursor: string | null) =>
    deps.rows.query({ index: 'category', partition: category, lo: 0, hi: cutoff - 1, filters: [], limit: STORAGE_PAGE_MAX, ascending: true, cursor });
  let page = await read(null);
  for (;;) {
    const keys = page.rows.map((row) => row.key);
    // The next page is read while this one is deleted: its cursor lies past this page's rows.
    const [next, done] = await Promise.all([page.cursor ? read(page.cursor) : Promise.resolve(null), deleteAll(deps.rows, keys)]);
    totals.purged += done.deleted;
    totals.failed += done.failed;
    if (!next) return true;
    if (deps.clock.now() >= deadline) return false;
    page = next;
  }
}

export async function purgeExpired(deps: PurgeDeps, cutoffs: Record<string, number>, deadline: number): Promise<PurgeResult> {
  const start = (await deps.progress.load())?.category ?? 0;
  const totals = { purged: 0, failed: 0 };
  for (let step = 0; step < AUDIT_CATEGORIES.length; step += 1) {
    const index = (start + step) % AUDIT_CATEGORIES.length;
    const category = AUDIT_CATEGORIES[index];
    const finished = await purgeCategory(deps, category, cutoffs[category], deadline, totals);
    if (!finished || (deps.clock.now() >= deadline && step < AUDIT_CATEGORIES.length - 1)) {
      await deps.progress.save({ category: finished ? (index + 1) % AUDIT_CATEGORIES.length : index });
      return { ...totals, complete: false };
    }
  }
  await deps.progress.save(null);
  return { ...totals, complete: true };
}
