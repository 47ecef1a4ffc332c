/**
 * `kvs.query()` over plain keys and `kvs.entity(name).query().index(...)` over custom entity
 * indexes. Both walk a sorted structure from a binary-searched start, so a page costs its own
 * size, not the size of the store.
 *
 * Like DynamoDB (which backs the platform), `limit` bounds the items an entity query *reads*;
 * filters are applied to those, so a page may hold fewer than `limit` results and still carry
 * a cursor. Apps must keep paging while a cursor comes back.
 */
import type { AttributeType } from '../manifest';
import { compareScalars, isScalar, type Scalar } from './compare';
import { evaluateGroup, parseClause, parseConditionGroup, type ConditionGroup } from './conditions';
import { decodeCursor, encodeCursor } from './cursor';
import { badRequest, validationError } from './errors';
import { LIMITS, checkIndexValueSizes, resolveLimit } from './limits';
import { json, type OperationContext, type OperationHandler } from './operation';
import { entityNamespaceFor, isRecord, itemResponse, parseReadOptions, requireObject } from './request-parsing';
import type { Bound } from './sorted-list';
import { compareIndexEntries, KV_NAMESPACE, type IndexEntry } from './store-state';

const queryKeys: OperationHandler = (context, rawBody) => {
  const body = requireObject(rawBody);
  const limit = resolveLimit(body.limit, LIMITS.keyQueryDefaultLimit, LIMITS.keyQueryMaxLimit);
  const fields = parseReadOptions(body.options);
  const prefix = parseKeyPrefix(body.where);
  const cursor = decodeCursor(body.after);
  if (cursor && cursor.kind !== 'key') throw badRequest('Invalid cursor');

  const start: Bound<string> | undefined = cursor
    ? { probe: (key) => compareStrings(key, cursor.key), inclusive: false }
    : prefix
      ? { probe: (key) => compareStrings(key, prefix), inclusive: true }
      : undefined;
  const data: Record<string, unknown>[] = [];
  let last: string | undefined;
  let more = false;
  for (const key of context.state.keys.ascending(start)) {
    if (prefix && !key.startsWith(prefix)) break;
    const item = context.state.live(KV_NAMESPACE, key, context.now);
    if (!item) continue;
    if (data.length === limit) {
      more = true;
      break;
    }
    data.push(itemResponse(key, item, fields));
    last = key;
  }
  return json({ data, ...(more && last !== undefined ? { cursor: encodeCursor({ kind: 'key', key: last }) } : {}) });
};

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function parseKeyPrefix(where: unknown): string | undefined {
  if (where === undefined || where === null) return undefined;
  if (!Array.isArray(where) || where.length > 1) throw badRequest('where must be a list with at most one condition');
  if (where.length === 0) return undefined;
  const clause = parseClause(where[0], ['BEGINS_WITH']);
  if (clause.property !== 'key') throw badRequest('kvs.query can only filter on "key"');
  return String(clause.values[0]);
}

interface RangeBounds {
  lower?: { value: Scalar; inclusive: boolean };
  upper?: { value: Scalar; inclusive: boolean };
  prefix?: string;
}

const RANGE_CONDITIONS = ['BEGINS_WITH', 'BETWEEN', 'EQUAL_TO', 'GREATER_THAN', 'GREATER_THAN_EQUAL_TO', 'LESS_THAN', 'LESS_THAN_EQUAL_TO'];

function expectedJsType(type: AttributeType): string | undefined {
  if (type === 'integer' || type === 'float') return 'number';
  if (type === 'string' || type === 'boolean') return type;
  return undefined;
}

function parseRange(raw: unknown, rangeType: AttributeType): RangeBounds {
  if (raw === undefined || raw === null) return {};
  if (!isRecord(raw)) throw badRequest('range must be an object {condition, values}');
  const clause = parseClause({ ...raw, property: 'range' }, RANGE_CONDITIONS);
  const expected = expectedJsType(rangeType);
  const values = clause.values as Scalar[];
  if (expected !== undefined && !values.every((v) => typeof v === expected)) {
    throw validationError(`range values must be of the range attribute's type (${rangeType})`);
  }
  const [a, b] = values;
  switch (clause.condition) {
    case 'EQUAL_TO':
      return { lower: { value: a, inclusive: true }, upper: { value: a, inclusive: true } };
    case 'BETWEEN':
      return { lower: { value: a, inclusive: true }, upper: { value: b, inclusive: true } };
    case 'GREATER_THAN':
      return { lower: { value: a, inclusive: false } };
    case 'GREATER_THAN_EQUAL_TO':
      return { lower: { value: a, inclusive: true } };
    case 'LESS_THAN':
      return { upper: { value: a, inclusive: false } };
    case 'LESS_THAN_EQUAL_TO':
      return { upper: { value: a, inclusive: true } };
    default:
      if (typeof a !== 'string') throw validationError('BEGINS_WITH on a range needs a string');
      return { prefix: a };
  }
}

/** Where an index entry lies relative to the range: -1 below it, 0 inside, 1 above it. */
function placeInRange(entry: IndexEntry, range: RangeBounds): -1 | 0 | 1 {
  const { lower, upper, prefix } = range;
  if (prefix !== undefined) {
    if (typeof entry.range === 'string' && entry.range.startsWith(prefix)) return 0;
    return compareScalars(entry.range, prefix) < 0 ? -1 : 1;
  }
  if (lower) {
    if (typeof entry.range !== typeof lower.value) return compareScalars(entry.range, lower.value) < 0 ? -1 : 1;
    const c = compareScalars(entry.range, lower.value);
    if (c < 0 || (c === 0 && !lower.inclusive)) return -1;
  }
  if (upper) {
    if (typeof entry.range !== typeof upper.value) return compareScalars(entry.range, upper.value) < 0 ? -1 : 1;
    const c = compareScalars(entry.range, upper.value);
    if (c > 0 || (c === 0 && !upper.inclusive)) return 1;
  }
  return 0;
}

