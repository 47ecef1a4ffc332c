import { __getRuntime, asApp, asUser, getAppContext, route, webTrigger } from '@forge/api';
import { kvs } from '@forge/kvs';
import { installForgeGlobals, withInvocation, type InvocationContext, type ProductDescriptor } from '../../../local/runtime/forge-globals';
import { StorageEngine } from '../../../local/storage/engine';

interface ProductCall {
  descriptor: ProductDescriptor;
  path: string;
  headers: Record<string, string>;
  method: string;
  accountId?: string;
}

const calls: ProductCall[] = [];
const graphqlBodies: unknown[] = [];
let engine: StorageEngine;

const site: InvocationContext = {
  cloudId: 'cloud-1',
  siteUrl: 'http://127.0.0.1:1',
  appId: 'ari:cloud:ecosystem::app/11111111-2222-4333-8444-555555555555',
  environmentId: 'env-1',
  installationId: 'install-1',
};

beforeEach(() => {
  calls.length = 0;
  graphqlBodies.length = 0;
  engine = new StorageEngine({ entities: [], sweepIntervalMs: 0 });
  installForgeGlobals(
    {
      storage: engine,
      product: async (descriptor, path, init) => {
        calls.push({
          descriptor,
          path,
          method: init.method ?? 'GET',
          headers: Object.fromEntries(new Headers(init.headers).entries()),
          accountId: __getRuntime().aaid,
        });
        return new Response(JSON.stringify({ ok: true }), { status: 200, headers: { 'content-type': 'application/json' } });
      },
      graphql: async (body) => {
        graphqlBodies.push(body);
        return { data: { createWebTriggerUrl: { url: 'http://127.0.0.1:1/x1/local-trigger-id' } } };
      },
    },
    { scopes: ['storage:app', 'read:jira-user'] },
  );
});

afterEach(() => engine.close());

describe('__forge_fetch__ routing', () => {
  it('sends asApp() and asUser() product calls to the product backend with headers untouched', async () => {
    await withInvocation({ ...site, accountId: 'alice' }, async () => {
      const response = await asApp().requestJira(route`/rest/api/3/user/groups?accountId=${'bob'}`, {
        headers: { 'x-audit-log-description': 'Shows the groups of a token owner' },
      });
      expect(await response.json()).toEqual({ ok: true });
      await asUser().requestJira(route`/rest/api/3/permissions/check`, { method: 'POST', body: '{}' });
    });
    expect(calls).toEqual([
      {
        descriptor: { type: 'fpp', provider: 'app', remote: 'jira' },
        path: '/rest/api/3/user/groups?accountId=bob',
        method: 'GET',
        headers: { 'x-audit-log-description': 'Shows the groups of a token owner' },
        accountId: 'alice',
      },
      expect.objectContaining({ descriptor: { type: 'fpp', provider: 'user', remote: 'jira' }, method: 'POST' }),
    ]);
  });

  it('answers webTrigger.getUrl through the GraphQL backend', async () => {
    const url = await withInvocation(site, () => webTrigger.getUrl('verify-token'));
    expect(url).toBe('http://127.0.0.1:1/x1/local-trigger-id');
    expect(graphqlBodies).toEqual([
      expect.objectContaining({
        variables: expect.objectContaining({
          input: expect.objectContaining({ triggerKey: 'verify-token', appId: '11111111-2222-4333-8444-555555555555', envId: 'env-1' }),
        }),
      }),
    ]);
  });

  it('answers a descriptor it does not emulate with a clear 500', async () => {
    const forgeFetch = (globalThis as unknown as { __forge_fetch__: (d: unknown, p: string, i?: RequestInit) => Promise<Response> })
      .__forge_fetch__;
    const response = await forgeFetch({ type: 'frc', remote: 'my-remote' }, '/hello');
    expect(response.status).toBe(500);
    expect(await response.json()).toEqual({ code: 'UNSUPPORTED_DESCRIPTOR', message: expect.stringContaining('frc') });
  });

  it('answers a storage request whose body is not JSON with 400 BAD_REQUEST', async () => {
    const forgeFetch = (globalThis as unknown as { __forge_fetch__: (d: unknown, p: string, i?: RequestInit) => Promise<Response> })
      .__forge_fetch__;
    const response = await forgeFetch({ type: 'kvs' }, '/api/v1/get', { method: 'POST', body: '{not json' });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ code: 'BAD_REQUEST', message: expect.any(String) });
  });

  it('routes storage to the backends installed last', async () => {
    const second = new StorageEngine({ entities: [], sweepIntervalMs: 0 });
    installForgeGlobals({ storage: second, product: async () => new Response(null, { status: 204 }) });
    await kvs.set('where', 'second');
    expect(second.getStats().total).toBe(1);
    expect(engine.getStats().total).toBe(0);
    second.close();
  });
});

describe('__forge_runtime__ per invocation', () => {
  it('gives each concurrent invocation its own account, module and invocation id', async () => {
    const seen = await Promise.all(
      ['alice', 'bob', 'local-admin'].map((accountId, i) =>
        withInvocation({ ...site, accountId, moduleKey: `module-${i}` }, async () => {
          await new Promise((resolve) => setTimeout(resolve, 5 * (3 - i))); // interleave the invocations
          const context = getAppContext();
          return { accountId: __getRuntime().aaid, moduleKey: context.moduleKey, invocationId: context.invocationId };
        }),
      ),
    );
    expect(seen.map((s) => [s.accountId, s.moduleKey])).toEqual([
      ['alice', 'module-0'],
      ['bob', 'module-1'],
      ['local-admin', 'module-2'],
    ]);
    expect(new Set(seen.map((s) => s.invocationId)).size).toBe(3);
  });

  it('exposes the app context the SDK derives ARIs, scopes and remaining time from', async () => {
    const context = await withInvocation({ ...site, moduleKey: 'api-token-admin' }, async () => getAppContext());
    expect(String(context.appAri)).toBe('ari:cloud:ecosystem::app/11111111-2222-4333-8444-555555555555');
    expect(String(context.environmentAri)).toBe('ari:cloud:ecosystem::environment/11111111-2222-4333-8444-555555555555/env-1');
    expect(String(context.installationAri)).toBe('ari:cloud:ecosystem::installation/install-1');
    expect(context.permissions?.scopes).toEqual(['storage:app', 'read:jira-user']);
    expect(context.environmentType).toBe('DEVELOPMENT');
    const remaining = context.invocationRemainingTimeInMillis();
    expect(remaining).toBeGreaterThan(0);
    expect(remaining).toBeLessThanOrEqual(25_000);
  });

  it('outside any invocation the SDK still works, without an account', async () => {
    expect(__getRuntime().aaid).toBeUndefined();
    await kvs.set('host-level', 1);
    expect(await kvs.get('host-level')).toBe(1);
  });
});
