import { captionOf } from '../../../static/audit-log/src/timeline/caption';

const count = new Intl.NumberFormat('en-US');
const caption = (moreAvailable: boolean, beyond: { count: number; atLeast: boolean } | null, total = 50): string =>
  captionOf({ total, bucket: 'minute', moreAvailable, beyond, count });

describe('timeline caption', () => {
  it('says how many more events match the filter when the search could count them', () => {
    expect(caption(true, { count: 37, atLeast: false })).toBe('The 50 loaded events per minute; 37 more match the filter, not charted until loaded.');
    expect(caption(true, { count: 1, atLeast: false })).toBe('The 50 loaded events per minute; 1 more matches the filter, not charted until loaded.');
    expect(caption(true, { count: 100, atLeast: true })).toBe('The 50 loaded events per minute; at least 100 more match the filter, not charted until loaded.');
  });

  it('says it charts only the loaded events when the search could not count the rest', () => {
    expect(caption(true, null)).toBe('The 50 loaded events per minute; it charts only the loaded events, and more may match the filter: load more to include older events.');
    expect(caption(true, { count: 0, atLeast: true })).toBe(caption(true, null));
  });

  it('says the chart is complete when nothing more matches', () => {
    expect(caption(false, null, 1)).toBe('The 1 loaded event per minute: every event the filter matches.');
    expect(caption(true, { count: 0, atLeast: false })).toBe('The 50 loaded events per minute: every event the filter matches.');
  });
});
