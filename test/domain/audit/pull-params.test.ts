import { pagingInfo, parsePullParameters, pullCursor, PULL_DEFAULT_LIMIT } from '../../../src/domain/audit/pull-params';

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
        position: { kind: 'cursor', cursor: 'abc', bound: null, offset: 0 },
        offset: 0,
        echo: expect.arrayContaining([['limit', '25'], ['search', 'nightly export']]),
      },
    });
  });

  it('defaults to the largest page and no filters', () => {
    expect(parsePullParameters(undefined)).toMatchObject({ ok: true, request: { limit: PULL_DEFAULT_LIMIT, cursor: null, scanLimit: undefined } });
  });

  it('refuses unknown, repeated, out-of-range and not constant-cost parameters by name', () => {
    const field = (raw: Record<string, string[]>) => {
      const parsed = parsePullParameters(raw);
      return parsed.ok ? null : parsed.issue.field;
    };
    expect(field({ outputFormat: ['csv'] })).toBe('outputFormat');
    expect(field({ outputFormat: ['json'] })).toBeNull();
    expect(field({ offset: ['0'] })).toBeNull();
    expect(field({ offset: ['150'], limit: ['50'] })).toBeNull();
    expect(field({ offset: ['151'], limit: ['50'] })).toBe('offset');
    expect(field({ offset: ['1'] })).toBe('offset');
    expect(field({ offset: ['5'], limit: ['5'], pageCursor: ['abc'] })).toBe('offset');
    expect(field({ offset: ['-1'] })).toBe('offset');
    expect(field({ bogus: ['1'] })).toBe('bogus');
    expect(field({ limit: ['1', '2'] })).toBe('limit');
    expect(field({ limit: ['0'] })).toBe('limit');
    expect(field({ limit: ['1e2'] })).toBe('limit');
    expect(field({ scanLimit: ['-5'] })).toBe('scanLimit');
    expect(field({ affectedObject: ['tok-3'] })).toBe('affectedObject');
    expect(field({ userIds: [Array.from({ length: 21 }, (_, i) => `u${i}`).join(',')] })).toBe('userIds');
  });

  it('reads pageCursor in the documented timestamp,ID form (epoch ms or ISO-8601) and in the form it hands out', () => {
    const position = (cursor: string) => {
      const parsed = parsePullParameters({ pageCursor: [cursor] });
      return parsed.ok ? parsed.request.position : parsed.issue;
    };
    expect(position('1793491200000,3f2a-9c')).toEqual({ kind: 'after', t: 1793491200000, id: '3f2a-9c' });
    expect(position('2026-11-01T00:00:00.000Z,e1')).toEqual({ kind: 'after', t: Date.UTC(2026, 10, 1), id: 'e1' });
    expect(position(pullCursor('eyJ2IjoxfQ', 1793491200000, 400))).toEqual({ kind: 'cursor', cursor: 'eyJ2IjoxfQ', bound: 1793491200000, offset: 400 });
    expect(position(pullCursor('eyJ2IjoxfQ', null, 7))).toEqual({ kind: 'cursor', cursor: 'eyJ2IjoxfQ', bound: null, offset: 7 });
    expect(position('2026-13-45T99:99:99Z,e1')).toMatchObject({ field: 'pageCursor' });
  });

  it('says where the next page is, as a cursor, an offset and an absolute link with the same filters', () => {
    expect(pagingInfo({ size: 3, cursor: null, scanLimitReached: false, echo: [], before: 10 })).toEqual({ size: 3, lastPage: true, nextPageOffset: 13 });
    const info = pagingInfo({ size: 2, cursor: 'c_1', scanLimitReached: true, echo: [['categories', 'Authentication'], ['search', 'a b']], before: 0, baseUrl: 'https://x.example/x1/abc?ignored=1' });
    expect(info).toEqual({
      size: 2,
      lastPage: false,
      nextPageCursor: { cursor: 'c_1' },
      nextPageLink: 'https://x.example/x1/abc?categories=Authentication&search=a+b&pageCursor=c_1',
      nextPageOffset: 2,
      scanLimitReached: true,
    });
  });
});
