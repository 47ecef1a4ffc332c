/**
 * Ordering of attribute values, as index range keys and comparison conditions use it:
 * numbers numerically, strings by UTF-16 code units, booleans false < true. Values of
 * different types never compare equal; they are ordered by type so a sorted index stays total.
 */

export type Scalar = string | number | boolean;

const TYPE_RANK: Record<string, number> = { number: 0, string: 1, boolean: 2 };

export function isScalar(value: unknown): value is Scalar {
  return typeof value === 'string' || (typeof value === 'number' && Number.isFinite(value)) || typeof value === 'boolean';
}

export function compareScalars(a: Scalar, b: Scalar): number {
  const ta = typeof a;
  const tb = typeof b;
  if (ta !== tb) return TYPE_RANK[ta] - TYPE_RANK[tb];
  if (a === b) return 0;
  return a < b ? -1 : 1;
}

export function sameType(a: unknown, b: unknown): boolean {
  return typeof a === typeof b;
}

/** Deep equality of JSON values, for EQUAL_TO on `any` attributes and CONTAINS on lists. */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  return ka.every((k) => jsonEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}
