/**
 * "Verify integrity" (product.md §10, §12): recomputes the seal chain and each sealed period from
 * the events stored now, and names the first period that no longer matches: an event deleted,
 * changed or added (with its id), or a seal altered or out of its chain. A period whose oldest
 * event is past the shortest retention period is not checked: the purge deletes its events by design.
 */
import { loadSettings } from '../adapters/settings/settings-store';
import { eventsAfter } from '../adapters/siem/event-reader';
import { headSeq, readSeal } from '../adapters/seals/seal-store';
import { checkLink, checkPeriod, type Mismatch, type Seal, type SealWithLeaves } from '../domain/seals/seal';
import { SEAL_MAX_EVENTS } from '../scheduled/integrity-seal';
import { fail, ok, type ResolverResult } from '../shared/result';
import { spec } from './define';
import { integrityRangeSchema } from './schemas/integrity';

const DAY_MS = 86_400_000;
const MAX_SEALS_PER_CALL = 200;

export interface IntegrityReport {
  ok: boolean;
  /** Seals checked (period and chain link). */
  seals: number;
  /** Seals not checked because retention has started deleting their period. */
  skipped: number;
  firstMismatch: (Mismatch & { fromIso: string | null; toIso: string }) | null;
}

export async function verifyIntegrity(range: { from?: number; to?: number }, now = Date.now()): Promise<IntegrityReport> {
  const settings = await loadSettings();
  const shortestDays = Math.min(settings.retention.defaultDays, ...Object.values(settings.retention.perCategoryDays ?? {}).filter((d): d is number => typeof d === 'number'));
  const purgedBefore = now - shortestDays * DAY_MS;
  const head = await headSeq();
  let previous: Seal | null = null;
  let checked = 0;
  let skipped = 0;
  for (let seq = Math.max(1, head - MAX_SEALS_PER_CALL + 1); seq <= head; seq += 1) {
    const seal = await readSeal(seq);
    const at = (mismatch: Mismatch): IntegrityReport['firstMismatch'] => ({ ...mismatch, fromIso: mismatch.from < 0 ? null : new Date(mismatch.from).toISOString(), toIso: new Date(mismatch.to).toISOString() });
    if (!seal) return { ok: false, seals: checked, skipped, firstMismatch: at({ seq, from: previous?.to ?? -1, to: previous?.to ?? -1, kind: 'chain-broken', eventId: null }) };
    const inRange = (range.from === undefined || seal.to >= range.from) && (range.to === undefined || seal.from < range.to);
    // The first seal read has no predecessor in hand unless it is seal 1.
    const link = previous || seq === 1 ? checkLink(seal, previous) : null;
    if (link) return { ok: false, seals: checked, skipped, firstMismatch: at(link) };
    previous = seal;
    if (!inRange) continue;
    if (seal.first !== null && seal.first < purgedBefore) {
      skipped += 1;
      continue;
    }
    const events = await eventsAfter({ t: seal.from + 1, ids: [] }, seal.to, SEAL_MAX_EVENTS * 2, Math.ceil((SEAL_MAX_EVENTS * 2) / 100) + 1);
    const mismatch = checkPeriod(seal, events);
    checked += 1;
    if (mismatch) return { ok: false, seals: checked, skipped, firstMismatch: at(mismatch) };
  }
  return { ok: true, seals: checked, skipped, firstMismatch: null };
}

const verify = spec({
  access: 'admin',
  payload: integrityRangeSchema,
  handle: async ({ from, to }): Promise<ResolverResult<IntegrityReport>> => {
    const range = { from: from ? Date.parse(from) : undefined, to: to ? Date.parse(to) : undefined };
    if (range.from !== undefined && range.to !== undefined && range.from > range.to) return fail('INVALID_INPUT', 'from is after to.');
    return ok(await verifyIntegrity(range));
  },
});

/** The seals (with their leaves) whose periods overlap `from`..`to`, for an export to carry. */
const seals = spec({
  access: 'admin',
  payload: integrityRangeSchema,
  handle: async ({ from, to }): Promise<ResolverResult<{ seals: SealWithLeaves[] }>> => {
    const lo = from ? Date.parse(from) : -Infinity;
    const hi = to ? Date.parse(to) : Infinity;
    const head = await headSeq();
    const found: SealWithLeaves[] = [];
    for (let seq = Math.max(1, head - MAX_SEALS_PER_CALL + 1); seq <= head; seq += 1) {
      const seal = await readSeal(seq);
      if (seal && seal.to >= lo && seal.from < hi) found.push(seal);
    }
    return ok({ seals: found });
  },
});

export const integritySpecs = { 'integrity/verify': verify, 'integrity/seals': seals };
