import { kvs, MetadataField, WhereConditions } from '@forge/kvs';
import type { StorageEngine } from '../../../local/storage/engine';
import { kvsError, startStorage } from './support/harness';

let engine: StorageEngine;

beforeEach(() => {
  engine = startStorage();
});

afterEach(() => engine.close());

describe('plain keys through @forge/kvs', () => {
  it('stores and reads back every JSON value type', async () => {
    const values = ['text', 42, 1.5, true, false, [1, 'two'], { nested: { deep: [null, 1] } }];
    for (const [i, value] of values.entries()) await kvs.set(`k${i}`, value);
    for (const [i, value] of values.entries()) expect(await kvs.get(`k${i}`)).toEqual(value);
  });

  it('answers undefined for a missing key (404 KEY_NOT_FOUND under the hood)', async () => {
    expect(await kvs.get('never-set')).toBeUndefined();
    const raw = await engine.handle('/api/v1/get', { key: 'never-set' });
    expect(raw).toEqual({ status: 404, body: { code: 'KEY_NOT_FOUND', message: expect.any(String) } });
  });

  it('deletes a key, and deleting a missing key succeeds', async () => {
    await kvs.set('gone', 1);
    await kvs.delete('gone');
    expect(await kvs.get('gone')).toBeUndefined();
    await expect(kvs.delete('gone')).resolves.toBeUndefined();
  });

  it('returns the metadata fields asked for, createdAt kept across updates', async () => {
    await kvs.set('meta', 'v1', { ttl: { value: 1, unit: 'HOURS' } });
    const first = await kvs.get('meta', { metadataFields: [MetadataField.CREATED_AT, MetadataField.UPDATED_AT, MetadataField.EXPIRE_TIME] });
    expect(first).toEqual({
      key: 'meta',
      value: 'v1',
      createdAt: expect.any(Number),
      updatedAt: expect.any(Number),
      expireTime: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    });
    await kvs.set('meta', 'v2');
    const second = await kvs.get('meta', { metadataFields: [MetadataField.CREATED_AT] });
    expect(second).toEqual({ key: 'meta', value: 'v2', createdAt: first?.createdAt });
  });

  it('refuses an unknown metadata field with BAD_REQUEST', async () => {
    const error = await kvsError(kvs.get('x', { metadataFields: ['NOPE' as MetadataField] }));
    expect(error.code).toBe('BAD_REQUEST');
    expect(error.responseDetails.status).toBe(400);
  });

  it('returns the previous or the latest value when asked to', async () => {
    expect(await kvs.set('rv', 'a', { keyPolicy: 'OVERRIDE', returnValue: 'PREVIOUS' })).toBeUndefined();
    expect(await kvs.set('rv', 'b', { keyPolicy: 'OVERRIDE', returnValue: 'PREVIOUS' })).toEqual({ key: 'rv', value: 'a' });
    expect(await kvs.set('rv', 'c', { keyPolicy: 'OVERRIDE', returnValue: 'LATEST' })).toEqual({ key: 'rv', value: 'c' });
  });

  it('FAIL_IF_EXISTS writes a new key and refuses an existing one with 409 KEY_ALREADY_EXISTS', async () => {
    await kvs.set('once', 'first', { keyPolicy: 'FAIL_IF_EXISTS' });
    const error = await kvsError(kvs.set('once', 'second', { keyPolicy: 'FAIL_IF_EXISTS' }));
    expect(error.code).toBe('KEY_ALREADY_EXISTS');
    expect(error.responseDetails.status).toBe(409);
    expect(await kvs.get('once')).toBe('first');
  });

  it.each([
    ['empty', ''],
    ['501 characters', 'k'.repeat(501)],
    ['a slash', 'a/b'],
    ['only spaces', '   '],
    ['a non-ASCII letter', 'clé'],
  ])('refuses a key with %s', async (_label, key) => {
    const error = await kvsError(kvs.set(key, 1));
    expect(error.code).toBe('VALIDATION_ERROR');
  });

  it('accepts a 500-character key made of every allowed character class', async () => {
    const key = `aZ09:._ -#${'x'.repeat(490)}`;
    await kvs.set(key, 'ok');
    expect(await kvs.get(key)).toBe('ok');
  });

  it('refuses a value over 240 KiB with STORAGE_LIMIT_EXCEEDED and keeps the old value', async () => {
    await kvs.set('big', 'small');
    const error = await kvsError(kvs.set('big', 'x'.repeat(240 * 1024)));
    expect(error.code).toBe('STORAGE_LIMIT_EXCEEDED');
    expect(await kvs.get('big')).toBe('small');
    await kvs.set('big', 'x'.repeat(240 * 1024 - 2)); // the JSON string's quotes count
  });

  it('accepts 31 levels of nesting and refuses 32 (Forge storage limits: object depth 31)', async () => {
    const nest = (levels: number): unknown => (levels === 0 ? 'leaf' : { down: nest(levels - 1) });
    await kvs.set('deep-ok', nest(31));
    const error = await kvsError(kvs.set('deep-bad', nest(32)));
    expect(error.code).toBe('VALIDATION_ERROR');
  });

  it('keeps secrets apart from plain keys and out of queries', async () => {
    await kvs.setSecret('shared', 'secret-value');
    await kvs.set('shared', 'plain-value');
    expect(await kvs.getSecret('shared')).toBe('secret-value');
    expect(await kvs.get('shared')).toBe('plain-value');
    await kvs.deleteSecret('shared');
    expect(await kvs.getSecret('shared')).toBeUndefined();
    expect(await kvs.get('shared')).toBe('plain-value');
    await kvs.setSecret('only-secret', 1);
    const { results } = await kvs.query().getMany();
    expect(results.map((r) => r.key)).toEqual(['shared']);
  });

  it('FAIL_IF_EXISTS also guards secrets', async () => {
    await kvs.setSecret('s', 1, { keyPolicy: 'FAIL_IF_EXISTS' });
    expect((await kvsError(kvs.setSecret('s', 2, { keyPolicy: 'FAIL_IF_EXISTS' }))).code).toBe('KEY_ALREADY_EXISTS');
  });
});

