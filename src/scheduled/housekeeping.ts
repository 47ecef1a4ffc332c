/**
 * The daily scheduled trigger: deletes audit events past retention (resumable, time-boxed),
 * records "Events purged" with the count, and reports events that could not be stored as
 * "Events discarded" (product.md §5). Token expiry needs no sweep: status is derived at read time.
 */
import { recorder } from '../adapters/audit/recorder';
import { kvsAuditRows } from '../adapters/audit/row-source';
import { kvsPurgeProgress } from '../adapters/audit/purge-progress';
import { runDeadline } from '../adapters/audit/run-budget';
import { loadSettings } from '../adapters/settings/settings-store';
import { purgedDraft } from '../domain/audit/housekeeping-events';
import { purgeExpired } from '../domain/audit/purge';
import { retentionCutoffs } from '../domain/audit/retention';
import { systemClock } from '../domain/ports';

export async function housekeeping(): Promise<void> {
  const now = systemClock.now();
  const settings = await loadSettings();
  const result = await purgeExpired(
    { rows: kvsAuditRows, progress: kvsPurgeProgress, clock: systemClock },
    retentionCutoffs(settings.retention, now),
    runDeadline(now),
  );
  if (result.purged > 0 || result.failed > 0) await recorder.record(purgedDraft(result, settings.retention), { settings });
  const reported = await recorder.reportDiscarded('Scheduled');
  console.info(
    `Housekeeping: purged ${result.purged} audit event(s) past retention${result.complete ? '' : ' (more remain; the next run continues)'}` +
      `${result.failed > 0 ? `, ${result.failed} could not be deleted` : ''}; reported ${reported} discarded event(s).`,
  );
}
