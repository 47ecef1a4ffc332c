/**
 * "Verify integrity" (docs/resolvers.md, docs/audit-events.md): recomputes the seal chain and each sealed period from
 * the events stored now, and names the first period that no longer matches: an event deleted,
 * changed or added (with its id), or a seal altered or out of its chain. A period whose oldest
 * event is past the shortest retention period is not checked: the purge deletes its events by design.
 */
import { loadSettings } from '../adapters/settings/settings-store';
import { eventsAfter } from '../adapters/siem/event-reader';
import { headSeq, readLeaves, readSeal, readSealHeaders } from '../adapters/seals/seal-store';
import { checkLink, checkPeriod, type Mismatch, type Seal, type SealWithLeaves } from '../domain/seals/seal';
import { SEAL_MAX_EVENTS } from '../scheduled/integrity-seal';
import { fail, ok, type ResolverResult } from '../shared/result';
import { spec } from './define';
import { integrityRangeSchema, integritySealsSchema } from './schemas/integrity';
import { KVS_BATCH_MAX } from '../adapters/kvs/limits';

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

/**
 * Leaves per `integrity/seals` answer: one full seal (about 2 MB of leaves), well under the 5 MB a
 * front-end invoke may receive. A seal of more is answered alone.
 */
const LEAVES_PER_ANSWER = SEAL_MAX_EVENTS;
/** Seal headers read per batch (the platform's batch-get limit). */
const HEADERS_PER_READ = KVS_BATCH_MAX;

/** The first seal whose period ends at or after `lo` (seals are contiguous and ordered): a binary search, one read a step. */
async function firstSealReaching(lo: number, head: number): Promise<number> {
  let low = 1;
  let high = head + 1;
  while (low < high) {
    const mid = Math.floor((low + high) / 2);
    const [seal] = await readSealHeaders(mid, mid);
    if (seal && seal.to < lo) low = mid + 1;
    else high = mid;
  }
  return low;
}

/**
 * The seals (with their leaves) whose periods overlap `from`..`to`, oldest first, for an export to
 * carry (export/sealed-jsonl.ts). Paged by `cursor` so that an answer stays within the invoke size
 * limit; the seals of any range are found at a cost logarithmic in the number of seals.
 */
const seals = spec({
  access: 'admin',
  payload: integritySealsSchema,
  handle: async ({ from, to, cursor }): Promise<ResolverResult<{ seals: SealWithLeaves[]; cursor: string | null }>> => {
    const lo = from ? Date.parse(from) : -Infinity;
    const hi = to ? Date.parse(to) : Infinity;
    if (lo > hi) return fail('INVALID_INPUT', 'from is after to.');
    const head = await headSeq();
    const found: SealWithLeaves[] = [];
    let leaves = 0;
    for (let seq = cursor !== undefined ? Number(cursor) : await firstSealReaching(lo, head); seq <= head; seq += HEADERS_PER_READ) {
      for (const header of await readSealHeaders(seq, Math.min(head, seq + HEADERS_PER_READ - 1))) {
        if (header.from >= hi) return ok({ seals: found, cursor: null });
        if (found.length > 0 && leaves + header.count > LEAVES_PER_ANSWER) return ok({ seals: found, cursor: String(header.seq) });
        if (header.to >= lo) {
          found.push(await readLeaves(header));
          leaves += header.count;
        }
      }
    }
    return ok({ seals: found, cursor: null });
  },
});

export const integritySpecs = { 'integrity/verify': verify, 'integrity/seals': seals };
