import { kvs } from '@forge/kvs';
import { storageOptionsFromEnv, type StorageEngine } from '../../../local/storage/engine';
import { kvsError, startStorage } from './support/harness';

let engine: StorageEngine;

afterEach(() => {
  jest.useRealTimers();
  engine.close();
});

describe('storage call statistics', () => {
  beforeEach(() => {
    engine = startStorage();
  });

  it('counts one call per SDK request, by operation; a batch or a transaction is one call', async () => {
    await kvs.set('a', 1);
    await kvs.get('a');
    await kvs.get('missing');
    await kvs.getSecret('s');
    await kvs.entity('employee').set('e', { name: 'E', team: 't', age: 1 });
    await kvs.entity('employee').query().index('name').getMany();
    await kvs.batchSet([
      { key: 'b1', value: 1 },
      { key: 'b2', value: 2 },
    ]);
    await kvs.transact().set('t1', 1).set('t2', 2).delete('a').execute();
    await kvs.query().getMany();
    expect(engine.getStats()).toEqual({
      storage: {
        'batch.set': 1,
        'entity.query': 1,
        'entity.set': 1,
        get: 2,
        query: 1,
        'secret.get': 1,
        set: 1,
        transaction: 1,
      },
      total: 9,
    });
  });

  it('counts failed calls too, and starts from zero after a reset', async () => {
    await kvsError(kvs.set('', 1));
    expect(engine.getStats()).toEqual({ storage: { set: 1 }, total: 1 });
    engine.resetStats();
    expect(engine.getStats()).toEqual({ storage: {}, total: 0 });
  });
});

describe('latency and fault switches', () => {
  it('delays every storage call by the configured latency', async () => {
    jest.useFakeTimers({ doNotFake: ['Date', 'nextTick', 'setImmediate', 'queueMicrotask'] });
    engine = startStorage({ latencyMs: 25 });
    let done = false;
    const pending = kvs.set('slow', 1).then(() => {
      done = true;
    });
    await jest.advanceTimersByTimeAsync(24);
    expect(done).toBe(false);
    await jest.advanceTimersByTimeAsync(1);
    await pending;
    expect(done).toBe(true);
    engine.setLatency(0);
    await kvs.get('slow'); // resolves without any timer being advanced
  });

  it('fails every call with 500 INTERNAL_SERVER_ERROR at fail rate 1, and writes nothing', async () => {
    engine = startStorage({ failRate: 1 });
    const error = await kvsError(kvs.set('k', 1));
    expect(error.code).toBe('INTERNAL_SERVER_ERROR');
    expect(error.responseDetails.status).toBe(500);
    engine.setFailRate(0);
    expect(await kvs.get('k')).toBeUndefined();
  });

  it('fails a repeatable fraction of calls for a given seed', async () => {
    engine = startStorage();
    const run = async (): Promise<boolean[]> => {
      engine.setFailRate(0.3, 42);
      const outcomes: boolean[] = [];
      for (let i = 0; i < 200; i += 1) {
        outcomes.push(await kvs.set(`f${i}`, i).then(() => true, () => false));
      }
      return outcomes;
    };
    const first = await run();
    const second = await run();
    expect(second).toEqual(first);
    const failures = first.filter((ok) => !ok).length;
    expect(failures).toBeGreaterThan(30);
    expect(failures).toBeLessThan(90);
  });

  it('reads its defaults from the environment', () => {
    expect(storageOptionsFromEnv({ LOCAL_STORE: 'memory', LOCAL_STORAGE_LATENCY_MS: '25', LOCAL_STORAGE_FAIL_RATE: '0.1' })).toEqual({
      store: 'memory',
      latencyMs: 25,
      failRate: 0.1,
    });
    expect(storageOptionsFromEnv({})).toEqual({ store: { dir: '.local/store' }, latencyMs: 0, failRate: 0 });
    engine = startStorage();
  });
});
