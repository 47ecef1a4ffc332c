import { BoundedMap } from '../../src/domain/bounded-map';

describe('BoundedMap', () => {
  it('forgets the entry inserted first when a new key arrives at capacity', () => {
    const map = new BoundedMap<string, number>(2);
    map.set('a', 1).set('b', 2).set('c', 3);
    expect([...map.keys()]).toEqual(['b', 'c']);
  });

  it('updates a held key in place without forgetting another', () => {
    const map = new BoundedMap<string, number>(2);
    map.set('a', 1).set('b', 2).set('a', 10);
    expect([...map.entries()]).toEqual([['a', 10], ['b', 2]]);
  });

  it('touch makes a key the newest, so the least recently touched goes first', () => {
    const map = new BoundedMap<string, number>(2);
    map.set('a', 1).set('b', 2).touch('a', 11).set('c', 3);
    expect([...map.entries()]).toEqual([['a', 11], ['c', 3]]);
  });

  it('refuses a capacity that is not a positive integer', () => {
    expect(() => new BoundedMap(0)).toThrow(RangeError);
    expect(() => new BoundedMap(1.5)).toThrow(RangeError);
  });
});
