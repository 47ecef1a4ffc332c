/**
 * Events over time, stacked by category, drawn with uPlot on a canvas. It counts the events the
 * page has loaded (and says so); dragging across it narrows the date range filter to the dragged span.
 * From the keyboard: focus the chart, move between intervals with the arrow keys (Home, End),
 * extend with Shift, and Enter narrows the date range to the chosen intervals; Escape clears.
 */
import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent, type ReactElement } from 'react';
import uPlot from 'uplot';
import type { AuditEvent } from '../../../../src/domain/audit/model';
import { formatTimestamp } from '../filters/datetime';
import { bucketEvents, snapToBuckets, stackCounts, timelineRange, type Timeline as TimelineData } from './buckets';
import { captionOf } from './caption';
import { categoryColor } from './colors';
import { nextKeySelection, spanOf, type KeySelection } from './keyboard';

export interface TimelineProps {
  events: readonly AuditEvent[];
  /** The date range filter (epoch ms); where set it fixes the chart's time axis. */
  from: number | null;
  to: number | null;
  knownCategories: readonly string[];
  moreAvailable: boolean;
  /** How many events after the loaded ones match the filter, when the search could tell cheaply; else null. */
  beyond: { count: number; atLeast: boolean } | null;
  count: Intl.NumberFormat;
  onSelectRange: (from: number, to: number) => void;
}

const HEIGHT = 140;
const AXIS_FONT = '11px "Atlassian Sans", ui-sans-serif, -apple-system, BlinkMacSystemFont, "Segoe UI", sans-serif';
const AXIS_STROKE = '#626F86';
const GRID_STROKE = '#091E420F';
const SEGMENT_EDGE = '#FFFFFF';
const INTEGER_STEPS = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1_000, 2_000, 5_000, 10_000, 20_000, 50_000, 100_000];
/** A drag narrower than this many pixels is a click, not a range. */
const MIN_DRAG_PX = 3;

function bucketLabel(ms: number): string {
  const minutes = ms / 60_000;
  if (minutes < 60) return minutes === 1 ? 'minute' : `${minutes} minutes`;
  if (minutes < 1_440) return minutes === 60 ? 'hour' : `${minutes / 60} hours`;
  return minutes === 1_440 ? 'day' : `${minutes / 1_440} days`;
}

function buildOptions(
  data: TimelineData,
  colors: string[],
  width: number,
  handlers: { onSelect: (fromMs: number, toMs: number) => void; onHover: (index: number | null) => void },
): uPlot.Options {
  const bars = uPlot.paths.bars?.({ size: [0.88, Infinity], align: 1 });
  const first = data.starts[0] / 1000;
  const last = (data.starts[data.starts.length - 1] + data.bucketMs) / 1000;
  // Highest running sum first, so each later (lower) series paints its own slice over it.
  const order = data.categories.map((_, index) => index).reverse();
  return {
    width,
    height: HEIGHT,
    legend: { show: false },
    // Room on the right for the last time label ("12:47pm", "Nov 28"), which uPlot centres on its tick.
    padding: [8, 48, 0, 0],
    cursor: { drag: { x: true, y: false, setScale: false }, points: { show: false }, y: false },
    select: { show: true, left: 0, top: 0, width: 0, height: 0 },
    scales: {
      x: { time: true, range: () => [first, last] },
      y: { range: (_u, _min, max) => [0, Math.max(1, max) * 1.1] },
    },
    axes: [
      { stroke: AXIS_STROKE, font: AXIS_FONT, grid: { show: false }, ticks: { stroke: GRID_STROKE, size: 4 } },
      { stroke: AXIS_STROKE, font: AXIS_FONT, grid: { stroke: GRID_STROKE, width: 1 }, ticks: { show: false }, size: 44, incrs: INTEGER_STEPS },
    ],
    series: [
      {},
      ...order.map((index) => ({
        label: data.categories[index],
        // A white edge around each segment: neighbouring category colours alone are too close to tell apart.
        stroke: SEGMENT_EDGE,
        fill: colors[index],
        width: 1,
        paths: bars,
        points: { show: false },
      })),
    ],
    hooks: {
      setSelect: [
        (u: uPlot) => {
          if (u.select.width < MIN_DRAG_PX) return;
          const from = u.posToVal(u.select.left, 'x') * 1000;
          const to = u.posToVal(u.select.left + u.select.width, 'x') * 1000;
          u.setSelect({ left: 0, top: 0, width: 0, height: 0 }, false);
          handlers.onSelect(from, to);
        },
      ],
      setCursor: [(u: uPlot) => handlers.onHover(u.cursor.idx ?? null)],
    },
  };
}

