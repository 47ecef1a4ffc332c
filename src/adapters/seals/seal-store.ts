/**
 * Seals in Forge storage: the chain head under one key, each seal under `seal:<seq>` and its
 * leaves in chunks of 1,000 under `seal-leaves:<seq>:<n>` (well under the 240 KB value limit).
 * A seal is written leaves first and head last, so a run cut off in between leaves the chain as
 * it was (the next run writes the same seq again).
 */
import { kvs } from '@forge/kvs';
import type { Seal, SealWithLeaves } from '../../domain/seals/seal';
import { KVS_BATCH_MAX } from '../kvs/limits';

const HEAD = 'seal-head';
const LEAF_CHUNK = 1_000;
/** Keys in one `kvs.batchGet` (the platform's limit). */

const sealKey = (seq: number): string => `seal:${String(seq).padStart(10, '0')}`;
const leavesKey = (seq: number, chunk: number): string => `seal-leaves:${String(seq).padStart(10, '0')}:${chunk}`;

export async function lastSeal(): Promise<Seal | null> {
  const head = await kvs.get<{ seq: number }>(HEAD);
  if (!head) return null;
  return (await kvs.get<Seal>(sealKey(head.seq))) ?? null;
}

export async function writeSeal(seal: SealWithLeaves): Promise<void> {
  const { leaves, ...body } = seal;
  const chunks: Array<Array<[string, string]>> = [];
  for (let i = 0; i < leaves.length; i += LEAF_CHUNK) chunks.push(leaves.slice(i, i + LEAF_CHUNK));
  await Promise.all(chunks.map((chunk, n) => kvs.set(leavesKey(seal.seq, n), chunk)));
  await kvs.set(sealKey(seal.seq), { ...body, chunks: chunks.length });
  await kvs.set(HEAD, { seq: seal.seq });
}

type StoredSeal = Seal & { chunks: number };

async function withLeaves({ chunks, ...seal }: StoredSeal): Promise<SealWithLeaves> {
  const parts = await Promise.all(Array.from({ length: chunks }, (_, n) => kvs.get<Array<[string, string]>>(leavesKey(seal.seq, n))));
  return { ...seal, leaves: parts.flatMap((part) => part ?? []) };
}

export async function readSeal(seq: number): Promise<SealWithLeaves | null> {
  const stored = await kvs.get<StoredSeal>(sealKey(seq));
  return stored ? withLeaves(stored) : null;
}

/** The seals `first`..`last` without their leaves (missing ones left out), one batch read per 25. */
export async function readSealHeaders(first: number, last: number): Promise<Array<Seal & { chunks: number }>> {
  const seqs = Array.from({ length: Math.max(0, last - first + 1) }, (_, k) => first + k);
  const found: StoredSeal[] = [];
  for (let i = 0; i < seqs.length; i += KVS_BATCH_MAX) {
    const { successfulKeys } = await kvs.batchGet<StoredSeal>(seqs.slice(i, i + KVS_BATCH_MAX).map((seq) => ({ key: sealKey(seq) })));
    found.push(...successfulKeys.map((item) => item.value));
  }
  return found.sort((a, b) => a.seq - b.seq);
}

/** The leaves of a seal read by `readSealHeaders`. */
export const readLeaves = withLeaves;

export async function headSeq(): Promise<number> {
  return (await kvs.get<{ seq: number }>(HEAD))?.seq ?? 0;
}
