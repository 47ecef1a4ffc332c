/** The timeline's caption (pure, unit-tested): what the chart counts and what it leaves out. */

/**
 * What the chart counts: the loaded events, and how many more match the filter when the search
 * could tell at constant cost; otherwise it says plainly that only the loaded events are charted.
 */
export function captionOf({ total, bucket, moreAvailable, beyond, count }: {
  total: number;
  bucket: string;
  moreAvailable: boolean;
  beyond: { count: number; atLeast: boolean } | null;
  count: Intl.NumberFormat;
}): string {
  const loaded = `${count.format(total)} loaded ${total === 1 ? 'event' : 'events'} per ${bucket}`;
  if (!moreAvailable || (beyond !== null && beyond.count === 0 && !beyond.atLeast)) return `The ${loaded}: every event the filter matches.`;
  if (beyond === null || (beyond.count === 0 && beyond.atLeast)) return `The ${loaded}; it charts only the loaded events, and more may match the filter: load more to include older events.`;
  const more = `${beyond.atLeast ? 'at least ' : ''}${count.format(beyond.count)} more ${beyond.count === 1 && !beyond.atLeast ? 'matches' : 'match'} the filter`;
  return `The ${loaded}; ${more}, not charted until loaded.`;
}
