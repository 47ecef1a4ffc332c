/**
 * Atlassian design tokens as UI Kit props use them (`space.100`, `color.text.subtle`, xcss
 * objects), mapped to plain CSS. Colour tokens become CSS variables defined in preview.css.
 */
import type { CSSProperties } from 'react';

const SPACE: Record<string, string> = {
  'space.0': '0px', 'space.025': '2px', 'space.050': '4px', 'space.075': '6px', 'space.100': '8px',
  'space.150': '12px', 'space.200': '16px', 'space.250': '20px', 'space.300': '24px', 'space.400': '32px',
  'space.500': '40px', 'space.600': '48px', 'space.800': '64px', 'space.1000': '80px',
};

const RADIUS: Record<string, string> = {
  'border.radius': '3px', 'border.radius.050': '2px', 'border.radius.100': '3px', 'border.radius.200': '8px',
  'border.radius.300': '12px', 'border.radius.400': '16px', 'border.radius.circle': '50%',
};

export function tokenValue(value: unknown): string | number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value !== 'string') return undefined;
  if (value in SPACE) return SPACE[value];
  if (value in RADIUS) return RADIUS[value];
  if (value.startsWith('border.width')) return value === 'border.width.0' ? '0px' : value.endsWith('outline') ? '2px' : '1px';
  if (value.startsWith('color.') || value.startsWith('elevation.')) return `var(--${value.replace(/\./g, '-')})`;
  return value;
}

export const space = (value: unknown): string | undefined => {
  const resolved = tokenValue(value);
  return resolved === undefined ? undefined : String(resolved);
};

/** xcss objects carry CSS property names with token values; unknown keys pass through. */
export function xcssStyle(xcss: unknown): CSSProperties {
  if (!xcss || typeof xcss !== 'object') return {};
  const style: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(xcss as Record<string, unknown>)) {
    if (name.startsWith(':') || name.startsWith('@')) continue; // pseudo-classes and media queries
    const resolved = tokenValue(value);
    if (resolved !== undefined) style[name] = resolved;
  }
  return style;
}
