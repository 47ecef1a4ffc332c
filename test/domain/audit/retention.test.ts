import { segmentsOf, type StreamSpec } from '../../../src/domain/audit/plan';
import { DAY_MS, oldestVisible, retentionCutoffs, retentionDays } from '../../../src/domain/audit/retention';

const NOW = Date.UTC(2026, 10, 1);
const retention = { defaultDays: 180, perCategoryDays: { Authentication: 30, 'Token management': 365 } };

describe('retention', () => {
  it('gives each category its own period, else the default', () => {
    expect(retentionDays(retention, 'Authentication')).toBe(30);
    expect(retentionDays(retention, 'Settings')).toBe(180);
    const cutoffs = retentionCutoffs(retention, NOW);
    expect(cutoffs['Token management']).toBe(NOW - 365 * DAY_MS);
    expect(cutoffs['App API calls']).toBe(NOW - 180 * DAY_MS);
    expect(oldestVisible(cutoffs)).toBe(NOW - 365 * DAY_MS);
  });

  it('slices a stream at every cutoff and excludes the categories already expired in each slice', () => {
    const cutoffs = retentionCutoffs(retention, NOW);
    const stream: StreamSpec = { index: 'time', categories: ['Authentication', 'Settings', 'Token management'] };
    expect(segmentsOf(stream, { lo: 0, hi: NOW }, cutoffs)).toEqual([
      { lo: NOW - 30 * DAY_MS, hi: NOW, excluded: [] },
      { lo: NOW - 180 * DAY_MS, hi: NOW - 30 * DAY_MS - 1, excluded: ['Authentication'] },
      { lo: NOW - 365 * DAY_MS, hi: NOW - 180 * DAY_MS - 1, excluded: ['Authentication', 'Settings'] },
    ]);
  });

  it('clamps a single-category stream to its own cutoff with no filter at all', () => {
    const cutoffs = retentionCutoffs(retention, NOW);
    expect(segmentsOf({ index: 'category', partition: 'Authentication', categories: ['Authentication'] }, { lo: 0, hi: NOW }, cutoffs)).toEqual([
      { lo: NOW - 30 * DAY_MS, hi: NOW, excluded: [] },
    ]);
    expect(segmentsOf({ index: 'category', partition: 'Authentication', categories: ['Authentication'] }, { lo: 0, hi: NOW - 40 * DAY_MS }, cutoffs)).toEqual([]);
  });
});
