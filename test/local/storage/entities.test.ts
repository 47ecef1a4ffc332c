import { Filter, FilterConditions, kvs, MetadataField, Sort, WhereConditions } from '@forge/kvs';
import type { StorageEngine } from '../../../local/storage/engine';
import { kvsError, startStorage, type Employee } from './support/harness';

let engine: StorageEngine;
const employees = (): ReturnType<typeof kvs.entity<Employee>> => kvs.entity<Employee>('employee');

const STAFF: Array<[string, Employee]> = [
  ['e1', { name: 'Ada', team: 'core', age: 36, score: 9.5, active: true, tags: ['lead', 'math'] }],
  ['e2', { name: 'Bob', team: 'core', age: 25, score: 6.25, active: false, tags: ['ops'] }],
  ['e3', { name: 'Cy', team: 'core', age: 30, score: 7, active: true }],
  ['e4', { name: 'Di', team: 'edge', age: 30, score: 8, active: true, tags: ['math'] }],
  ['e5', { name: 'Ed', team: 'core', age: 30, active: false }],
  ['e6', { name: 'Al', team: 'core', age: 41, score: 5.5 }],
];

beforeEach(async () => {
  engine = startStorage();
  for (const [key, value] of STAFF) await employees().set(key, value);
});

afterEach(() => engine.close());

const keys = (results: Array<{ key: string }>): string[] => results.map((r) => r.key);

describe('custom entity get / set / delete', () => {
  it('reads back what was stored and deletes it', async () => {
    expect(await employees().get('e1')).toEqual(STAFF[0][1]);
    await employees().delete('e1');
    expect(await employees().get('e1')).toBeUndefined();
    await expect(employees().delete('e1')).resolves.toBeUndefined();
  });

  it('keeps entities apart from plain keys with the same key', async () => {
    await kvs.set('e1', 'plain');
    expect(await kvs.get('e1')).toBe('plain');
    expect((await employees().get('e1'))?.name).toBe('Ada');
  });

  it('refuses an entity the manifest does not declare with PERMISSION_DENIED', async () => {
    const error = await kvsError(kvs.entity('ghost').set('k', { a: 1 }));
    expect(error.code).toBe('PERMISSION_DENIED');
    expect((await kvsError(kvs.entity('ghost').get('k'))).code).toBe('PERMISSION_DENIED');
  });

  it.each([
    ['an integer beyond 32 bits', { name: 'X', team: 't', age: 2_147_483_648 }],
    ['a fractional integer', { name: 'X', team: 't', age: 1.5 }],
    ['a number for a string', { name: 7, team: 't', age: 1 }],
    ['a string for a boolean', { name: 'X', team: 't', age: 1, active: 'yes' }],
    ['a float too small to store', { name: 'X', team: 't', age: 1, score: 1e-320 }],
    ['an undeclared attribute', { name: 'X', team: 't', age: 1, salary: 10 }],
  ])('refuses %s with VALIDATION_ERROR', async (_label, value) => {
    const error = await kvsError(kvs.entity('employee').set('bad', value));
    expect(error.code).toBe('VALIDATION_ERROR');
    expect(await employees().get('bad')).toBeUndefined();
  });

  it('accepts the integer bounds, zero and negative floats, and any JSON in an `any` attribute', async () => {
    await employees().set('min', { name: 'Min', team: 't', age: -2_147_483_648, score: 0 });
    await employees().set('max', { name: 'Max', team: 't', age: 2_147_483_647, score: -1.25, tags: { deep: [1, { x: true }] } });
    expect((await employees().get('max'))?.tags).toEqual({ deep: [1, { x: true }] });
  });

  it('FAIL_IF_EXISTS refuses an existing entity with 409', async () => {
    const error = await kvsError(employees().set('e1', STAFF[0][1], { keyPolicy: 'FAIL_IF_EXISTS' }));
    expect(error.responseDetails.status).toBe(409);
    await employees().set('new', STAFF[0][1], { keyPolicy: 'FAIL_IF_EXISTS' });
  });
});

