/**
 * A Merkle tree over the sealed events, in the RFC 6962 style: a leaf is SHA-256 of `0x00` and
 * the event's canonical JSON, a node SHA-256 of `0x01` and its children's hashes (hex), an odd
 * node is carried up unchanged. Domain separation keeps a leaf from passing for a node.
 */
import { sha256Hex } from '../crypto/sha256';
import { canonicalJson } from './canonical';

export const EMPTY_ROOT = sha256Hex('');

export function leafHash(event: unknown): string {
  return sha256Hex(`\u0000${canonicalJson(event)}`);
}

export function merkleRoot(leaves: readonly string[]): string {
  if (leaves.length === 0) return EMPTY_ROOT;
  let level = [...leaves];
  while (level.length > 1) {
    const next: string[] = [];
    for (let i = 0; i < level.length; i += 2) next.push(i + 1 < level.length ? sha256Hex(`\u0001${level[i]}${level[i + 1]}`) : level[i]);
    level = next;
  }
  return level[0];
}
