/**
 * The recorder every producer uses (docs/audit-events.md), wired to Forge storage. The rules live in
 * src/domain/audit/recorder.ts; this file only supplies kvs, the clock, ids and the site.
 *
 * Producers that write events inside their own transaction (token management, settings) build the
 * event with buildEvent() and add `toRow(event)` (domain/audit/row.ts) to it; everyone else calls
 * `auditRecorder.record(draft, {settings})` (passing settings they already loaded spares a read).
 */
import { randomUUID } from 'node:crypto';
import { getAppContext } from '@forge/api';
import { siteSystem } from '../../domain/audit/build-event';
import { createRecorder, type Recorder } from '../../domain/audit/recorder';
import type { AuditEventDraft, AuditRecorder, RecordOptions, RecordOutcome } from '../../domain/audit/model';
import { systemClock } from '../../domain/ports';
import { loadSettings, siemStreaming } from '../settings/settings-store';
import { deliverSoon } from '../siem/delivery-nudge';
import { kvsDiscardCounter } from './discard-counter';
import { kvsAuditWriter } from './event-writer';

/** The installation's site (`ari:cloud:jira::site/<cloud id>`), when the platform says. */
export function installationSite(): string {
  try {
    return siteSystem(getAppContext().installation?.contexts?.[0]?.cloudId ?? '');
  } catch {
    return '';
  }
}

export const recorder: Recorder = createRecorder({
  writer: kvsAuditWriter,
  counter: kvsDiscardCounter,
  loadSettings,
  clock: systemClock,
  newId: () => randomUUID(),
  system: installationSite,
  log: (message) => console.warn(message),
});

/**
 * What became of a draft is returned for tests and callers that care; others just await it. A
 * stored event starts a SIEM delivery run soon when destinations exist (adapters/siem/delivery-nudge.ts).
 */
export const auditRecorder = {
  async record(draft: AuditEventDraft, options?: RecordOptions): Promise<RecordOutcome> {
    const outcome = await recorder.record(draft, options);
    if (outcome === 'recorded') await deliverSoon(siemStreaming());
    return outcome;
  },
} satisfies AuditRecorder;

/**
 * For the events SIEM delivery causes itself (its App API calls): they are stored like any other
 * and go with the next run, but never start one, or every run would start the next for ever.
 */
export const deliveryCallRecorder = {
  record: (draft: AuditEventDraft, options?: RecordOptions): Promise<RecordOutcome> => recorder.record(draft, options),
} satisfies AuditRecorder;
