/**
 * Filter conditions of entity queries and transaction conditions: parsing the request shape
 * `{and|or: [{property, condition, values}]}` and evaluating it against a stored value.
 *
 * Semantics follow DynamoDB, which backs the platform: a missing attribute (or a missing item,
 * which has no attributes) satisfies NOT_EXISTS and nothing else; every comparison with it is false.
 */
import { compareScalars, isScalar, jsonEqual, sameType } from './compare';
import { badRequest } from './errors';

export type FilterConditionName =
  | 'BEGINS_WITH'
  | 'BETWEEN'
  | 'CONTAINS'
  | 'NOT_CONTAINS'
  | 'EQUAL_TO'
  | 'NOT_EQUAL_TO'
  | 'EXISTS'
  | 'NOT_EXISTS'
  | 'GREATER_THAN'
  | 'GREATER_THAN_EQUAL_TO'
  | 'LESS_THAN'
  | 'LESS_THAN_EQUAL_TO';

export interface FilterClause {
  property: string;
  condition: FilterConditionName;
  values: unknown[];
}

export interface ConditionGroup {
  operator: 'and' | 'or';
  clauses: FilterClause[];
}

const ARITY: Record<FilterConditionName, number> = {
  BEGINS_WITH: 1,
  BETWEEN: 2,
  CONTAINS: 1,
  NOT_CONTAINS: 1,
  EQUAL_TO: 1,
  NOT_EQUAL_TO: 1,
  EXISTS: 1,
  NOT_EXISTS: 1,
  GREATER_THAN: 1,
  GREATER_THAN_EQUAL_TO: 1,
  LESS_THAN: 1,
  LESS_THAN_EQUAL_TO: 1,
};

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function parseClause(raw: unknown, allowed: readonly string[] = Object.keys(ARITY)): FilterClause {
  if (!isRecord(raw)) throw badRequest('each condition must be an object');
  const { property, condition, values } = raw;
  if (typeof property !== 'string' || property.length === 0) throw badRequest('condition property must be a string');
  if (typeof condition !== 'string' || !allowed.includes(condition)) {
    throw badRequest(`unsupported condition ${String(condition)}`);
  }
  const name = condition as FilterConditionName;
  if (!Array.isArray(values) || values.length !== ARITY[name]) {
    throw badRequest(`condition ${name} takes ${ARITY[name]} value(s)`);
  }
  if (name !== 'EXISTS' && name !== 'NOT_EXISTS' && !values.every(isScalar)) {
    throw badRequest(`condition ${name} values must be strings, numbers or booleans`);
  }
  return { property, condition: name, values };
}

/** Parses `{and: [...]}` or `{or: [...]}`; `undefined` when the request carries no conditions. */
export function parseConditionGroup(raw: unknown): ConditionGroup | undefined {
  if (raw === undefined || raw === null) return undefined;
  if (!isRecord(raw)) throw badRequest('conditions must be an object with "and" or "or"');
  const hasAnd = raw.and !== undefined;
  const hasOr = raw.or !== undefined;
  if (hasAnd === hasOr) throw badRequest('conditions must have exactly one of "and" or "or"');
  const operator = hasAnd ? 'and' : 'or';
  const list = raw[operator];
  if (!Array.isArray(list) || list.length === 0) throw badRequest(`"${operator}" must be a non-empty list`);
  return { operator, clauses: list.map((clause) => parseClause(clause)) };
}

function contains(attribute: unknown, needle: unknown): boolean {
  if (typeof attribute === 'string') return typeof needle === 'string' && attribute.includes(needle);
  if (Array.isArray(attribute)) return attribute.some((element) => jsonEqual(element, needle));
  return false;
}

function compareSameType(attribute: unknown, value: unknown): number | undefined {
  if (!isScalar(attribute) || !sameType(attribute, value) || typeof attribute === 'boolean') return undefined;
  return compareScalars(attribute, value as string | number);
}

export function evaluateClause(clause: FilterClause, item: Record<string, unknown> | undefined): boolean {
  const present = item !== undefined && Object.prototype.hasOwnProperty.call(item, clause.property);
  const attribute = present ? item[clause.property] : undefined;
  if (clause.condition === 'EXISTS') return present;
  if (clause.condition === 'NOT_EXISTS') return !present;
  if (!present) return false;
  const [first, second] = clause.values;
  switch (clause.condition) {
    case 'EQUAL_TO':
      return jsonEqual(attribute, first);
    case 'NOT_EQUAL_TO':
      return !jsonEqual(attribute, first);
    case 'CONTAINS':
      return contains(attribute, first);
    case 'NOT_CONTAINS':
      return (typeof attribute === 'string' || Array.isArray(attribute)) && !contains(attribute, first);
    case 'BEGINS_WITH':
      return typeof attribute === 'string' && typeof first === 'string' && attribute.startsWith(first);
    case 'BETWEEN': {
      const low = compareSameType(attribute, first);
      const high = compareSameType(attribute, second);
      return low !== undefined && high !== undefined && low >= 0 && high <= 0;
    }
    default: {
      const order = compareSameType(attribute, first);
      if (order === undefined) return false;
      if (clause.condition === 'GREATER_THAN') return order > 0;
      if (clause.condition === 'GREATER_THAN_EQUAL_TO') return order >= 0;
      if (clause.condition === 'LESS_THAN') return order < 0;
      return order <= 0;
    }
  }
}

export function evaluateGroup(group: ConditionGroup, item: Record<string, unknown> | undefined): boolean {
  return group.operator === 'and'
    ? group.clauses.every((clause) => evaluateClause(clause, item))
    : group.clauses.some((clause) => evaluateClause(clause, item));
}
