/** Choosing timeline intervals from the keyboard: which intervals a key press selects. */

/** Intervals chosen from the keyboard: the moving end and the fixed one (equal for a single interval). */
export interface KeySelection {
  cursor: number;
  anchor: number;
}

/** The next keyboard selection for a key, or undefined when the key is not the chart's. */
export function nextKeySelection(current: KeySelection | null, key: string, shift: boolean, buckets: number): KeySelection | null | undefined {
  const last = buckets - 1;
  if (key === 'Escape') return current === null ? undefined : null;
  const from = current?.cursor ?? last;
  let cursor: number;
  if (key === 'ArrowLeft') cursor = current === null ? last : Math.max(0, from - 1);
  else if (key === 'ArrowRight') cursor = current === null ? last : Math.min(last, from + 1);
  else if (key === 'Home') cursor = 0;
  else if (key === 'End') cursor = last;
  else return undefined;
  return { cursor, anchor: shift && current !== null ? current.anchor : cursor };
}

export function spanOf(selection: KeySelection): { lo: number; hi: number } {
  return { lo: Math.min(selection.cursor, selection.anchor), hi: Math.max(selection.cursor, selection.anchor) };
}
