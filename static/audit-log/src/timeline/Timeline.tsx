/**
 * Events over time, stacked by category, drawn with uPlot on a canvas. It counts the events the
 * page has loaded (and says so); dragging across it narrows the date range filter to the dragged span.
 */
import { useEffect, useMemo, useRef, useState, type ReactElement } from 'react';
import uPlot from 'uplot';
import type { AuditEvent } from '../../../../src/domain/audit/model';
import { formatTimestamp } from '../filters/datetime';
import { bucketEvents, stackCounts, timelineRange, type Timeline as TimelineData } from './buckets';
import { categoryColor } from './colors';

export interface TimelineProps {
  events: readonly AuditEvent[];
  /** The date range filter (epoch ms); where set it fixes the chart's time axis. */
  from: number | null;
  to: number | null;
  knownCategories: readonly string[];
  moreAvailable: boolean;
  count: Intl.NumberFormat;
  onSelectRange: (from: number, to: number) => void;
}

const HEIGHT = 140;
const AXIS_FONT = '11px "Atlassian Sans", ui-sans-serif, -apple-system, BlinkMacSystemFont, "Segoe UI", sans-serif';
const AXIS_STROKE = '#626F86';
const GRID_STROKE = '#091E420F';
const INTEGER_STEPS = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1_000, 2_000, 5_000, 10_000, 20_000, 50_000, 100_000];
/** A drag narrower than this many pixels is a click, not a range. */
const MIN_DRAG_PX = 3;

function bucketLabel(ms: number): string {
  const minutes = ms / 60_000;
  if (minutes < 60) return `${minutes} minutes`;
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
    padding: [8, 8, 0, 0],
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
        stroke: colors[index],
        fill: colors[index],
        width: 0,
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

export function Timeline({ events, from, to, knownCategories, moreAvailable, count, onSelectRange }: TimelineProps): ReactElement | null {
  const container = useRef<HTMLDivElement>(null);
  const [hover, setHover] = useState<number | null>(null);
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
        onSelect: (from, to) => onSelect.current(Math.max(Math.round(from), range.from), Math.min(Math.round(to), range.to)),
        onHover: (index) => setHover((previous) => (previous === index ? previous : index)),
      }),
      [data.starts.map((start) => start / 1000), ...order.map((index) => stacked[index])],
      element,
    );
    const resize = new ResizeObserver(() => plot.setSize({ width: element.clientWidth, height: HEIGHT }));
    resize.observe(element);
    setHover(null);
    return () => {
      resize.disconnect();
      plot.destroy();
    };
  }, [data, colors, range]);

  if (data === null || data.total === 0 || range === null) return null;

  const hovered = hover !== null && hover < data.starts.length ? hover : null;
  const legendCounts = data.categories.map((_, row) =>
    hovered === null ? data.counts[row].reduce((sum, value) => sum + value, 0) : data.counts[row][hovered],
  );
  const described = data.categories.map((category, row) => `${category} ${legendCounts[row]}`).join(', ');

  return (
    <section className="timeline" aria-labelledby="timeline-title" data-testid="timeline">
      <div className="timeline__header">
        <h2 id="timeline-title" className="timeline__title">
          Timeline
        </h2>
        <p className="timeline__caption" data-testid="timeline-caption">
          The {count.format(data.total)} loaded {data.total === 1 ? 'event' : 'events'} per {bucketLabel(data.bucketMs)}
          {moreAvailable ? '; load more to include older events' : ''}. Drag across the chart to narrow the date range.
        </p>
      </div>
      <div
        ref={container}
        className="timeline__plot"
        role="img"
        aria-label={`Stacked bar chart of loaded events from ${formatTimestamp(new Date(range.from).toISOString())} to ${formatTimestamp(new Date(range.to).toISOString())}: ${described}.`}
        data-testid="timeline-chart"
        data-bucket-ms={data.bucketMs}
        data-range-from={range.from}
        data-range-to={range.to}
      />
      <ul className="timeline__legend" aria-label={hovered === null ? 'Events per category' : 'Events in the hovered interval'}>
        {hovered !== null && (
          <li className="timeline__when">
            {formatTimestamp(new Date(data.starts[hovered]).toISOString())} – {formatTimestamp(new Date(data.starts[hovered] + data.bucketMs).toISOString())}
          </li>
        )}
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
