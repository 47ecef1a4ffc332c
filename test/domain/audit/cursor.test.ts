import fc from 'fast-check';
import { decodeCursor, encodeCursor, type PageCursor } from '../../../src/domain/audit/cursor';

const sample: PageCursor = { v: 1, f: 'abc123', p: { t: 1_790_000_000_000, i: ['e1', 'e2'] }, s: [1, { lo: 5, hi: 10, x: ['Authentication'], c: 'storage→cursor/+=' }] };

describe('page cursor', () => {
  it('round-trips through an opaque base64url string', () => {
    fc.assert(
      fc.property(fc.string(), fc.array(fc.string({ maxLength: 40 }), { maxLength: 5 }), fc.integer({ min: 0, max: 2 ** 45 }), (storageCursor, ids, t) => {
        const cursor: PageCursor = { ...sample, p: { t, i: ids }, s: [{ lo: 0, hi: t, x: [], c: storageCursor }] };
        const encoded = encodeCursor(cursor);
        expect(encoded).toMatch(/^[A-Za-z0-9_-]+$/);
        expect(decodeCursor(encoded, { fingerprint: 'abc123', streams: 1 })).toEqual({ ok: true, cursor });
      }),
    );
  });

  it('is refused for another query (fingerprint or number of streams)', () => {
    const encoded = encodeCursor(sample);
    expect(decodeCursor(encoded, { fingerprint: 'other', streams: 2 })).toEqual({ ok: false, problem: 'other-query' });
    expect(decodeCursor(encoded, { fingerprint: 'abc123', streams: 3 })).toEqual({ ok: false, problem: 'other-query' });
  });

  it('is refused when it is not one of ours: garbage, unknown fields, offsets', () => {
    const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
    for (const bad of ['', '!!!', 'AAAA', encode({ ...sample, extra: 1 }), encode({ ...sample, v: 2 }), encode({ offset: 200 }), encode({ ...sample, s: [0] })]) {
      expect(decodeCursor(bad, { fingerprint: 'abc123', streams: 2 })).toEqual({ ok: false, problem: 'malformed' });
    }
  });
});
