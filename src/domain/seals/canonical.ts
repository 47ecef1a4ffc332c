/**
 * Canonical JSON of an event, the input of its seal hash: object keys sorted (by UTF-16 code
 * units), no whitespace, `undefined` members left out, as JSON.stringify writes strings and
 * numbers. Two equal events always give the same text; any change to a value gives another.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map((item) => (item === undefined ? 'null' : canonicalJson(item))).join(',')}]`;
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record)
    .filter((key) => record[key] !== undefined)
    .sort();
  return `{${keys.map((key) => `${JSON.stringify(key)}:${canonicalJson(record[key])}`).join(',')}}`;
}