describe('kvs.query over plain keys', () => {
  beforeEach(async () => {
    for (const key of ['user:3', 'user:1', 'team:1', 'user:2', 'users', 'user:10']) await kvs.set(key, key.toUpperCase());
  });

  it('lists keys in key order, filtered by prefix', async () => {
    const { results, nextCursor } = await kvs.query().where('key', WhereConditions.beginsWith('user:')).getMany();
    expect(results).toEqual([
      { key: 'user:1', value: 'USER:1' },
      { key: 'user:10', value: 'USER:10' },
      { key: 'user:2', value: 'USER:2' },
      { key: 'user:3', value: 'USER:3' },
    ]);
    expect(nextCursor).toBeUndefined();
  });

  it('pages with a cursor, without repeats or gaps, even when keys are added between pages', async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    let page = 0;
    do {
      let query = kvs.query().where('key', WhereConditions.beginsWith('user')).limit(2);
      if (cursor) query = query.cursor(cursor);
      const result = await query.getMany();
      seen.push(...result.results.map((r) => r.key));
      cursor = result.nextCursor;
      if (page === 0) await kvs.set('user:0', 'inserted before the cursor position'); // must not shift later pages
      page += 1;
    } while (cursor);
    expect(seen).toEqual(['user:1', 'user:10', 'user:2', 'user:3', 'users']);
  });

  it('defaults to 10 results, pages up to 100 and refuses a limit above 100', async () => {
    for (let i = 0; i < 105; i += 1) await kvs.set(`bulk:${String(i).padStart(3, '0')}`, i);
    const { results, nextCursor } = await kvs.query().where('key', WhereConditions.beginsWith('bulk:')).getMany();
    expect(results).toHaveLength(10);
    expect(nextCursor).toEqual(expect.any(String));
    const full = await kvs.query().where('key', WhereConditions.beginsWith('bulk:')).limit(100).getMany();
    expect(full.results).toHaveLength(100);
    expect(full.nextCursor).toEqual(expect.any(String));
    expect((await kvsError(kvs.query().limit(101).getMany())).code).toBe('VALIDATION_ERROR');
  });

  it('returns metadata in query results only when asked', async () => {
    const plain = await kvs.query().where('key', WhereConditions.beginsWith('team')).getMany();
    expect(plain.results).toEqual([{ key: 'team:1', value: 'TEAM:1' }]);
    const withMeta = await kvs
      .query({ metadataFields: [MetadataField.CREATED_AT] })
      .where('key', WhereConditions.beginsWith('team'))
      .getMany();
    expect(withMeta.results).toEqual([{ key: 'team:1', value: 'TEAM:1', createdAt: expect.any(Number) }]);
  });

  it('refuses a tampered cursor with BAD_REQUEST', async () => {
    expect((await kvsError(kvs.query().cursor('not-a-cursor').getMany())).code).toBe('BAD_REQUEST');
  });
});
