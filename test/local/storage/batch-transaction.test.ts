import { Filter, FilterConditions, kvs } from '@forge/kvs';
import type { StorageEngine } from '../../../local/storage/engine';
import { kvsError, startStorage, type Employee } from './support/harness';

let engine: StorageEngine;

beforeEach(() => {
  engine = startStorage();
});

afterEach(() => engine.close());

const ada: Employee = { name: 'Ada', team: 'core', age: 36 };

describe('batch operations', () => {
  it('batchSet mixes plain keys and entities, reporting each failure on its own', async () => {
    const result = await kvs.batchSet<unknown>([
      { key: 'plain', value: 'p' },
      { key: 'e1', value: ada, entityName: 'employee' },
      { key: 'bad', value: { name: 1 }, entityName: 'employee' },
      { key: 'x', value: 1, entityName: 'ghost' },
    ]);
    expect(result.successfulKeys).toEqual([{ key: 'plain' }, { key: 'e1', entityName: 'employee' }]);
    expect(result.failedKeys).toEqual([
      { key: 'bad', entityName: 'employee', error: { code: 'VALIDATION_ERROR', message: expect.any(String) } },
      { key: 'x', entityName: 'ghost', error: { code: 'PERMISSION_DENIED', message: expect.any(String) } },
    ]);
    expect(await kvs.get('plain')).toBe('p');
    expect(await kvs.entity('employee').get('e1')).toEqual(ada);
    expect(await kvs.entity('employee').get('bad')).toBeUndefined();
  });

  it('batchGet returns found items and reports missing ones as KEY_NOT_FOUND', async () => {
    await kvs.set('a', 1);
    await kvs.entity('employee').set('e1', ada);
    const result = await kvs.batchGet([{ key: 'a' }, { key: 'e1', entityName: 'employee' }, { key: 'missing' }]);
    expect(result.successfulKeys).toEqual([
      { key: 'a', value: 1 },
      { key: 'e1', entityName: 'employee', value: ada },
    ]);
    expect(result.failedKeys).toEqual([{ key: 'missing', error: { code: 'KEY_NOT_FOUND', message: expect.any(String) } }]);
  });

  it('batchDelete removes plain keys and entities', async () => {
    await kvs.set('a', 1);
    await kvs.entity('employee').set('e1', ada);
    const result = await kvs.batchDelete([{ key: 'a' }, { key: 'e1', entityName: 'employee' }, { key: 'never' }]);
    expect(result.failedKeys).toEqual([]);
    expect(await kvs.get('a')).toBeUndefined();
    expect(await kvs.entity('employee').get('e1')).toBeUndefined();
  });

  it('refuses a whole batch that is empty, has 26 keys, or names a key twice', async () => {
    expect((await kvsError(kvs.batchSet([]))).code).toBe('BAD_REQUEST');
    const many = Array.from({ length: 26 }, (_, i) => ({ key: `k${i}`, value: i }));
    expect((await kvsError(kvs.batchSet(many))).code).toBe('VALIDATION_ERROR');
    expect(await kvs.get('k0')).toBeUndefined();
    await kvs.batchSet(many.slice(0, 25));
    expect((await kvsError(kvs.batchGet([{ key: 'k1' }, { key: 'k1' }]))).code).toBe('BAD_REQUEST');
  });
});

