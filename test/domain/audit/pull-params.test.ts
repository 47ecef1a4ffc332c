import { pagingInfo, parsePullParameters, PULL_DEFAULT_LIMIT } from '../../../src/domain/audit/pull-params';

describe('pull API parameters', () => {
  it('reads the /rest/auditing/1.0/events parameters in their Atlassian formats', () => {
    const parsed = parsePullParameters({
      from: ['2026-11-01T00:00:00Z'],
      to: ['2026-11-02'],
      limit: ['25'],
      pageCursor: ['abc'],
      categories: ['Authentication, Settings'],
      actions: ['Token created,Permission denied'],
      userIds: ['alice,bob'],
      affectedObject: ['API token,tok,with,commas;user,alice'],
      search: ['nightly export'],
      scanLimit: ['5000'],
    });
    expect(parsed).toEqual({
      ok: true,
      request: {
        input: {
          from: '2026-11-01T00:00:00Z',
          to: '2026-11-02',
          categories: ['Authentication', 'Settings'],
          actions: ['Token created', 'Permission denied'],
          authors: ['alice', 'bob'],
          affectedObjects: [
            { type: 'API token', id: 'tok,with,commas' },
            { type: 'user', id: 'alice' },
          ],
          search: 'nightly export',
        },
        limit: 25,
        scanLimit: 5000,
        cursor: 'abc',
        echo: expect.arrayContaining([['limit', '25'], ['search', 'nightly export']]),
      },
    });
  });

  it('defaults to the largest page and no filters', () => {
    expect(parsePullParameters(undefined)).toMatchObject({ ok: true, request: { limit: PULL_DEFAULT_LIMIT, cursor: null, scanLimit: undefined } });
  });

  it('refuses unknown, repeated, offset and out-of-range parameters by name', () => {
    const field = (raw: Record<string, string[]>) => {
      const parsed = parsePullParameters(raw);
      return parsed.ok ? null : parsed.issue.field;
    };
    expect(field({ outputFormat: ['csv'] })).toBe('outputFormat');
    expect(field({ offset: ['0'] })).toBe('offset');
    expect(field({ limit: ['1', '2'] })).toBe('limit');
    expect(field({ limit: ['0'] })).toBe('limit');
    expect(field({ limit: ['1e2'] })).toBe('limit');
    expect(field({ scanLimit: ['-5'] })).toBe('scanLimit');
    expect(field({ affectedObject: ['tok-3'] })).toBe('affectedObject');
    expect(field({ userIds: [Array.from({ length: 21 }, (_, i) => `u${i}`).join(',')] })).toBe('userIds');
  });

  it('says where the next page is, as a cursor and as a relative link with the same filters', () => {
    expect(pagingInfo(3, null, false, [])).toEqual({ size: 3, lastPage: true });
    const info = pagingInfo(2, 'c_1', true, [['categories', 'Authentication'], ['search', 'a b']]);
    expect(info).toEqual({ size: 2, lastPage: false, nextPageCursor: { cursor: 'c_1' }, nextPageLink: '?categories=Authentication&search=a+b&pageCursor=c_1', scanLimitReached: true });
  });
});
