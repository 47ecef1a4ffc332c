/**
 * Batch get / set / delete: up to 25 keys (plain or entity) per request, each succeeding or
 * failing on its own. The request as a whole fails when it is empty, too large, or names the
 * same key twice, as the Forge batch docs describe.
 */
import { badRequest, limitExceeded, StorageError, validationError } from './errors';
import { planSet } from './item-ops';
import { LIMITS, validateKey } from './limits';
import { json, type OperationContext, type OperationHandler } from './operation';
import { entityNamespaceFor, isRecord, itemResponse, parseReadOptions, parseTtl } from './request-parsing';
import { KV_NAMESPACE, type Mutation } from './store-state';

interface BatchItemRef {
  key: string;
  entityName?: string;
}

interface BatchFailure extends BatchItemRef {
  error: { code: string; message: string };
}

function refOf(item: Record<string, unknown>): BatchItemRef {
  const key = typeof item.key === 'string' ? item.key : String(item.key);
  return typeof item.entityName === 'string' ? { key, entityName: item.entityName } : { key };
}

/** Checks the request envelope and returns its items. */
export function batchItems(body: unknown, operation: string): Record<string, unknown>[] {
  if (!Array.isArray(body) || !body.every(isRecord)) throw badRequest(`${operation} body must be a list of items`);
  if (body.length === 0) throw badRequest(`${operation} must contain at least one key`);
  if (body.length > LIMITS.batchMaxItems) {
    throw validationError(`${operation} can contain at most ${LIMITS.batchMaxItems} keys; got ${body.length}`);
  }
  if (Buffer.byteLength(JSON.stringify(body), 'utf8') > LIMITS.requestMaxBytes) {
    throw limitExceeded(`${operation} payload exceeds ${LIMITS.requestMaxBytes} bytes`);
  }
  const seen = new Set<string>();
  for (const item of body) {
    const identity = JSON.stringify([item.entityName ?? null, item.key]);
    if (seen.has(identity)) throw badRequest(`${operation} names key "${String(item.key)}" more than once`);
    seen.add(identity);
  }
  return body;
}

function namespaceOf(context: OperationContext, item: Record<string, unknown>): string {
  return item.entityName === undefined ? KV_NAMESPACE : entityNamespaceFor(context.state, item.entityName);
}

function failure(ref: BatchItemRef, error: unknown): BatchFailure {
  if (error instanceof StorageError) return { ...ref, error: { code: error.code, message: error.message } };
  throw error;
}

const batchSet: OperationHandler = (context, body) => {
  const successfulKeys: BatchItemRef[] = [];
  const failedKeys: BatchFailure[] = [];
  const mutations: Mutation[] = [];
  for (const item of batchItems(body, 'batchSet')) {
    const ref = refOf(item);
    try {
      const options = isRecord(item.options) ? item.options : {};
      const planned = planSet(context, namespaceOf(context, item), item.key, item.value, {
        keyPolicy: 'OVERRIDE',
        ttlMs: parseTtl(options.ttl),
        returnMetadataFields: [],
      });
      mutations.push(planned.mutation);
      successfulKeys.push(ref);
    } catch (error) {
      failedKeys.push(failure(ref, error));
    }
  }
  return json({ successfulKeys, failedKeys }, mutations);
};

const batchGet: OperationHandler = (context, body) => {
  const successfulKeys: Record<string, unknown>[] = [];
  const failedKeys: BatchFailure[] = [];
  for (const item of batchItems(body, 'batchGet')) {
    const ref = refOf(item);
    try {
      const key = validateKey(item.key);
      const fields = parseReadOptions(item.options);
      const stored = context.state.live(namespaceOf(context, item), key, context.now);
      if (!stored) {
        failedKeys.push({ ...ref, error: { code: 'KEY_NOT_FOUND', message: 'Provided key does not exist' } });
        continue;
      }
      successfulKeys.push({ ...itemResponse(key, stored, fields), ...(ref.entityName ? { entityName: ref.entityName } : {}) });
    } catch (error) {
      failedKeys.push(failure(ref, error));
    }
  }
  return json({ successfulKeys, failedKeys });
};

const batchDelete: OperationHandler = (context, body) => {
  const successfulKeys: BatchItemRef[] = [];
  const failedKeys: BatchFailure[] = [];
  const mutations: Mutation[] = [];
  for (const item of batchItems(body, 'batchDelete')) {
    const ref = refOf(item);
    try {
      const key = validateKey(item.key);
      const ns = namespaceOf(context, item);
      if (context.state.peek(ns, key)) mutations.push({ ns, key, item: null });
      successfulKeys.push(ref);
    } catch (error) {
      failedKeys.push(failure(ref, error));
    }
  }
  return json({ successfulKeys, failedKeys }, mutations);
};

export const batchHandlers: Record<string, OperationHandler> = {
  'batch.set': batchSet,
  'batch.get': batchGet,
  'batch.delete': batchDelete,
};
