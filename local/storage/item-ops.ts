/**
 * get / set / delete of one key, for plain keys, secrets and custom entities. The `plan*`
 * functions validate and compute the mutation without applying it, so batches and transactions
 * reuse exactly the same rules as single calls.
 */
import { keyAlreadyExists, keyNotFound } from './errors';
import { validateEntityValue } from './entity-schema';
import { validateKey, validateValue } from './limits';
import { json, noContent, type OperationContext, type OperationHandler, type OperationResult } from './operation';
import {
  entityNamespaceFor,
  itemResponse,
  parseReadOptions,
  parseSetOptions,
  requireObject,
  type SetOptions,
} from './request-parsing';
import { KV_NAMESPACE, SECRET_NAMESPACE, type Mutation, type StoredItem } from './store-state';

export interface PlannedSet {
  mutation: Mutation;
  previous?: StoredItem;
  next: StoredItem;
}

/** Validates a write and computes the stored item; throws the platform's error when it is refused. */
export function planSet(
  context: OperationContext,
  ns: string,
  rawKey: unknown,
  value: unknown,
  options: SetOptions,
): PlannedSet {
  const key = validateKey(rawKey);
  validateValue(value);
  if (ns.startsWith('entity:')) {
    const definition = context.state.entity(ns.slice('entity:'.length));
    if (definition) validateEntityValue(definition, value);
  }
  const previous = context.state.live(ns, key, context.now);
  if (previous && options.keyPolicy === 'FAIL_IF_EXISTS') throw keyAlreadyExists(key);
  const next: StoredItem = {
    value,
    createdAt: previous?.createdAt ?? context.now,
    updatedAt: context.now,
    ...(options.ttlMs !== undefined ? { expireAt: context.now + options.ttlMs } : {}),
  };
  return { mutation: { ns, key, item: next }, previous, next };
}

/** Which namespace a request addresses: derived from the path family and, for entities, the body. */
type NamespaceOf = (context: OperationContext, body: Record<string, unknown>) => string;

const plainNamespace: NamespaceOf = () => KV_NAMESPACE;
const secretNamespace: NamespaceOf = () => SECRET_NAMESPACE;
const entityNamespaceOfBody: NamespaceOf = (context, body) => entityNamespaceFor(context.state, body.entityName);

function getHandler(namespaceOf: NamespaceOf): OperationHandler {
  return (context, rawBody) => {
    const body = requireObject(rawBody);
    const ns = namespaceOf(context, body);
    const key = validateKey(body.key);
    const fields = parseReadOptions(body.options);
    const item = context.state.live(ns, key, context.now);
    if (!item) throw keyNotFound();
    return json(itemResponse(key, item, fields));
  };
}

function setHandler(namespaceOf: NamespaceOf): OperationHandler {
  return (context, rawBody): OperationResult => {
    const body = requireObject(rawBody);
    const ns = namespaceOf(context, body);
    const options = parseSetOptions(body.options);
    const planned = planSet(context, ns, body.key, body.value, options);
    const { key } = planned.mutation;
    if (options.returnValue === 'LATEST') {
      return json(itemResponse(key, planned.next, options.returnMetadataFields), [planned.mutation]);
    }
    if (options.returnValue === 'PREVIOUS' && planned.previous) {
      return json(itemResponse(key, planned.previous, options.returnMetadataFields), [planned.mutation]);
    }
    // No previous value to return, or nothing asked for: empty body, which the SDK reads as undefined.
    return noContent([planned.mutation]);
  };
}

function deleteHandler(namespaceOf: NamespaceOf): OperationHandler {
  return (context, rawBody) => {
    const body = requireObject(rawBody);
    const ns = namespaceOf(context, body);
    const key = validateKey(body.key);
    // A delete of a missing key is a 404 KEY_NOT_FOUND, which the SDK treats as success.
    if (!context.state.live(ns, key, context.now)) {
      if (context.state.peek(ns, key)) return noContent([{ ns, key, item: null }]);
      throw keyNotFound();
    }
    return noContent([{ ns, key, item: null }]);
  };
}

export const itemHandlers: Record<string, OperationHandler> = {
  get: getHandler(plainNamespace),
  set: setHandler(plainNamespace),
  delete: deleteHandler(plainNamespace),
  'secret.get': getHandler(secretNamespace),
  'secret.set': setHandler(secretNamespace),
  'secret.delete': deleteHandler(secretNamespace),
  'entity.get': getHandler(entityNamespaceOfBody),
  'entity.set': setHandler(entityNamespaceOfBody),
  'entity.delete': deleteHandler(entityNamespaceOfBody),
};
