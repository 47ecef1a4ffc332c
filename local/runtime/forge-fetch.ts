/**
 * `global.__forge_fetch__(descriptor, path, init)`: where every backend SDK call lands. Storage
 * descriptors go to the storage engine, product (`fpp`) calls to the Jira stand-in, the GraphQL
 * gateway (`webTrigger.getUrl`) to the GraphQL handler, async event pushes (`@forge/events`) to the
 * queue broker; anything else is a clear 500.
 */
import type { StorageEngineLike } from '../storage/engine';

export interface ProductDescriptor {
  type: 'fpp';
  /** `app` for asApp(), `user` for asUser(), `none` for the bare requestJira(). */
  provider: 'app' | 'user' | 'none';
  remote: string;
  accountId?: string;
  contextAri?: string;
}

export interface ForgeBackends {
  storage: StorageEngineLike;
  product(descriptor: ProductDescriptor, path: string, init: RequestInit): Promise<Response>;
  /** The GraphQL gateway; `webTrigger.getUrl` uses it (mutation `createWebTriggerUrl`). */
  graphql?(body: unknown): Promise<unknown>;
  /** Async events: `@forge/events` posts `/webhook/queue/publish|stats|cancel/...` to the stargate remote. */
  queue?(path: string, init: RequestInit): Promise<Response>;
}

export type ForgeFetch = (descriptor: unknown, path: string, init?: RequestInit) => Promise<Response>;

function jsonResponse(status: number, body: unknown): Response {
  return new Response(body === undefined ? null : JSON.stringify(body), {
    status,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
  });
}

function errorResponse(status: number, code: string, message: string): Response {
  return jsonResponse(status, { code, message });
}

async function bodyText(init: RequestInit | undefined): Promise<string | undefined> {
  const body = init?.body;
  if (body === undefined || body === null) return undefined;
  if (typeof body === 'string') return body;
  return new Response(body).text();
}

async function parseJsonBody(init: RequestInit | undefined): Promise<{ ok: true; value: unknown } | { ok: false }> {
  const text = await bodyText(init);
  if (text === undefined || text === '') return { ok: true, value: undefined };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
}

function descriptorRecord(descriptor: unknown): Record<string, unknown> {
  return typeof descriptor === 'object' && descriptor !== null ? (descriptor as Record<string, unknown>) : {};
}

async function toStorage(storage: StorageEngineLike, path: string, init: RequestInit | undefined): Promise<Response> {
  const parsed = await parseJsonBody(init);
  if (!parsed.ok) return errorResponse(400, 'BAD_REQUEST', 'Provided request body is invalid');
  const result = await storage.handle(path, parsed.value);
  return jsonResponse(result.status, result.body);
}

async function toGraphql(backends: ForgeBackends, init: RequestInit | undefined): Promise<Response> {
  if (!backends.graphql) return errorResponse(500, 'NOT_IMPLEMENTED', 'The local host has no GraphQL gateway');
  const parsed = await parseJsonBody(init);
  if (!parsed.ok) return errorResponse(400, 'BAD_REQUEST', 'GraphQL body is not JSON');
  return jsonResponse(200, await backends.graphql(parsed.value));
}

/** Builds the fetch function for a given set of backends. */
export function createForgeFetch(getBackends: () => ForgeBackends): ForgeFetch {
  return async (descriptor, path, init) => {
    const backends = getBackends();
    const d = descriptorRecord(descriptor);
    // @forge/kvs sends {type:'kvs'} (with a kvs runtime URL) or {type:'kvs', provider:'app', remote:'kvs'}.
    if (d.type === 'kvs') return toStorage(backends.storage, path, init);
    if (d.type === 'fpp' && d.remote === 'stargate' && path.split('?')[0] === '/graphql') return toGraphql(backends, init);
    if (d.type === 'fpp' && d.remote === 'stargate' && path.startsWith('/webhook/queue/')) {
      return backends.queue ? backends.queue(path, init ?? {}) : errorResponse(500, 'NOT_IMPLEMENTED', 'The local host has no queue');
    }
    if (d.type === 'fpp' && typeof d.remote === 'string') {
      const provider = d.provider === 'app' || d.provider === 'user' ? d.provider : 'none';
      const product: ProductDescriptor = {
        type: 'fpp',
        provider,
        remote: d.remote,
        ...(typeof d.accountId === 'string' ? { accountId: d.accountId } : {}),
        ...(typeof d.contextAri === 'string' ? { contextAri: d.contextAri } : {}),
      };
      return backends.product(product, path, init ?? {});
    }
    return errorResponse(
      500,
      'UNSUPPORTED_DESCRIPTOR',
      `The local Forge host does not emulate ${JSON.stringify(descriptor)} (path ${path})`,
    );
  };
}