describe('transactions', () => {
  it('commits sets and deletes of plain keys and entities together', async () => {
    await kvs.set('old', 1);
    await kvs
      .transact()
      .set('new', 2)
      .set('e1', ada, { entityName: 'employee' })
      .delete('old')
      .delete('never-existed')
      .execute();
    expect(await kvs.get('new')).toBe(2);
    expect(await kvs.get('old')).toBeUndefined();
    expect(await kvs.entity('employee').get('e1')).toEqual(ada);
  });

  it('writes nothing when one operation is invalid', async () => {
    const error = await kvsError(
      kvs.transact().set('first', 1).set('e1', { name: 42 }, { entityName: 'employee' }).execute(),
    );
    expect(error.code).toBe('VALIDATION_ERROR');
    expect(await kvs.get('first')).toBeUndefined();
  });

  it('writes nothing when a condition fails, answering 409 CONDITIONAL_CHECK_FAILED', async () => {
    await kvs.entity('employee').set('e1', ada);
    const error = await kvsError(
      kvs
        .transact()
        .set('side-effect', true)
        .check('e1', { entityName: 'employee', conditions: new Filter<Employee>().and('age', FilterConditions.lessThan(30)) })
        .execute(),
    );
    expect(error.code).toBe('CONDITIONAL_CHECK_FAILED');
    expect(error.responseDetails.status).toBe(409);
    expect(await kvs.get('side-effect')).toBeUndefined();
  });

  it('evaluates conditions on the stored value: a missing item satisfies only notExists', async () => {
    const notExists = new Filter<Employee>().and('name', FilterConditions.notExists());
    await kvs.transact().set('e1', ada, { entityName: 'employee', conditions: notExists }).execute();
    expect(await kvs.entity('employee').get('e1')).toEqual(ada);
    // Now it exists: the same create-if-absent fails.
    expect((await kvsError(kvs.transact().set('e1', ada, { entityName: 'employee', conditions: notExists }).execute())).code).toBe(
      'CONDITIONAL_CHECK_FAILED',
    );
    // Every comparison on a missing item is false, even notEqualTo.
    const notEqual = new Filter<Employee>().and('name', FilterConditions.notEqualTo('Zed'));
    expect((await kvsError(kvs.transact().set('e2', ada, { entityName: 'employee', conditions: notEqual }).execute())).code).toBe(
      'CONDITIONAL_CHECK_FAILED',
    );
    // A conditional delete runs only when the condition holds.
    const older = new Filter<Employee>().and('age', FilterConditions.greaterThan(35));
    await kvs.transact().delete('e1', { entityName: 'employee', conditions: older }).execute();
    expect(await kvs.entity('employee').get('e1')).toBeUndefined();
  });

  it('accepts 25 operations and refuses 26', async () => {
    const build = (count: number): ReturnType<typeof kvs.transact> => {
      const tx = kvs.transact();
      for (let i = 0; i < count; i += 1) tx.set(`t${i}`, i);
      return tx;
    };
    const error = await kvsError(build(26).execute());
    expect(error.code).toBe('VALIDATION_ERROR');
    expect(await kvs.get('t0')).toBeUndefined();
    await build(25).execute();
    expect(await kvs.get('t24')).toBe(24);
  });

  it('refuses a transaction that uses the same key twice', async () => {
    const error = await kvsError(kvs.transact().set('dup', 1).delete('dup').execute());
    expect(error.code).toBe('VALIDATION_ERROR');
  });

  it('refuses conditions on a plain key and a transaction with no operation', async () => {
    const conditions = new Filter<{ a: number }>().and('a', FilterConditions.exists());
    const raw = await engine.handle('/api/v1/transaction', { set: [{ key: 'k', value: 1, conditions: { and: conditions.filters() } }] });
    expect(raw.status).toBe(400);
    expect((await kvsError(kvs.transact().execute())).code).toBe('BAD_REQUEST');
  });

  it('lets exactly one of 50 concurrent conditional writers win', async () => {
    engine.setLatency(5); // the writers really overlap in flight
    await kvs.entity('counter').set('slot', { owner: 'nobody', count: 0 });
    const claimIfFree = new Filter<{ owner: string; count: number }>().and('owner', FilterConditions.equalTo('nobody'));
    const outcomes = await Promise.allSettled(
      Array.from({ length: 50 }, (_, i) =>
        kvs
          .transact()
          .set('slot', { owner: `writer-${i}`, count: 1 }, { entityName: 'counter', conditions: claimIfFree })
          .set(`claim-${i}`, i)
          .execute(),
      ),
    );
    const winners = outcomes.flatMap((outcome, i) => (outcome.status === 'fulfilled' ? [i] : []));
    expect(winners).toHaveLength(1);
    const losers = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
    expect(losers.every((o) => (o.reason as { code?: string }).code === 'CONDITIONAL_CHECK_FAILED')).toBe(true);
    expect(await kvs.entity('counter').get('slot')).toEqual({ owner: `writer-${winners[0]}`, count: 1 });
    const claims = await kvs.batchGet(Array.from({ length: 25 }, (_, i) => ({ key: `claim-${i}` })));
    const claims2 = await kvs.batchGet(Array.from({ length: 25 }, (_, i) => ({ key: `claim-${i + 25}` })));
    expect([...claims.successfulKeys, ...claims2.successfulKeys].map((c) => c.key)).toEqual([`claim-${winners[0]}`]);
  });
});
