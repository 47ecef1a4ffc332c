import { Filter, FilterConditions, kvs, MetadataField, WhereConditions } from '@forge/kvs';
import { advanceClock, resetClock } from '../../../local/runtime/clock';
import type { StorageEngine } from '../../../local/storage/engine';
import { startStorage, type Employee } from './support/harness';

let engine: StorageEngine;
const MINUTE = 60_000;

beforeEach(() => {
  resetClock();
  engine = startStorage();
});

afterEach(() => {
  engine.close();
  resetClock();
});

describe('time to live', () => {
  it('keeps a value until its TTL passes, then answers as if it never existed', async () => {
    await kvs.set('session', 'live', { ttl: { value: 5, unit: 'MINUTES' } });
    advanceClock(5 * MINUTE - 1000);
    expect(await kvs.get('session')).toBe('live');
    advanceClock(1000);
    expect(await kvs.get('session')).toBeUndefined();
  });

  it('reports the expiry time as EXPIRE_TIME metadata', async () => {
    const before = Date.now();
    await kvs.set('t', 1, { ttl: { value: 2, unit: 'HOURS' } });
    const result = await kvs.get('t', { metadataFields: [MetadataField.EXPIRE_TIME] });
    const expires = Date.parse(result?.expireTime as string);
    expect(expires).toBeGreaterThanOrEqual(before + 2 * 60 * MINUTE);
    expect(expires).toBeLessThanOrEqual(Date.now() + 2 * 60 * MINUTE);
  });

  it('leaves expired items out of key queries, entity queries and batch gets', async () => {
    await kvs.set('q:short', 1, { ttl: { value: 1, unit: 'SECONDS' } });
    await kvs.set('q:long', 2);
    await kvs.entity('employee').set('short', { name: 'S', team: 't', age: 1 }, { ttl: { value: 1, unit: 'SECONDS' } });
    await kvs.entity('employee').set('long', { name: 'L', team: 't', age: 2 });
    advanceClock(1000);
    const keys = await kvs.query().where('key', WhereConditions.beginsWith('q:')).getMany();
    expect(keys.results.map((r) => r.key)).toEqual(['q:long']);
    const entities = await kvs.entity<Employee>('employee').query().index('by-team-age', { partition: ['t'] }).getMany();
    expect(entities.results.map((r) => r.key)).toEqual(['long']);
    const batch = await kvs.batchGet([{ key: 'q:short' }, { key: 'q:long' }]);
    expect(batch.successfulKeys.map((r) => r.key)).toEqual(['q:long']);
    expect(batch.failedKeys.map((r) => r.error.code)).toEqual(['KEY_NOT_FOUND']);
  });

  it('treats an expired item as absent for FAIL_IF_EXISTS and transaction conditions', async () => {
    await kvs.set('lock', 'holder-1', { ttl: { value: 30, unit: 'SECONDS' } });
    advanceClock(30_000);
    await kvs.set('lock', 'holder-2', { keyPolicy: 'FAIL_IF_EXISTS' });
    expect(await kvs.get('lock')).toBe('holder-2');

    await kvs.entity('counter').set('window', { owner: 'a', count: 3 }, { ttl: { value: 1, unit: 'MINUTES' } });
    advanceClock(MINUTE);
    const absent = new Filter<{ owner: string }>().and('owner', FilterConditions.notExists());
    await kvs.transact().set('window', { owner: 'b', count: 1 }, { entityName: 'counter', conditions: absent }).execute();
    expect(await kvs.entity('counter').get('window')).toEqual({ owner: 'b', count: 1 });
  });

  it('a write without TTL over a TTL value makes it permanent', async () => {
    await kvs.set('k', 1, { ttl: { value: 1, unit: 'SECONDS' } });
    await kvs.set('k', 2);
    advanceClock(10 * MINUTE);
    expect(await kvs.get('k')).toBe(2);
  });

  it('eventually removes expired items from the store', async () => {
    await kvs.set('a', 1, { ttl: { value: 1, unit: 'DAYS' } });
    await kvs.set('b', 2);
    expect(engine.sweepExpired()).toBe(0);
    advanceClock(24 * 60 * MINUTE);
    expect(engine.itemCount).toBe(2);
    expect(engine.sweepExpired()).toBe(1);
    expect(engine.itemCount).toBe(1);
  });

  it('refuses a TTL that is not a positive whole number of a known unit', async () => {
    const bad = await engine.handle('/api/v1/set', { key: 'k', value: 1, options: { ttl: { value: 0, unit: 'SECONDS' } } });
    expect(bad).toEqual({ status: 400, body: { code: 'BAD_REQUEST', message: expect.any(String) } });
    const unit = await engine.handle('/api/v1/set', { key: 'k', value: 1, options: { ttl: { value: 1, unit: 'WEEKS' } } });
    expect(unit.status).toBe(400);
  });
});
