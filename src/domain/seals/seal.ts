/**
 * Integrity seals (docs/audit-events.md). A seal covers the events stored with timestamps in
 * (`from`, `to`]: their count, the Merkle root of their leaf hashes in (timestamp, id) order, and
 * the hash of the previous seal, so the seals form a chain. Each seal also keeps its leaves
 * (event id and leaf hash), so that verification can say which event was deleted, changed or
 * added, and an export can be checked offline (`npm run verify-export`).
 *
 * What a seal proves: the events of a sealed period are the ones that were stored when it was
 * sealed, unchanged, none removed or added since, as long as the seal itself is trusted: seals
 * are streamed to every SIEM destination, which keeps a copy out of the app's reach. It does not
 * prove anything about events of a period not sealed yet, nor stop someone with write access to
 * storage from rewriting events and seals together (the streamed copy shows that).
 */
import { sha256Hex } from '../crypto/sha256';
import { toSiemEntity, type SiemEntity } from '../audit/export/siem-entity';
import type { AuditEvent } from '../audit/model';
import { canonicalJson } from './canonical';
import { leafHash, merkleRoot } from './merkle';

export const GENESIS = '0'.repeat(64);

export interface Seal {
  seq: number;
  /** Exclusive lower bound (epoch ms): the previous seal's `to`, or -1 for the first seal. */
  from: number;
  /** Inclusive upper bound (epoch ms). */
  to: number;
  count: number;
  /** Timestamp of the oldest sealed event (null when none): retention reaches the period from there. */
  first: number | null;
  root: string;
  prev: string;
  sealedAt: number;
  /** SHA-256 of the canonical JSON of every field above. */
  hash: string;
}

/** A seal with its leaves: `[eventId, leafHash]` in sealed order. */
export interface SealWithLeaves extends Seal {
  leaves: Array<[string, string]>;
}

function byTimeAndId(a: Pick<AuditEvent, 'timestamp' | 'id'>, b: Pick<AuditEvent, 'timestamp' | 'id'>): number {
  const ta = Date.parse(a.timestamp);
  const tb = Date.parse(b.timestamp);
  return ta !== tb ? ta - tb : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/**
 * Leaves are hashed over the event as exports and SIEMs receive it (export/siem-entity.ts), so a
 * JSON Lines export checks against its seals offline, with no access to storage.
 */
export function leavesOf(events: readonly AuditEvent[]): Array<[string, string]> {
  return entityLeaves(events.map(toSiemEntity));
}

export function entityLeaves(entities: readonly SiemEntity[]): Array<[string, string]> {
  return [...entities].sort(byTimeAndId).map((entity) => [entity.id, leafHash(entity)]);
}

export function sealHash(seal: Omit<Seal, 'hash'>): string {
  const { seq, from, to, count, first, root, prev, sealedAt } = seal;
  return sha256Hex(canonicalJson({ seq, from, to, count, first, root, prev, sealedAt }));
}

export function buildSeal(input: { previous: Seal | null; to: number; events: readonly AuditEvent[]; now: number }): SealWithLeaves {
  const leaves = leavesOf(input.events);
  const first = input.events.length === 0 ? null : Math.min(...input.events.map((event) => Date.parse(event.timestamp)));
  const body = {
    seq: (input.previous?.seq ?? 0) + 1,
    from: input.previous?.to ?? -1,
    to: input.to,
    count: leaves.length,
    first,
    root: merkleRoot(leaves.map(([, hash]) => hash)),
    prev: input.previous?.hash ?? GENESIS,
    sealedAt: input.now,
  };
  return { ...body, hash: sealHash(body), leaves };
}

export type Mismatch =
  | { seq: number; from: number; to: number; kind: 'deleted' | 'changed' | 'added'; eventId: string }
  | { seq: number; from: number; to: number; kind: 'seal-altered' | 'chain-broken'; eventId: null };

/** Compares a seal with the events stored now in its period; null when they still match. */
export function checkPeriod(seal: SealWithLeaves, events: readonly AuditEvent[]): Mismatch | null {
  return checkLeaves(seal, leavesOf(events));
}

/** Compares a seal with the leaves of the events there are now in its period. */
export function checkLeaves(seal: SealWithLeaves, now: ReadonlyArray<[string, string]>): Mismatch | null {
  const at = { seq: seal.seq, from: seal.from, to: seal.to };
  if (now.length === seal.count && merkleRoot(now.map(([, hash]) => hash)) === seal.root) return null;
  const sealed = new Map(seal.leaves);
  const current = new Map(now);
  for (const [id, hash] of seal.leaves) {
    if (!current.has(id)) return { ...at, kind: 'deleted', eventId: id };
    if (current.get(id) !== hash) return { ...at, kind: 'changed', eventId: id };
  }
  for (const [id] of now) if (!sealed.has(id)) return { ...at, kind: 'added', eventId: id };
  // Same leaves, another root: the stored leaves themselves were altered.
  return { ...at, kind: 'seal-altered', eventId: null };
}

/** Checks a seal's own fields and its link to the previous one. */
export function checkLink(seal: SealWithLeaves, previous: Seal | null): Mismatch | null {
  const at = { seq: seal.seq, from: seal.from, to: seal.to };
  const { hash: _hash, leaves, ...body } = seal;
  void _hash;
  if (sealHash(body) !== seal.hash || merkleRoot(leaves.map(([, hash]) => hash)) !== seal.root || leaves.length !== seal.count) {
    return { ...at, kind: 'seal-altered', eventId: null };
  }
  if (seal.prev !== (previous?.hash ?? GENESIS) || seal.from !== (previous?.to ?? -1)) return { ...at, kind: 'chain-broken', eventId: null };
  return null;
}
