/**
 * Parsing of the request bodies `@forge/kvs` sends: options objects, TTL, metadata fields, and
 * the target namespace of a key (plain, secret or a custom entity from the manifest).
 */
import { badRequest, permissionDenied } from './errors';
import { entityNamespace, type StoreState, type StoredItem } from './store-state';

export type MetadataField = 'CREATED_AT' | 'UPDATED_AT' | 'EXPIRE_TIME';
const METADATA_FIELDS: readonly MetadataField[] = ['CREATED_AT', 'UPDATED_AT', 'EXPIRE_TIME'];
const TTL_UNITS_MS = { SECONDS: 1000, MINUTES: 60_000, HOURS: 3_600_000, DAYS: 86_400_000 } as const;

export interface SetOptions {
  ttlMs?: number;
  keyPolicy: 'OVERRIDE' | 'FAIL_IF_EXISTS';
  returnValue?: 'PREVIOUS' | 'LATEST';
  returnMetadataFields: MetadataField[];
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function requireObject(body: unknown): Record<string, unknown> {
  if (!isRecord(body)) throw badRequest('Provided request body is invalid');
  return body;
}

export function parseMetadataFields(raw: unknown): MetadataField[] {
  if (raw === undefined) return [];
  if (!Array.isArray(raw) || !raw.every((f) => (METADATA_FIELDS as readonly unknown[]).includes(f))) {
    throw badRequest('Provided request body is invalid');
  }
  return raw as MetadataField[];
}

/** `options.metadataFields` of get and query requests. */
export function parseReadOptions(raw: unknown): MetadataField[] {
  if (raw === undefined) return [];
  if (!isRecord(raw)) throw badRequest('options must be an object');
  return parseMetadataFields(raw.metadataFields);
}

export function parseTtl(raw: unknown): number | undefined {
  if (raw === undefined) return undefined;
  if (!isRecord(raw)) throw badRequest('ttl must be an object {value, unit}');
  const { value, unit } = raw;
  if (typeof unit !== 'string' || !(unit in TTL_UNITS_MS)) throw badRequest('ttl.unit must be SECONDS, MINUTES, HOURS or DAYS');
  if (typeof value !== 'number' || !Number.isInteger(value) || value <= 0) throw badRequest('ttl.value must be a positive integer');
  return value * TTL_UNITS_MS[unit as keyof typeof TTL_UNITS_MS];
}

export function parseSetOptions(raw: unknown): SetOptions {
  if (raw === undefined) return { keyPolicy: 'OVERRIDE', returnMetadataFields: [] };
  if (!isRecord(raw)) throw badRequest('options must be an object');
  const { keyPolicy = 'OVERRIDE', returnValue } = raw;
  if (keyPolicy !== 'OVERRIDE' && keyPolicy !== 'FAIL_IF_EXISTS') throw badRequest('keyPolicy must be OVERRIDE or FAIL_IF_EXISTS');
  if (returnValue !== undefined && returnValue !== 'PREVIOUS' && returnValue !== 'LATEST') {
    throw badRequest('returnValue must be PREVIOUS or LATEST');
  }
  if (returnValue !== undefined && keyPolicy !== 'OVERRIDE') throw badRequest('returnValue requires keyPolicy OVERRIDE');
  return {
    ttlMs: parseTtl(raw.ttl),
    keyPolicy,
    returnValue,
    returnMetadataFields: parseMetadataFields(raw.returnMetadataFields),
  };
}

/** Namespace of an entity request; an entity the manifest does not declare is refused like the platform does. */
export function entityNamespaceFor(state: StoreState, entityName: unknown): string {
  if (typeof entityName !== 'string' || entityName.length === 0) throw badRequest('entityName is required');
  if (!state.entity(entityName)) {
    throw permissionDenied(`Entity "${entityName}" is not declared in the app's manifest`);
  }
  return entityNamespace(entityName);
}

/** The response shape of one stored item, with only the metadata fields asked for. */
export function itemResponse(key: string, item: StoredItem, fields: readonly MetadataField[]): Record<string, unknown> {
  const response: Record<string, unknown> = { key, value: item.value };
  // Seconds since the epoch, as in the SDK's own fixtures (createdAt: 1718236800).
  if (fields.includes('CREATED_AT')) response.createdAt = Math.floor(item.createdAt / 1000);
  if (fields.includes('UPDATED_AT')) response.updatedAt = Math.floor(item.updatedAt / 1000);
  if (fields.includes('EXPIRE_TIME') && item.expireAt !== undefined) response.expireTime = new Date(item.expireAt).toISOString();
  return response;
}
