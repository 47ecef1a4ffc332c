import { canonicalJson } from '../../../src/domain/seals/canonical';
import { EMPTY_ROOT, merkleRoot } from '../../../src/domain/seals/merkle';
import { buildSeal, checkLink, checkPeriod, GENESIS } from '../../../src/domain/seals/seal';
import { event } from '../../fakes/audit-events';

const events = Array.from({ length: 5 }, (_, i) => event({ id: `e${i}`, at: Date.UTC(2026, 10, 1) + i * 1000, action: 'tokenCreated' }));

describe('seals', () => {
  it('hash canonical JSON: key order does not matter, any value does', () => {
    expect(canonicalJson({ b: 1, a: [1, { d: null, c: 'x' }] })).toBe('{"a":[1,{"c":"x","d":null}],"b":1}');
    expect(canonicalJson({ a: undefined, b: 2 })).toBe('{"b":2}');
  });

  it('build a Merkle root that depends on every leaf and their order', () => {
    expect(merkleRoot([])).toBe(EMPTY_ROOT);
    const root = merkleRoot(['a', 'b', 'c']);
    expect(merkleRoot(['a', 'b', 'c'])).toBe(root);
    expect(merkleRoot(['b', 'a', 'c'])).not.toBe(root);
    expect(merkleRoot(['a', 'b'])).not.toBe(root);
  });

  it('chain: each seal starts where the previous ended and carries its hash', () => {
    const first = buildSeal({ previous: null, to: Date.UTC(2026, 10, 1) + 2500, events: events.slice(0, 3), now: 1 });
    const second = buildSeal({ previous: first, to: Date.UTC(2026, 10, 2), events: events.slice(3), now: 2 });
    expect(first).toMatchObject({ seq: 1, from: -1, count: 3, prev: GENESIS });
    expect(second).toMatchObject({ seq: 2, from: first.to, count: 2, prev: first.hash });
    expect(checkLink(first, null)).toBeNull();
    expect(checkLink(second, first)).toBeNull();
    expect(checkLink({ ...second, count: 3 }, first)).toMatchObject({ kind: 'seal-altered' });
    expect(checkLink(second, { ...first, hash: 'f'.repeat(64) })).toMatchObject({ kind: 'chain-broken' });
  });

  it('name the first deleted, changed or added event of a period', () => {
    const seal = buildSeal({ previous: null, to: Date.UTC(2026, 10, 2), events, now: 1 });
    expect(checkPeriod(seal, [...events].reverse())).toBeNull();
    expect(checkPeriod(seal, events.filter((e) => e.id !== 'e2'))).toMatchObject({ kind: 'deleted', eventId: 'e2' });
    expect(checkPeriod(seal, events.map((e) => (e.id === 'e3' ? { ...e, source: '203.0.113.1' } : e)))).toMatchObject({ kind: 'changed', eventId: 'e3' });
    const extra = event({ id: 'x9', at: Date.UTC(2026, 10, 1) + 1500, action: 'tokenRevoked' });
    expect(checkPeriod(seal, [...events, extra])).toMatchObject({ kind: 'added', eventId: 'x9' });
  });
});
