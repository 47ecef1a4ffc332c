import fc from 'fast-check';
import { decodeCursor, encodeCursor, type CursorExpectation, type PageCursor } from '../../../src/domain/audit/cursor';

const sample: PageCursor = { v: 1, f: 'abc123', p: { t: 1_790_000_000_000, i: ['e1', 'e2'] }, s: [1, { lo: 5, hi: 10, x: ['Authentication'], c: 'storage→cursor/+=' }] };
const twoStreams: CursorExpectation = { fingerprint: 'abc123', streams: [{ categories: ['Settings'] }, { categories: ['Authentication', 'Settings'] }], from: null, to: null };
const oneStream: CursorExpectation = { fingerprint: 'abc123', streams: [{ categories: [] }], from: null, to: null };
const encode = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('page cursor', () => {
  it('round-trips through an opaque base64url string', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1 }), fc.array(fc.string({ maxLength: 40 }), { maxLength: 5 }), fc.integer({ min: 0, max: 2 ** 45 }), (storageCursor, ids, t) => {
        const cursor: PageCursor = { ...sample, p: { t, i: ids }, s: [{ lo: 0, hi: t, x: [], c: storageCursor }] };
        const encoded = encodeCursor(cursor);
        expect(encoded).toMatch(/^[A-Za-z0-9_-]+$/);
        expect(decodeCursor(encoded, oneStream)).toEqual({ ok: true, cursor });
      }),
    );
  });

  it('is refused for another query (fingerprint or number of streams)', () => {
    const encoded = encodeCursor(sample);
    expect(decodeCursor(encoded, { ...twoStreams, fingerprint: 'other' })).toEqual({ ok: false, problem: 'other-query' });
    expect(decodeCursor(encoded, { ...twoStreams, streams: [...twoStreams.streams, { categories: [] }] })).toEqual({ ok: false, problem: 'other-query' });
  });

  it('is refused when it is not one of ours: garbage, unknown fields, offsets', () => {
    for (const bad of ['', '!!!', 'AAAA', encode({ ...sample, extra: 1 }), encode({ ...sample, v: 2 }), encode({ offset: 200 }), encode({ ...sample, s: [0] })]) {
      expect(decodeCursor(bad, twoStreams)).toEqual({ ok: false, problem: 'malformed' });
    }
  });

  it('is refused when truncated at any length; a changed character breaks it or still names this query', () => {
    const encoded = encodeCursor(sample);
    for (let length = 0; length < encoded.length; length += 1) {
      expect(decodeCursor(encoded.slice(0, length), twoStreams).ok).toBe(false);
    }
    fc.assert(
      fc.property(fc.nat(encoded.length - 1), fc.constantFrom(...'ABCxyz019-_'), (at, replacement) => {
        const altered = encoded.slice(0, at) + replacement + encoded.slice(at + 1);
        fc.pre(altered !== encoded);
        const decoded = decodeCursor(altered, twoStreams);
        // A changed character either breaks the cursor or yields one that still fits the query.
        if (decoded.ok) expect(decoded.cursor.f).toBe('abc123');
      }),
    );
  });

  it('is refused when a value has the wrong type, is negative, fractional or beyond a safe integer', () => {
    const stream = sample.s[1] as Exclude<PageCursor['s'][number], 1>;
    for (const bad of [
      { ...sample, p: { t: '1790000000000', i: [] } },
      { ...sample, p: { t: -1, i: [] } },
      { ...sample, p: { t: 1.5, i: [] } },
      { ...sample, p: { t: 2 ** 60, i: [] } },
      { ...sample, p: { t: 1, i: 'e1' } },
      { ...sample, s: [1, { ...stream, lo: -5 }] },
      { ...sample, s: [1, { ...stream, hi: '10' }] },
      { ...sample, s: [1, { ...stream, c: 42 }] },
      { ...sample, s: [1, { ...stream, c: '' }] },
      { ...sample, s: [1, { ...stream, x: 'Authentication' }] },
      { ...sample, s: [2, stream] },
      [sample],
      'a string',
      null,
    ]) {
      expect(decodeCursor(encode(bad), twoStreams)).toEqual({ ok: false, problem: 'malformed' });
    }
  });

  it('is refused when it says what its query could not: a slice upside down or outside from/to, a category the stream cannot hold', () => {
    const stream = sample.s[1] as Exclude<PageCursor['s'][number], 1>;
    const bounded: CursorExpectation = { ...twoStreams, from: 5, to: 1_790_000_000_000 };
    expect(decodeCursor(encodeCursor(sample), bounded).ok).toBe(true);
    for (const bad of [
      { ...sample, s: [1, { ...stream, lo: 11 }] },
      { ...sample, s: [1, { ...stream, lo: 4 }] },
      { ...sample, s: [1, { ...stream, hi: 1_790_000_000_001 }] },
      { ...sample, p: { t: 1_790_000_000_001, i: [] } },
      { ...sample, p: { t: 4, i: [] } },
      { ...sample, s: [1, { ...stream, x: ['App API calls'] }] },
      { ...sample, s: [1, { ...stream, x: ['Settings', 'Settings'] }] },
      { ...sample, s: [{ ...stream, x: ['Authentication'] }, 1] },
    ]) {
      expect(decodeCursor(encode(bad), bounded)).toEqual({ ok: false, problem: 'malformed' });
    }
  });

  it('is refused when oversize, before it is decoded', () => {
    expect(decodeCursor('A'.repeat(200_001), twoStreams)).toEqual({ ok: false, problem: 'malformed' });
  });
});
