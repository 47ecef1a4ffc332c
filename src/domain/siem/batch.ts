/** Splits events into batches of at most 500 events or 1 MB of serialised events, in order. */
export const BATCH_LIMITS = { events: 500, bytes: 1024 * 1024 } as const;

export function batches<T>(items: readonly T[], size: (item: T) => number, limits = BATCH_LIMITS): T[][] {
  const out: T[][] = [];
  let current: T[] = [];
  let bytes = 0;
  for (const item of items) {
    const itemBytes = size(item);
    if (current.length > 0 && (current.length >= limits.events || bytes + itemBytes > limits.bytes)) {
      out.push(current);
      current = [];
      bytes = 0;
    }
    current.push(item);
    bytes += itemBytes;
  }
  if (current.length > 0) out.push(current);
  return out;
}
