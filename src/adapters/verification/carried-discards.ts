/**
 * Audit events of verifications that could be stored neither as events nor as discard entries
 * (storage failing for both writes). Their number stays in this instance and is stored with the
 * next verification write that succeeds, as one more discard entry in the same transaction, so
 * it costs no extra storage call (product rule: no silent loss, docs/audit-events.md).
 *
 * What an instance carries is lost only if the instance itself is recycled before its next
 * successful write; the log line written when carrying says how many.
 */
let carried = 0;

export function carry(count: number): void {
  if (Number.isSafeInteger(count) && count > 0) carried += count;
}

/** Takes everything carried; the caller hands it back with `carry` if its write fails. */
export function takeCarried(): number {
  const count = carried;
  carried = 0;
  return count;
}

export function carriedCount(): number {
  return carried;
}
