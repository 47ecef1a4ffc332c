/**
 * The daily scheduled trigger: first the token hygiene run (expiry reminders, unused tokens,
 * deactivated owners; docs/tokens.md), then it deletes audit events past retention
 * (resumable, time-boxed), records "Events purged" with the count, and reports events that could
 * not be stored as "Events discarded" (docs/audit-events.md). Token expiry itself needs no sweep: status
 * is derived at read time.
 */
import { installationSite, recorder } from '../adapters/audit/recorder';
import { hygieneDeps } from '../adapters/hygiene/hygiene-deps';
import { kvsAuditRows } from '../adapters/audit/row-source';
import { kvsPurgeProgress } from '../adapters/audit/purge-progress';
import { runDeadline } from '../adapters/audit/run-budget';
import { loadSettings } from '../adapters/settings/settings-store';
import { purgedDraft } from '../domain/audit/housekeeping-events';
import { runHygiene, type HygieneReport } from '../domain/hygiene/daily-run';
import { purgeExpired } from '../domain/audit/purge';
import { retentionCutoffs } from '../domain/audit/retention';
import { systemClock } from '../domain/ports';

/** Half of the run's budget at most: the purge after it must keep up with retention too. */
function hygieneDeadline(now: number): number {
  return now + (runDeadline(now) - now) / 2;
}

function describe(report: HygieneReport): string {
  return (
    `Token hygiene: ${report.scanned} live token(s) read; ${report.reminded} expiry reminder(s), ${report.warned} unused warning(s), ` +
    `${report.revokedUnused} revoked as unused, ${report.revokedDeactivated} revoked and ${report.flagged} flagged for a deactivated owner, ` +
    `${report.unflagged} flag(s) cleared` +
    (report.ownerCheck === 'failed' ? "; the owners' accounts could not be read from Jira, so no owner was acted on (the next run asks again)" : '') +
    (report.complete ? '.' : '; stopped early, the next run goes on.')
  );
}

export async function housekeeping(): Promise<void> {
  const settings = await loadSettings();
  try {
    const hygiene = await runHygiene(hygieneDeps(installationSite()), settings.hygiene, hygieneDeadline(systemClock.now()));
    console.info(describe(hygiene));
  } catch (error) {
    // Storage failed mid-run: what was written is whole (one transaction per token); the purge still runs.
    console.warn(`Token hygiene stopped: ${error instanceof Error ? error.message : 'unknown error'}; the next run starts over.`);
  }

  const now = systemClock.now();
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
