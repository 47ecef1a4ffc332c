import { BUCKET_STEPS_MS, bucketEvents, chooseBucketMs, snapToBuckets, stackCounts, timelineRange } from '../../../static/audit-log/src/timeline/buckets';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const T0 = Date.UTC(2026, 10, 22, 10, 0, 0);

const event = (offsetMs: number, category: string): { timestamp: string; type: { category: string } } => ({
  timestamp: new Date(T0 + offsetMs).toISOString(),
  type: { category },
});

describe('chooseBucketMs', () => {
  it('picks the narrowest step that keeps the range within the bar budget', () => {
    expect(chooseBucketMs(30 * MINUTE, 60)).toBe(MINUTE);
    expect(chooseBucketMs(61 * MINUTE, 60)).toBe(5 * MINUTE);
    expect(chooseBucketMs(24 * HOUR, 60)).toBe(30 * MINUTE);
    expect(chooseBucketMs(7 * 24 * HOUR, 60)).toBe(3 * HOUR);
  });

  it('treats an empty span as one minute and caps very long spans at the widest step', () => {
    expect(chooseBucketMs(0)).toBe(MINUTE);
    expect(chooseBucketMs(100 * 365 * 24 * HOUR)).toBe(BUCKET_STEPS_MS[BUCKET_STEPS_MS.length - 1]);
  });
});

describe('timelineRange', () => {
  it('uses the loaded events’ own span when the filter has no bounds', () => {
    const events = [event(5 * MINUTE, 'A'), event(0, 'A'), event(40 * MINUTE, 'B')];
    expect(timelineRange(events, { from: null, to: null })).toEqual({ from: T0, to: T0 + 40 * MINUTE });
  });

  it('prefers the filter bounds, so the axis matches the date range the user chose', () => {
    const events = [event(5 * MINUTE, 'A')];
    expect(timelineRange(events, { from: T0 - HOUR, to: T0 + HOUR })).toEqual({ from: T0 - HOUR, to: T0 + HOUR });
    expect(timelineRange(events, { from: T0 - HOUR, to: null })).toEqual({ from: T0 - HOUR, to: T0 + 5 * MINUTE });
  });

  it('has no range without events or bounds, or with bounds the wrong way round', () => {
    expect(timelineRange([], { from: null, to: null })).toBeNull();
    expect(timelineRange([], { from: T0, to: T0 - 1 })).toBeNull();
  });
});

describe('bucketEvents', () => {
  it('counts every event once, per bucket and category, including empty buckets between them', () => {
    const events = [
      event(0, 'Authentication'),
      event(30_000, 'Authentication'),
      event(59_999, 'Token management'),
      event(3 * MINUTE, 'Authentication'),
    ];
    const timeline = bucketEvents(events, { from: T0, to: T0 + 3 * MINUTE }, { knownCategories: ['Token management', 'Authentication'] });
    expect(timeline.bucketMs).toBe(MINUTE);
    expect(timeline.starts).toEqual([T0, T0 + MINUTE, T0 + 2 * MINUTE, T0 + 3 * MINUTE]);
    expect(timeline.categories).toEqual(['Token management', 'Authentication']);
    expect(timeline.counts).toEqual([
      [1, 0, 0, 0],
      [2, 0, 0, 1],
    ]);
    expect(timeline.total).toBe(4);
  });

  it('leaves out events outside the range instead of piling them into the edge buckets', () => {
    const events = [event(-1, 'A'), event(0, 'A'), event(MINUTE, 'A'), event(MINUTE + 1, 'A')];
    const timeline = bucketEvents(events, { from: T0, to: T0 + MINUTE });
    expect(timeline.total).toBe(2);
    expect(timeline.counts[0].reduce((sum, value) => sum + value, 0)).toBe(2);
  });

  it('lists known categories in facet order and unknown ones after them alphabetically, only when present', () => {
    const events = [event(0, 'Zeta'), event(0, 'Settings'), event(0, 'Alpha'), event(0, 'Token management')];
    const timeline = bucketEvents(events, { from: T0, to: T0 }, { knownCategories: ['Token management', 'Authentication', 'Settings'] });
    expect(timeline.categories).toEqual(['Token management', 'Settings', 'Alpha', 'Zeta']);
  });

  it('aligns buckets to whole steps so the same event lands in the same bar across queries', () => {
    const a = bucketEvents([event(7 * MINUTE, 'A')], { from: T0 + 2 * MINUTE, to: T0 + 50 * MINUTE });
    const b = bucketEvents([event(7 * MINUTE, 'A')], { from: T0 + 3 * MINUTE, to: T0 + 50 * MINUTE });
    const barOf = (timeline: typeof a): number => timeline.starts[timeline.counts[0].indexOf(1)];
    expect(barOf(a)).toBe(barOf(b));
    expect(barOf(a) % a.bucketMs).toBe(0);
  });
});

describe('stackCounts', () => {
  it('turns per-category counts into running sums, the top row being the total per bucket', () => {
    expect(
      stackCounts([
        [1, 0, 2],
        [0, 3, 1],
        [4, 0, 0],
      ]),
    ).toEqual([
      [1, 0, 2],
      [1, 3, 3],
      [5, 3, 3],
    ]);
  });
});

describe('snapToBuckets', () => {
  const range = { from: 60_000, to: 600_000 };
  it('widens a drag over part of a one-minute bar to that whole minute', () => {
    expect(snapToBuckets(125_000, 150_000, 60_000, 60_000, range)).toEqual({ from: 120_000, to: 180_000 });
  });

  it('widens a drag across two bars to both, and keeps it inside the chart range', () => {
    expect(snapToBuckets(100_000, 130_000, 60_000, 60_000, range)).toEqual({ from: 60_000, to: 180_000 });
    expect(snapToBuckets(590_000, 640_000, 60_000, 60_000, range)).toEqual({ from: 540_000, to: 600_000 });
  });
});
