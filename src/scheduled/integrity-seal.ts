/**
 * The sealing run (docs/audit-events.md), scheduled hourly: seals the events stored since the last seal
 * when there are many (an hour of high traffic, SEAL_HOURLY_THRESHOLD events or more) or when the
 * last seal is a day old (the daily seal, even of no events, so a quiet day is sealed too). Each
 * seal is recorded as an "Events sealed" audit event, which streaming sends to every SIEM
 * destination: the external anchor of the chain.
 */
import { auditRecorder } from '../adapters/audit/recorder';
import { APP_AUTHOR } from '../domain/audit/housekeeping-events';
import { ATTRIBUTES } from '../domain/audit/model';
import { loadSettings } from '../adapters/settings/settings-store';
import { eventsAfter } from '../adapters/siem/event-reader';
import { lastSeal, writeSeal } from '../adapters/seals/seal-store';
import { buildSeal, type SealWithLeaves } from '../domain/seals/seal';

export const SEAL_HOURLY_THRESHOLD = 1_000;
const DAY_MS = 24 * 3_600_000;
/**
 * Events younger than this are left to the next seal: writes in flight. An aggregated success
 * event is written once, complete, stamped with the time the fold stores it
 * (domain/audit/fold-tallies.ts), so it needs no longer wait than any other event.
 */
const SETTLE_MS = 5 * 60_000;
/** A seal covers at most this many events; the rest wait for the next run. */
export const SEAL_MAX_EVENTS = 20_000;

export async function sealEvents(options: { now?: number; force?: boolean } = {}): Promise<SealWithLeaves | null> {
  const now = options.now ?? Date.now();
  const [previous, settings] = await Promise.all([lastSeal(), loadSettings()]);
  let to = now - SETTLE_MS;
  const from = previous?.to ?? -1;
  if (to <= from) return null;
  let events = await eventsAfter({ t: from + 1, ids: [] }, to, SEAL_MAX_EVENTS + 1, Math.ceil(SEAL_MAX_EVENTS / 100) + 1);
  if (events.length > SEAL_MAX_EVENTS) {
    to = Date.parse(events[SEAL_MAX_EVENTS].timestamp) - 1;
    events = events.filter((event) => Date.parse(event.timestamp) <= to);
  }
  const dayOld = !previous || now - previous.sealedAt >= DAY_MS - 5 * 60_000;
  if (!options.force && !dayOld && events.length < SEAL_HOURLY_THRESHOLD) return null;

  const seal = buildSeal({ previous, to, events, now });
  await writeSeal(seal);
  await auditRecorder.record(
    {
      action: 'eventsSealed',
      author: APP_AUTHOR,
      affectedObjects: [],
      extraAttributes: [
        { name: ATTRIBUTES.sealSeq, value: String(seal.seq) },
        { name: ATTRIBUTES.sealRange, value: `${seal.from < 0 ? 'start' : new Date(seal.from).toISOString()} (exclusive) to ${new Date(seal.to).toISOString()}` },
        { name: ATTRIBUTES.sealCount, value: String(seal.count) },
        { name: ATTRIBUTES.sealRoot, value: seal.root },
        { name: ATTRIBUTES.sealPrev, value: seal.prev },
        { name: ATTRIBUTES.sealHash, value: seal.hash },
      ],
      method: 'Scheduled',
    },
    { settings },
  );
  return seal;
}

export async function integritySeal(): Promise<void> {
  await sealEvents();
}
