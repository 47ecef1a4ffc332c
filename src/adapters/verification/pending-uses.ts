/**
 * Admitted uses this warm instance has not written yet. Usage is written at most once a minute
 * per token (or when a write happens anyway), so the use count would otherwise count writes, not
 * uses: the uses in between are held here and added to the next write.
 *
 * Precision: uses held by an instance that is recycled before its next write are lost, and two
 * requests writing the same token's usage at once can overwrite each other's count (usage is a
 * plain key: no conditions). The count can be low by that much, never high. Tokens with a rate
 * limit write usage with every admitted use, so for them only the concurrent overwrites remain.
 */
const MAX_TRACKED_TOKENS = 10_000;

const pending = new Map<string, number>();

export function pendingUses(secretHash: string): number {
  return pending.get(secretHash) ?? 0;
}

export function holdUse(secretHash: string): void {
  if (!pending.has(secretHash) && pending.size >= MAX_TRACKED_TOKENS) {
    // Bounded memory: forget the oldest entry (Map iterates in insertion order).
    const oldest = pending.keys().next().value;
    if (oldest !== undefined) pending.delete(oldest);
  }
  pending.set(secretHash, pendingUses(secretHash) + 1);
}

/** After a usage write that included `written` held uses; uses held meanwhile stay held. */
export function releaseUses(secretHash: string, written: number): void {
  const left = pendingUses(secretHash) - written;
  if (left > 0) pending.set(secretHash, left);
  else pending.delete(secretHash);
}
