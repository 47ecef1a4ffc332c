/**
 * The platform's storage limits, from the Forge docs (KVS and Custom Entity Store limits,
 * error handling pages, transactions and batch pages). One place so a docs change is one edit.
 */
import { badRequest, limitExceeded, validationError } from './errors';

export const LIMITS = {
  /** "A key can contain a maximum of 500 characters." */
  keyMaxLength: 500,
  /** "The provided key does not match the regex: /^(?!\s+$)[a-zA-Z0-9:._\s-#]+$/" */
  keyPattern: /^(?!\s+$)[a-zA-Z0-9:._\s\-#]+$/,
  /** Values are limited to 240 KiB once serialised as JSON. */
  valueMaxBytes: 240 * 1024,
  /** Storage limits page: values nest at most 31 levels (the error handling page's "(32)" counts one more). */
  valueMaxDepth: 31,
  /** Custom entity `integer` attributes are 32-bit signed. */
  integerMin: -2_147_483_648,
  integerMax: 2_147_483_647,
  /** "Each transaction can contain a maximum of 25 operations." */
  transactionMaxOperations: 25,
  /** "Each batch operation can contain a maximum of 25 keys." */
  batchMaxItems: 25,
  /** Transactions and batches: "limited to a payload size of 4MB". */
  requestMaxBytes: 4 * 1024 * 1024,
  /** kvs.query: 10 values a page by default, at most 100 (Storage limits, "Query"). */
  keyQueryDefaultLimit: 10,
  keyQueryMaxLimit: 100,
  /** Entity queries: default 10; 100 per page at most (larger pages are refused, not truncated). */
  entityQueryDefaultLimit: 10,
  entityQueryMaxLimit: 100,
  /** Entity names: "must follow the regex pattern [_a-z0-9:-.]", 3 to 60 characters. */
  entityNamePattern: /^[_a-z0-9:\-.]{3,60}$/,
  /** Custom entities "Limitations": at most 7 indexes an entity. */
  entityMaxIndexes: 7,
  /** Custom entities "Limitations": an index's partition values together at most 1,700 bytes (UTF-8). */
  indexPartitionMaxBytes: 1700,
  /** Custom entities "Limitations": an index's range value at most 900 bytes (UTF-8). */
  indexRangeMaxBytes: 900,
  /** Querying the Custom Entity Store: at most 100 conditions in one query (range and filters together). */
  queryMaxConditions: 100,
} as const;

/** The size an index holds for a partition or range value: its text form in UTF-8. */
export function indexValueBytes(values: readonly unknown[]): number {
  let bytes = 0;
  for (const value of values) bytes += Buffer.byteLength(String(value), 'utf8');
  return bytes;
}

/** Refuses partition values or a range value larger than an index can hold. */
export function checkIndexValueSizes(where: string, partition: readonly unknown[], range: unknown): void {
  const partitionBytes = indexValueBytes(partition);
  if (partitionBytes > LIMITS.indexPartitionMaxBytes) {
    throw validationError(`${where}: the partition value (${partitionBytes} bytes) exceeds the maximum of ${LIMITS.indexPartitionMaxBytes} bytes`);
  }
  if (range !== undefined) {
    const rangeBytes = indexValueBytes([range]);
    if (rangeBytes > LIMITS.indexRangeMaxBytes) {
      throw validationError(`${where}: the range value (${rangeBytes} bytes) exceeds the maximum of ${LIMITS.indexRangeMaxBytes} bytes`);
    }
  }
}

export function validateKey(key: unknown): string {
  if (typeof key !== 'string') throw badRequest('key must be a string');
  if (key.length === 0) throw validationError('Key cannot be empty');
  if (key.length > LIMITS.keyMaxLength) {
    throw validationError(`The provided key has exceeded the maximum ${LIMITS.keyMaxLength} characters`);
  }
  if (!LIMITS.keyPattern.test(key)) {
    throw validationError(`The provided key does not match the regex: ${LIMITS.keyPattern.source}`);
  }
  return key;
}

/** Whether the value nests deeper than the limit; stops descending as soon as it knows. */
function tooDeep(value: unknown, depth: number): boolean {
  if (typeof value !== 'object' || value === null) return false;
  if (depth > LIMITS.valueMaxDepth) return true;
  for (const key in value) {
    if (tooDeep((value as Record<string, unknown>)[key], depth + 1)) return true;
  }
  return false;
}

/** Checks a value may be stored: JSON type, size and depth. Returns its serialised size in bytes. */
export function validateValue(value: unknown): number {
  if (value === undefined || value === null) throw badRequest('value is required');
  const kind = typeof value;
  if (kind !== 'string' && kind !== 'number' && kind !== 'boolean' && kind !== 'object') {
    throw badRequest('value must be a string, number, boolean, object or array');
  }
  if (kind === 'number' && !Number.isFinite(value)) throw validationError('value must be a finite number');
  if (tooDeep(value, 1)) {
    throw validationError(`The provided value has exceeded the maximum object depth (${LIMITS.valueMaxDepth}) limit`);
  }
  const bytes = Buffer.byteLength(JSON.stringify(value), 'utf8');
  if (bytes > LIMITS.valueMaxBytes) {
    throw limitExceeded(`The provided value (${bytes} bytes) has exceeded the maximum size of ${LIMITS.valueMaxBytes} bytes`);
  }
  return bytes;
}

/** `limit` in a query body: absent → default; otherwise an integer between 1 and max. */
export function resolveLimit(limit: unknown, defaultLimit: number, maxLimit: number): number {
  if (limit === undefined || limit === null) return defaultLimit;
  if (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 1 || limit > maxLimit) {
    throw validationError(`limit must be an integer between 1 and ${maxLimit}`);
  }
  return limit;
}