describe('custom entity index queries', () => {
  it('queries a partition in range order, ties broken by key, both directions', async () => {
    const asc = await employees().query().index('by-team-age', { partition: ['core'] }).limit(100).getMany();
    expect(keys(asc.results)).toEqual(['e2', 'e3', 'e5', 'e1', 'e6']);
    const desc = await employees().query().index('by-team-age', { partition: ['core'] }).sort(Sort.DESC).limit(100).getMany();
    expect(keys(desc.results)).toEqual(['e6', 'e1', 'e5', 'e3', 'e2']);
  });

  it.each([
    ['equalTo 30', WhereConditions.equalTo(30), ['e3', 'e5']],
    ['greaterThan 30', WhereConditions.greaterThan(30), ['e1', 'e6']],
    ['greaterThanEqualTo 30', WhereConditions.greaterThanEqualTo(30), ['e3', 'e5', 'e1', 'e6']],
    ['lessThan 30', WhereConditions.lessThan(30), ['e2']],
    ['lessThanEqualTo 30', WhereConditions.lessThanEqualTo(30), ['e2', 'e3', 'e5']],
    ['between 26 and 36', WhereConditions.between(26, 36), ['e3', 'e5', 'e1']],
  ])('applies the range condition %s', async (_label, condition, expected) => {
    const asc = await employees().query().index('by-team-age', { partition: ['core'] }).where(condition).getMany();
    expect(keys(asc.results)).toEqual(expected);
    const desc = await employees()
      .query()
      .index('by-team-age', { partition: ['core'] })
      .where(condition)
      .sort(Sort.DESC)
      .getMany();
    expect(keys(desc.results)).toEqual([...expected].reverse());
  });

  it('applies beginsWith on a string range, both directions', async () => {
    await employees().set('e7', { name: 'Adam', team: 'x', age: 1 });
    await employees().set('e8', { name: 'Ad', team: 'x', age: 1 });
    const asc = await employees().query().index('name').where(WhereConditions.beginsWith('Ad')).getMany();
    expect(asc.results.map((r) => r.value.name)).toEqual(['Ad', 'Ada', 'Adam']);
    const desc = await employees().query().index('name').where(WhereConditions.beginsWith('Ad')).sort(Sort.DESC).getMany();
    expect(desc.results.map((r) => r.value.name)).toEqual(['Adam', 'Ada', 'Ad']);
  });

  it('leaves items without the range attribute out of that index', async () => {
    const { results } = await employees().query().index('by-score').limit(100).getMany();
    expect(keys(results)).toEqual(['e6', 'e2', 'e3', 'e4', 'e1']); // e5 has no score
  });

  it('combines filters with and / or over any attribute', async () => {
    const and = await employees()
      .query()
      .index('by-team-age', { partition: ['core'] })
      .filters(new Filter<Employee>().and('active', FilterConditions.equalTo(true)).and('age', FilterConditions.greaterThan(30)))
      .getMany();
    expect(keys(and.results)).toEqual(['e1']);
    const or = await employees()
      .query()
      .index('by-team-age', { partition: ['core'] })
      .filters(new Filter<Employee>().or('name', FilterConditions.beginsWith('B')).or('score', FilterConditions.lessThan(6)))
      .getMany();
    expect(keys(or.results)).toEqual(['e2', 'e6']);
  });

  it.each([
    ['contains in a list', FilterConditions.contains('math'), 'tags', ['e4', 'e1']],
    ['contains in a string', FilterConditions.contains('d'), 'name', ['e5', 'e1']],
    ['notContains (attribute must exist)', FilterConditions.notContains('math'), 'tags', ['e2']],
    ['exists', FilterConditions.exists(), 'tags', ['e2', 'e4', 'e1']],
    ['notExists', FilterConditions.notExists(), 'tags', ['e3', 'e5', 'e6']],
    ['notEqualTo (missing attribute is false)', FilterConditions.notEqualTo(true), 'active', ['e2', 'e5']],
    ['between on floats', FilterConditions.between(6, 8), 'score', ['e2', 'e3', 'e4']],
    ['greaterThanEqualTo', FilterConditions.greaterThanEqualTo(8), 'score', ['e4', 'e1']],
    ['lessThanEqualTo', FilterConditions.lessThanEqualTo(6.25), 'score', ['e2', 'e6']],
  ])('filter %s', async (_label, condition, property, expected) => {
    const { results } = await employees()
      .query()
      .index('by-team-age', { partition: ['core'] })
      .filters(new Filter<Employee>().and(property as keyof Employee, condition))
      .getMany();
    const edge = await employees()
      .query()
      .index('by-team-age', { partition: ['edge'] })
      .filters(new Filter<Employee>().and(property as keyof Employee, condition))
      .getMany();
    const byAge = [...edge.results, ...results].sort((a, b) => a.value.age - b.value.age || a.key.localeCompare(b.key));
    expect(keys(byAge)).toEqual(expected);
  });

  it('counts the limit over items read, so a filtered page can be short and still carry a cursor', async () => {
    const page = await employees()
      .query()
      .index('by-team-age', { partition: ['core'] })
      .filters(new Filter<Employee>().and('name', FilterConditions.equalTo('Al')))
      .limit(2)
      .getMany();
    expect(page.results).toEqual([]);
    expect(page.nextCursor).toEqual(expect.any(String));
  });

  it('pages through a large partition without repeats or gaps while items are inserted and deleted', async () => {
    for (let i = 0; i < 250; i += 1) {
      await employees().set(`bulk${String(i).padStart(3, '0')}`, { name: `N${i}`, team: 'bulk', age: i % 50 });
    }
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      let query = employees().query().index('by-team-age', { partition: ['bulk'] }).sort(Sort.DESC).limit(37);
      if (cursor) query = query.cursor(cursor);
      const page = await query.getMany();
      seen.push(...keys(page.results));
      cursor = page.nextCursor;
      // Behind the position (lower ages in a DESC walk are ahead; age 49 is behind): must not shift anything.
      if (pages === 0) await employees().set('late-behind', { name: 'late', team: 'bulk', age: 49 });
      pages += 1;
    } while (cursor);
    expect(pages).toBe(7);
    expect(seen).toHaveLength(250);
    expect(new Set(seen).size).toBe(250);
    expect(seen).not.toContain('late-behind');
  });

  it('defaults to 10 results and refuses a page size above 100', async () => {
    for (let i = 0; i < 12; i += 1) await employees().set(`p${i}`, { name: `P${i}`, team: 'page', age: i });
    const page = await employees().query().index('by-team-age', { partition: ['page'] }).getMany();
    expect(page.results).toHaveLength(10);
    await employees().query().index('by-team-age', { partition: ['page'] }).limit(100).getMany();
    const error = await kvsError(employees().query().index('by-team-age', { partition: ['page'] }).limit(101).getMany());
    expect(error.code).toBe('VALIDATION_ERROR');
  });

  it('getOne returns the first item of the index', async () => {
    const first = await employees().query().index('by-team-age', { partition: ['core'] }).sort(Sort.DESC).getOne();
    expect(first?.key).toBe('e6');
  });

  it('returns metadata fields in entity query results when asked', async () => {
    const { results } = await employees()
      .query({ metadataFields: [MetadataField.UPDATED_AT] })
      .index('by-team-age', { partition: ['edge'] })
      .getMany();
    expect(results).toEqual([{ key: 'e4', value: STAFF[3][1], updatedAt: expect.any(Number) }]);
  });

  it('refuses a missing partition, an unknown index, a wrongly typed range and a cursor from another index', async () => {
    expect((await kvsError(employees().query().index('by-team-age').getMany())).code).toBe('VALIDATION_ERROR');
    expect((await kvsError(employees().query().index('by-nothing').getMany())).code).toBe('VALIDATION_ERROR');
    const typed = employees().query().index('by-team-age', { partition: ['core'] }).where(WhereConditions.greaterThan('30'));
    expect((await kvsError(typed.getMany())).code).toBe('VALIDATION_ERROR');
    const { nextCursor } = await employees().query().index('name').limit(1).getMany();
    const crossed = employees().query().index('by-score').cursor(nextCursor as string);
    expect((await kvsError(crossed.getMany())).code).toBe('BAD_REQUEST');
  });

  it('moves an item between partitions when its partition attribute changes', async () => {
    await employees().set('e4', { ...STAFF[3][1], team: 'core' });
    const edge = await employees().query().index('by-team-age', { partition: ['edge'] }).getMany();
    expect(edge.results).toEqual([]);
    const core = await employees().query().index('by-team-age', { partition: ['core'] }).where(WhereConditions.equalTo(30)).getMany();
    expect(keys(core.results)).toEqual(['e3', 'e4', 'e5']);
  });
});

