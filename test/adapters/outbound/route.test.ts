import { buildRoute, pathWithoutQueryValues } from '../../../src/adapters/outbound/route';

describe('outbound routes', () => {
  it('fills and URL-encodes query placeholders', () => {
    const { route } = buildRoute('/rest/api/3/user/search?query={query}&maxResults={maxResults}', { query: 'ann & bob', maxResults: 20 });
    expect(route.value).toBe('/rest/api/3/user/search?query=ann%20%26%20bob&maxResults=20');
  });

  it('fills a whole query from URLSearchParams', () => {
    const query = new URLSearchParams([['accountId', 'a1'], ['accountId', 'a2'], ['maxResults', '2']]);
    expect(buildRoute('/rest/api/3/user/bulk?{query}', { query }).route.value).toBe('/rest/api/3/user/bulk?accountId=a1&accountId=a2&maxResults=2');
  });

  it('records the path without query values, which can be personal', () => {
    const { recordedPath } = buildRoute('/rest/api/3/user/search?query={query}&maxResults={maxResults}', { query: 'Alice Smith', maxResults: 5 });
    expect(recordedPath).toBe('/rest/api/3/user/search?query&maxResults');
    expect(recordedPath).not.toContain('Alice');
    expect(pathWithoutQueryValues('/rest/api/3/user/bulk?accountId=a1&accountId=a2')).toBe('/rest/api/3/user/bulk?accountId');
    expect(pathWithoutQueryValues('/rest/api/3/permissions/check')).toBe('/rest/api/3/permissions/check');
  });

  it('refuses a missing or an unexpected parameter', () => {
    expect(() => buildRoute('/rest/api/3/user/groups?accountId={accountId}', {})).toThrow(/needs parameter accountId/);
    expect(() => buildRoute('/rest/api/3/user/groups?accountId={accountId}', { accountId: 'a', extra: 'b' })).toThrow(/no parameter extra/);
  });

  it('refuses path manipulation in a path parameter', () => {
    expect(() => buildRoute('/rest/api/3/user/{id}/x', { id: '../../admin' })).toThrow(/path manipulation/);
  });
});
