import { batches } from '../../../src/domain/siem/batch';

describe('SIEM batches', () => {
  it('keep order and hold at most 500 events', () => {
    const items = Array.from({ length: 1_234 }, (_, i) => i);
    const out = batches(items, () => 10);
    expect(out.map((b) => b.length)).toEqual([500, 500, 234]);
    expect(out.flat()).toEqual(items);
  });

  it('hold at most 1 MB, and an event larger than that alone', () => {
    const out = batches([400_000, 400_000, 400_000, 2_000_000, 1], (n) => n);
    expect(out).toEqual([[400_000, 400_000], [400_000], [2_000_000], [1]]);
  });
});