describe('custom entity index limits (Forge docs: custom entities "Limitations", querying the Custom Entity Store)', () => {
  it('stores a range value of 900 bytes and refuses 901 with VALIDATION_ERROR', async () => {
    await employees().set('r-ok', { name: 'n'.repeat(900), team: 't', age: 1 });
    const error = await kvsError(employees().set('r-bad', { name: 'é'.repeat(450) + 'n', team: 't', age: 1 }));
    expect(error.code).toBe('VALIDATION_ERROR');
    expect(await employees().get('r-bad')).toBeUndefined();
  });

  it('stores a partition value of 1,700 bytes and refuses 1,701 with VALIDATION_ERROR', async () => {
    await employees().set('p-ok', { name: 'P', team: 't'.repeat(1700), age: 1 });
    const error = await kvsError(employees().set('p-bad', { name: 'P', team: 't'.repeat(1701), age: 1 }));
    expect(error.code).toBe('VALIDATION_ERROR');
  });

  it('refuses a query whose partition or range value is larger than an index holds', async () => {
    const partition = await kvsError(employees().query().index('by-team-age', { partition: ['t'.repeat(1701)] }).getMany());
    expect(partition.code).toBe('VALIDATION_ERROR');
    const range = await kvsError(employees().query().index('name').where(WhereConditions.beginsWith('n'.repeat(901))).getMany());
    expect(range.code).toBe('VALIDATION_ERROR');
  });

  it('answers a query with 100 conditions and refuses 101', async () => {
    const filtered = (count: number): ReturnType<Filter<Employee>['and']> => {
      const filter = new Filter<Employee>().and('age', FilterConditions.notEqualTo(1000));
      for (let i = 1; i < count; i += 1) filter.and('age', FilterConditions.notEqualTo(1000 + i));
      return filter;
    };
    const ok = await employees().query().index('by-team-age', { partition: ['core'] }).filters(filtered(100)).getMany();
    expect(keys(ok.results)).toHaveLength(5);
    const withRange = employees().query().index('by-team-age', { partition: ['core'] }).where(WhereConditions.greaterThan(0));
    const error = await kvsError(withRange.filters(filtered(100)).getMany());
    expect(error.code).toBe('VALIDATION_ERROR');
  });
});
