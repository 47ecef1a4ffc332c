// GET/PUT /api/store: what the app stored, read and changed behind its back, as the SDK then sees it.
import { FIXTURE_APP, useHost } from '../../support/host';

const host = useHost({ app: FIXTURE_APP });

async function api(method: string, path: string, body?: unknown): Promise<{ status: number; json: Record<string, unknown> }> {
  const response = await fetch(`${host.url}${path}`, { method, headers: { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
  return { status: response.status, json: (await response.json()) as Record<string, unknown> };
}

describe('store inspection', () => {
  it('lists what the app stored by prefix, without counting as storage calls', async () => {
    await host.invoke('fixture-page', 'counter/increment');
    await host.resetStats();
    const listing = await api('GET', '/api/store?prefix=counter');
    expect(listing.status).toBe(200);
    expect(listing.json.keys).toEqual([{ key: expect.stringMatching(/^counter/), value: expect.anything() }]);
    expect((await host.stats()).total).toBe(0);
  });

  it('changes and deletes a stored value behind the app\'s back, and the app reads the change through the SDK', async () => {
    const before = ((await api('GET', '/api/store?prefix=counter')).json.keys as Array<{ key: string; value: unknown }>)[0];
    const tampered = 41;
    expect((await api('PUT', '/api/store', { key: before.key, value: tampered })).status).toBe(200);
    expect(((await api('GET', `/api/store?prefix=${before.key}`)).json.keys as unknown[])[0]).toEqual({ key: before.key, value: tampered });
    expect(await host.invoke('fixture-page', 'counter/get')).toEqual({ counter: 41 });
    expect((await api('PUT', '/api/store', { key: before.key, delete: true })).status).toBe(200);
    expect((await api('GET', `/api/store?prefix=${before.key}`)).json.keys).toEqual([]);
  });

  it('refuses a body that is not a change, and values the store itself would refuse', async () => {
    expect((await api('PUT', '/api/store', { value: 1 })).status).toBe(400);
    expect((await api('PUT', '/api/store', { key: 'x' })).status).toBe(400);
    expect((await api('PUT', '/api/store', { entity: 'no-such-entity', key: 'k', value: {} })).status).toBeGreaterThanOrEqual(400);
  });
});
