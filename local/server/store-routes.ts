/**
 * Store inspection for tests and people: `GET /api/store?prefix=` lists live keys and entities
 * with their values; `PUT /api/store` changes one behind the app's back, as an attacker or a bug
 * would: `{key, value}` (a plain key), `{entity, key, value}` (a custom entity, its indexes kept
 * in step), `{secret: true, key, value}`, or any of them with `"delete": true`. Neither is an SDK
 * request: not counted in `/api/stats`, not delayed or failed by the storage switches.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readJson, sendJson } from './http';
import { InvocationError } from './invoker';
import type { HostServices } from './services';

const STORE_BODY_LIMIT_BYTES = 1024 * 1024;

export interface StoreListing {
  keys: Array<{ key: string; value: unknown }>;
  secrets: string[];
  entities: Array<{ entity: string; key: string; value: unknown }>;
}

export function storeListing(services: HostServices, url: URL): StoreListing {
  const prefix = url.searchParams.get('prefix') ?? '';
  const listing: StoreListing = { keys: [], secrets: [], entities: [] };
  for (const { ns, key, value } of services.storage.inspect(prefix)) {
    if (ns === 'kv') listing.keys.push({ key, value });
    else if (ns === 'secret') listing.secrets.push(key); // names only: a secret's value is not shown
    else if (ns.startsWith('entity:')) listing.entities.push({ entity: ns.slice('entity:'.length), key, value });
  }
  return listing;
}

export async function putStore(services: HostServices, req: IncomingMessage, res: ServerResponse): Promise<void> {
  let body: unknown;
  try {
    body = await readJson(req, STORE_BODY_LIMIT_BYTES);
  } catch {
    throw new InvocationError(400, 'BAD_REQUEST', 'The body is not valid JSON.');
  }
  const record = (body && typeof body === 'object' && !Array.isArray(body) ? body : {}) as Record<string, unknown>;
  const { key, entity, value } = record;
  const remove = record.delete === true;
  if (typeof key !== 'string' || (!remove && !('value' in record)) || (entity !== undefined && typeof entity !== 'string')) {
    throw new InvocationError(400, 'BAD_REQUEST', 'Send {"key", "value"}, {"entity", "key", "value"} or {"secret": true, "key", "value"}, or any of them with "delete": true instead of a value.');
  }
  const family = typeof entity === 'string' ? '/api/v1/entity' : record.secret === true ? '/api/v1/secret' : '/api/v1';
  const request = { key, ...(remove ? {} : { value }), ...(typeof entity === 'string' ? { entityName: entity } : {}) };
  const answer = services.storage.direct(`${family}/${remove ? 'delete' : 'set'}`, request);
  if (answer.status >= 300) {
    const error = (answer.body ?? {}) as { code?: string; message?: string };
    throw new InvocationError(answer.status, error.code ?? 'STORAGE_ERROR', error.message ?? 'The store refused the change.');
  }
  sendJson(res, 200, { ok: true });
}
