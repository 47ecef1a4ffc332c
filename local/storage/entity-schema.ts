/**
 * Checks custom entity values against the attribute types the manifest declares, the way the
 * Custom Entity Store refuses values that do not fit ("Type requirements" in the Forge docs).
 */
import type { AttributeType, EntityDefinition } from '../manifest';
import { validationError } from './errors';
import { LIMITS, checkIndexValueSizes } from './limits';

/** Floats must be 0 or within the magnitudes the store can index. */
const FLOAT_MIN_MAGNITUDE = 1e-307;
const FLOAT_MAX_MAGNITUDE = 1e308;

function checkAttribute(entity: string, name: string, type: AttributeType, value: unknown): void {
  const fail = (expected: string): never => {
    throw validationError(`Entity "${entity}" attribute "${name}" must be ${expected}`);
  };
  switch (type) {
    case 'string':
      if (typeof value !== 'string') fail('a string');
      return;
    case 'boolean':
      if (typeof value !== 'boolean') fail('a boolean');
      return;
    case 'integer':
      if (typeof value !== 'number' || !Number.isInteger(value) || value < LIMITS.integerMin || value > LIMITS.integerMax) {
        fail(`a 32-bit signed integer (${LIMITS.integerMin} to ${LIMITS.integerMax})`);
      }
      return;
    case 'float': {
      if (typeof value !== 'number' || !Number.isFinite(value)) fail('a finite number');
      const magnitude = Math.abs(value as number);
      if (magnitude !== 0 && (magnitude < FLOAT_MIN_MAGNITUDE || magnitude > FLOAT_MAX_MAGNITUDE)) {
        fail(`0 or a number whose magnitude is between ${FLOAT_MIN_MAGNITUDE} and ${FLOAT_MAX_MAGNITUDE}`);
      }
      return;
    }
    case 'any':
      if (value === null) fail('a JSON value other than null');
      return;
  }
}

/** Throws VALIDATION_ERROR unless the value is an object whose attributes are all declared and well typed. */
export function validateEntityValue(definition: EntityDefinition, value: unknown): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw validationError(`Entity "${definition.name}" value must be an object of attributes`);
  }
  const record = value as Record<string, unknown>;
  for (const [name, attributeValue] of Object.entries(record)) {
    const type = definition.attributes[name];
    if (type === undefined) {
      throw validationError(`Entity "${definition.name}" has no attribute "${name}" in the manifest`);
    }
    checkAttribute(definition.name, name, type, attributeValue);
  }
  // What each index would hold for this value must fit the index's partition and range sizes.
  for (const index of definition.indexes) {
    checkIndexValueSizes(
      `Entity "${definition.name}" index "${index.name}"`,
      index.partition.map((attribute) => record[attribute]).filter((value) => value !== undefined),
      record[index.range],
    );
  }
  return record;
}