function startBound(range: RangeBounds, descending: boolean, cursorEntry: IndexEntry | undefined): Bound<IndexEntry> | undefined {
  if (cursorEntry) return { probe: (e) => compareIndexEntries(e, cursorEntry), inclusive: false };
  if (!descending) {
    if (range.prefix !== undefined) {
      const prefix = range.prefix;
      return { probe: (e) => compareScalars(e.range, prefix), inclusive: true };
    }
    const lower = range.lower;
    return lower ? { probe: (e) => compareScalars(e.range, lower.value), inclusive: lower.inclusive } : undefined;
  }
  if (range.prefix !== undefined) {
    const prefix = range.prefix;
    // Strings starting with the prefix sort right after it: treat them as "before" the target.
    return {
      probe: (e) => (typeof e.range === 'string' && e.range.startsWith(prefix) ? -1 : compareScalars(e.range, prefix)),
      inclusive: true,
    };
  }
  const upper = range.upper;
  return upper ? { probe: (e) => compareScalars(e.range, upper.value), inclusive: upper.inclusive } : undefined;
}

function parsePartition(raw: unknown, attributes: readonly string[]): string {
  const given = raw === undefined || raw === null ? [] : raw;
  if (!Array.isArray(given) || given.length !== attributes.length || !given.every(isScalar)) {
    throw validationError(
      attributes.length === 0
        ? 'This index has no partition'
        : `partition must list values for ${attributes.join(', ')} in that order`,
    );
  }
  return JSON.stringify(given);
}

function parseFilters(raw: unknown, declared: Record<string, AttributeType>): ConditionGroup | undefined {
  const group = parseConditionGroup(raw);
  for (const clause of group?.clauses ?? []) {
    if (!(clause.property in declared)) throw validationError(`filter on undeclared attribute "${clause.property}"`);
  }
  return group;
}

const queryEntities: OperationHandler = (context: OperationContext, rawBody) => {
  const body = requireObject(rawBody);
  const ns = entityNamespaceFor(context.state, body.entityName);
  const entityName = body.entityName as string;
  const definition = context.state.entity(entityName);
  const indexName = body.indexName;
  const index = typeof indexName === 'string' ? context.state.index(entityName, indexName) : undefined;
  if (!definition || !index) throw validationError(`Index "${String(indexName)}" is not declared for entity "${entityName}"`);

  const partition = parsePartition(body.partition, index.definition.partition);
  const range = parseRange(body.range, definition.attributes[index.definition.range]);
  const filters = parseFilters(body.filters, definition.attributes);
  const conditions = (filters?.clauses.length ?? 0) + (body.range === undefined || body.range === null ? 0 : 1);
  if (conditions > LIMITS.queryMaxConditions) {
    throw validationError(`A query may have at most ${LIMITS.queryMaxConditions} conditions; this one has ${conditions}`);
  }
  const rangeValues = isRecord(body.range) && Array.isArray(body.range.values) ? (body.range.values as unknown[]) : [];
  checkIndexValueSizes(`Index "${index.definition.name}"`, JSON.parse(partition) as unknown[], undefined);
  for (const value of rangeValues) checkIndexValueSizes(`Index "${index.definition.name}"`, [], value);
  if (body.sort !== undefined && body.sort !== 'ASC' && body.sort !== 'DESC') throw badRequest('sort must be ASC or DESC');
  const descending = body.sort === 'DESC';
  const limit = resolveLimit(body.limit, LIMITS.entityQueryDefaultLimit, LIMITS.entityQueryMaxLimit);
  const fields = parseReadOptions(body.options);
  const cursor = decodeCursor(body.cursor);
  if (cursor && (cursor.kind !== 'index' || cursor.entity !== entityName || cursor.index !== index.definition.name)) {
    throw badRequest('Invalid cursor: it belongs to another query');
  }
  const cursorEntry = cursor?.kind === 'index' ? { range: cursor.range, key: cursor.key } : undefined;

  const list = index.partitions.get(partition);
  const data: Record<string, unknown>[] = [];
  let lastRead: IndexEntry | undefined;
  let read = 0;
  let more = false;
  if (list) {
    const bound = startBound(range, descending, cursorEntry);
    const walk = descending ? list.descending(bound) : list.ascending(bound);
    const outside = descending ? -1 : 1;
    for (const entry of walk) {
      const place = placeInRange(entry, range);
      if (place === outside) break;
      if (place !== 0) continue; // only reachable with a cursor outside the range
      const item = context.state.live(ns, entry.key, context.now);
      if (!item) continue;
      if (read === limit) {
        more = true;
        break;
      }
      read += 1;
      lastRead = entry;
      if (!filters || evaluateGroup(filters, item.value as Record<string, unknown>)) {
        data.push(itemResponse(entry.key, item, fields));
      }
    }
  }
  const nextCursor =
    more && lastRead
      ? encodeCursor({ kind: 'index', entity: entityName, index: index.definition.name, range: lastRead.range, key: lastRead.key })
      : undefined;
  return json({ data, ...(nextCursor ? { cursor: nextCursor } : {}) });
};

export const queryHandlers: Record<string, OperationHandler> = {
  query: queryKeys,
  'entity.query': queryEntities,
};