export function Timeline({ events, from, to, knownCategories, moreAvailable, beyond, count, onSelectRange }: TimelineProps): ReactElement | null {
  const keysHintId = useId();
  const container = useRef<HTMLDivElement>(null);
  const plotRef = useRef<uPlot | null>(null);
  const [hover, setHover] = useState<number | null>(null);
  const [keySelection, setKeySelection] = useState<KeySelection | null>(null);
  const onSelect = useRef(onSelectRange);
  onSelect.current = onSelectRange;

  const range = useMemo(() => timelineRange(events, { from, to }), [events, from, to]);
  const data = useMemo(() => (range === null ? null : bucketEvents(events, range, { knownCategories })), [events, range, knownCategories]);
  const colors = useMemo(() => data?.categories.map((category) => categoryColor(category, knownCategories)) ?? [], [data, knownCategories]);

  useEffect(() => {
    const element = container.current;
    if (element === null || data === null || data.total === 0 || range === null) return;
    const stacked = stackCounts(data.counts);
    const order = data.categories.map((_, index) => index).reverse();
    const plot = new uPlot(
      buildOptions(data, colors, element.clientWidth || 600, {
        // The drag is clamped to the chart's own range: bars start at bucket edges outside the filter.
        // Widened to whole bars: a drag over part of a one-minute bar means that minute, not its dragged seconds.
        onSelect: (from, to) => {
          const span = snapToBuckets(from, to, data.starts[0], data.bucketMs, range);
          onSelect.current(Math.round(span.from), Math.round(span.to));
        },
        onHover: (index) => setHover((previous) => (previous === index ? previous : index)),
      }),
      [data.starts.map((start) => start / 1000), ...order.map((index) => stacked[index])],
      element,
    );
    const resize = new ResizeObserver(() => plot.setSize({ width: element.clientWidth, height: HEIGHT }));
    resize.observe(element);
    plotRef.current = plot;
    setHover(null);
    setKeySelection(null);
    return () => {
      resize.disconnect();
      plotRef.current = null;
      plot.destroy();
    };
  }, [data, colors, range]);

  // Shows the keyboard selection with the same band a drag draws.
  useEffect(() => {
    const plot = plotRef.current;
    if (plot === null || data === null) return;
    if (keySelection === null) {
      plot.setSelect({ left: 0, top: 0, width: 0, height: 0 }, false);
      return;
    }
    const { lo, hi } = spanOf(keySelection);
    const left = plot.valToPos(data.starts[lo] / 1000, 'x');
    const right = plot.valToPos((data.starts[hi] + data.bucketMs) / 1000, 'x');
    plot.setSelect({ left, top: 0, width: Math.max(1, right - left), height: plot.over.clientHeight }, false);
  }, [keySelection, data]);

  if (data === null || data.total === 0 || range === null) return null;

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    if (event.key === 'Enter' && keySelection !== null) {
      event.preventDefault();
      const { lo, hi } = spanOf(keySelection);
      setKeySelection(null);
      onSelect.current(Math.max(data.starts[lo], range.from), Math.min(data.starts[hi] + data.bucketMs, range.to));
      return;
    }
    const next = nextKeySelection(keySelection, event.key, event.shiftKey, data.starts.length);
    if (next === undefined) return;
    event.preventDefault();
    setKeySelection(next);
  };

  const span = keySelection !== null ? spanOf(keySelection) : hover !== null && hover < data.starts.length ? { lo: hover, hi: hover } : null;
  const legendCounts = data.categories.map((_, row) =>
    data.counts[row].slice(span?.lo ?? 0, span === null ? undefined : span.hi + 1).reduce((sum, value) => sum + value, 0),
  );
  const described = data.categories.map((category, row) => `${category} ${legendCounts[row]}`).join(', ');
  const spanText =
    span === null ? null : `${formatTimestamp(new Date(data.starts[span.lo]).toISOString())} – ${formatTimestamp(new Date(data.starts[span.hi] + data.bucketMs).toISOString())}`;

  return (
    <section className="timeline" aria-labelledby="timeline-title" data-testid="timeline">
      <div className="timeline__header">
        <h2 id="timeline-title" className="timeline__title">
          Timeline
        </h2>
        <p className="timeline__caption" data-testid="timeline-caption">
          {captionOf({ total: data.total, bucket: bucketLabel(data.bucketMs), moreAvailable, beyond, count })} Drag across the chart to narrow the date range.
        </p>
        <p id={keysHintId} className="visually-hidden">
          Arrow keys choose an interval, Shift with an arrow key extends the choice, Enter narrows the date range to it, Escape clears it.
        </p>
      </div>
      <div
        ref={container}
        className="timeline__plot"
        role="application"
        aria-roledescription="timeline chart"
        tabIndex={0}
        onKeyDown={onKeyDown}
        onBlur={() => setKeySelection(null)}
        aria-label={`Stacked bar chart of loaded events from ${formatTimestamp(new Date(range.from).toISOString())} to ${formatTimestamp(new Date(range.to).toISOString())}.`}
        aria-describedby={keysHintId}
        data-testid="timeline-chart"
        data-bucket-ms={data.bucketMs}
        data-range-from={range.from}
        data-range-to={range.to}
      />
      <p className="visually-hidden" aria-live="polite" data-testid="timeline-announcement">
        {keySelection !== null ? `${spanText}: ${described}.` : ''}
      </p>
      <ul className="timeline__legend" aria-label={span === null ? 'Events per category' : 'Events in the chosen interval'}>
        {spanText !== null && <li className="timeline__when" data-testid="timeline-when">{spanText}</li>}
        {data.categories.map((category, row) => (
          <li key={category}>
            <span className="swatch" style={{ background: colors[row] }} aria-hidden="true" />
            {category} <strong>{count.format(legendCounts[row])}</strong>
          </li>
        ))}
      </ul>
    </section>
  );
}
