/**
 * BarChart (UI Kit charts, @forge/react 12), drawn as an SVG figure. The product draws it with
 * Atlassian's chart library; this keeps what a reader and a test can check: the title and
 * subtitle, one bar per datum (`xAccessor` / `yAccessor`, by key for objects or by index for
 * arrays) scaled to the largest value, the first and last x labels and the y maximum, bars
 * coloured by `colorAccessor` (from `colorPalette` when given), `width` (responsive when absent),
 * `height` (400 by default) and the border (on unless `showBorder` is false). The chart menu
 * (downloads) is not drawn. Each bar is `data-forge-type="BarChart.bar"` with `data-x` and
 * `data-y`, and carries an SVG title "x: y", so a pointer shows its value as the product's
 * tooltip does.
 */
import React, { useId } from 'react';
import { hooks, str, type ForgeComponent } from '../node';

const DEFAULT_HEIGHT = 400;
/** Width used for the drawing when the chart is responsive; the SVG then scales to its container. */
const RESPONSIVE_WIDTH = 600;
const PALETTE = ['var(--color-link)', '#6a9a23', '#e56910', '#943d73', '#1d7afc', '#a54800'];

type Accessor = string | number;

function accessorOf(value: unknown): Accessor | undefined {
  return typeof value === 'string' || typeof value === 'number' ? value : undefined;
}

function field(datum: unknown, accessor: Accessor | undefined): unknown {
  if (accessor === undefined || datum === null || typeof datum !== 'object') return undefined;
  return (datum as Record<string | number, unknown>)[accessor];
}

function paletteColour(palette: unknown, category: string, index: number): string {
  if (Array.isArray(palette) && palette.length > 0) {
    const keyed = palette.find((entry): entry is { key: string; value: string } => typeof entry === 'object' && entry !== null && (entry as { key?: unknown }).key === category);
    if (keyed) return keyed.value;
    const plain = palette.filter((entry): entry is string => typeof entry === 'string');
    if (plain.length > 0) return plain[index % plain.length];
  }
  return PALETTE[index % PALETTE.length];
}

const BarChart: ForgeComponent = ({ node, props }) => {
  const titleId = useId();
  const data = Array.isArray(props.data) ? props.data : [];
  const xAccessor = accessorOf(props.xAccessor);
  const yAccessor = accessorOf(props.yAccessor);
  const colorAccessor = accessorOf(props.colorAccessor);
  const bars = data.map((datum) => {
    const y = Number(field(datum, yAccessor));
    return { x: str(field(datum, xAccessor)) ?? '', y: Number.isFinite(y) ? y : 0, category: str(field(datum, colorAccessor)) ?? '' };
  });
  const categories = [...new Set(bars.map((bar) => bar.category))];
  const width = typeof props.width === 'number' ? props.width : RESPONSIVE_WIDTH;
  const height = typeof props.height === 'number' ? props.height : DEFAULT_HEIGHT;
  const title = str(props.title);
  const subtitle = str(props.subtitle);
  const max = Math.max(0, ...bars.map((bar) => bar.y));
  const plot = { left: 32, right: 4, top: 8, bottom: 18 };
  const plotWidth = Math.max(1, width - plot.left - plot.right);
  const plotHeight = Math.max(1, height - plot.top - plot.bottom - (title ? 20 : 0) - (subtitle ? 16 : 0));
  const slot = bars.length > 0 ? plotWidth / bars.length : plotWidth;
  const label = title ?? 'Bar chart';
  return (
    <figure
      className={`forge-chart${props.showBorder === false ? '' : ' forge-chart-border'}`}
      style={{ width: typeof props.width === 'number' ? `${width}px` : '100%' }}
      aria-labelledby={title ? titleId : undefined}
      aria-label={title ? undefined : label}
      {...hooks(node)}
    >
      {title ? (
        <figcaption id={titleId} className="forge-chart-title">
          {title}
          {subtitle ? <span className="forge-chart-subtitle">{subtitle}</span> : null}
        </figcaption>
      ) : null}
      <svg viewBox={`0 0 ${width} ${plotHeight + plot.top + plot.bottom}`} width="100%" role="img" aria-label={`${label}: ${bars.map((bar) => `${bar.x} ${bar.y}`).join(', ')}`}>
        <line x1={plot.left} x2={plot.left + plotWidth} y1={plot.top + plotHeight} y2={plot.top + plotHeight} className="forge-chart-axis" />
        <text x={plot.left - 4} y={plot.top + 8} textAnchor="end" className="forge-chart-tick">
          {max}
        </text>
        {bars.map((bar, index) => {
          const barHeight = max === 0 ? 0 : (bar.y / max) * plotHeight;
          return (
            <rect
              key={`${bar.x}-${index}`}
              x={plot.left + index * slot + slot * 0.1}
              y={plot.top + plotHeight - barHeight}
              width={Math.max(1, slot * 0.8)}
              height={barHeight}
              fill={paletteColour(props.colorPalette, bar.category, categories.indexOf(bar.category))}
              data-forge-type="BarChart.bar"
              data-x={bar.x}
              data-y={bar.y}
            >
              <title>{`${bar.x}: ${bar.y}`}</title>
            </rect>
          );
        })}
        {bars.length > 0 ? (
          <>
            <text x={plot.left} y={plot.top + plotHeight + 14} className="forge-chart-tick">
              {bars[0].x}
            </text>
            <text x={plot.left + plotWidth} y={plot.top + plotHeight + 14} textAnchor="end" className="forge-chart-tick">
              {bars[bars.length - 1].x}
            </text>
          </>
        ) : null}
      </svg>
    </figure>
  );
};

export const chartComponents = { BarChart };
