/** The audit-log link format: what the Alerts tab writes, and how the page reads a location anyone can craft. */
import { alertEventsFilters, AUDIT_LINK_MAX_LENGTH, formatAuditLink, NO_LINK_FILTERS, parseAuditLink } from '../../src/shared/audit-link';

const TOKEN = '0b6f2a4e-6a3c-4c51-9a43-2f7b8a1d9e10';
const at = (search: string, pathname = '/events') => parseAuditLink({ pathname, search });

describe('audit-log links', () => {
  it("an alert's link names its token, its signal's action and its UTC day, and reads back the same", () => {
    const filters = alertEventsFilters({ tokenId: TOKEN, signal: 'failureBurst', day: '2026-11-20' });
    const path = formatAuditLink(filters);
    expect(path).toBe(`/events?v=1&object=${TOKEN}&action=failureBurst&from=2026-11-20T00%3A00%3A00.000Z&to=2026-11-20T23%3A59%3A59.999Z`);
    const [pathname, search] = path.split('?');
    expect(parseAuditLink({ pathname, search: `?${search}` })).toEqual({
      ...NO_LINK_FILTERS,
      objectType: 'API token',
      objectId: TOKEN,
      actions: ['Burst of failed verifications'],
      from: Date.parse('2026-11-20T00:00:00Z'),
      to: Date.parse('2026-11-20T23:59:59.999Z'),
    });
  });

  it('round-trips every filter it can carry, and an empty filter is the page itself', () => {
    const filters = {
      from: Date.parse('2026-11-01T10:00:00Z'),
      to: Date.parse('2026-11-02T10:00:00Z'),
      categories: ['Security alerts', 'Authentication'],
      actions: ['Token revoked'],
      author: 'local-admin',
      objectType: 'user',
      objectId: 'alice',
      text: 'deploy key',
    };
    expect(at(formatAuditLink(filters).split('?')[1])).toEqual(filters);
    expect(formatAuditLink(NO_LINK_FILTERS)).toBe('/');
    expect(parseAuditLink({ pathname: '/', search: '' })).toEqual(NO_LINK_FILTERS);
  });

  it('leaves out of a link what a reader would drop: an author typed as a name, an id with markup', () => {
    expect(formatAuditLink({ author: 'Nobody Here', objectId: '<b>x</b>', text: 'key' })).toBe('/events?v=1&q=key');
  });

  it('reads the query when the platform hands it over inside the path', () => {
    expect(parseAuditLink({ pathname: `/events?object=${TOKEN}` }).objectId).toBe(TOKEN);
  });

  it('ignores unknown keys and keeps the known ones', () => {
    expect(at(`?object=${TOKEN}&utm_source=mail&__proto__=x&constructor=y&redirect=https://evil.example`)).toEqual({ ...NO_LINK_FILTERS, objectId: TOKEN });
  });

  it('drops a malformed value alone: bad dates, unknown actions and categories, ids with markup', () => {
    const filters = at(
      `?object=${TOKEN}&from=yesterday&to=2026-13-45&action=tokenRevoked&action=dropTables&category=Nope&category=Settings&author=<img src=x onerror=alert(1)>`,
    );
    expect(filters).toEqual({ ...NO_LINK_FILTERS, objectId: TOKEN, actions: ['Token revoked'], categories: ['Settings'] });
  });

  it('drops script text as an id, and keeps it only as plain search text (the page renders text, never HTML)', () => {
    expect(at('?object=<script>alert(1)</script>').objectId).toBe('');
    expect(at(`?q=${encodeURIComponent('<script>alert(1)</script>')}`).text).toBe('<script>alert(1)</script>');
    expect(at(`?q=${encodeURIComponent('a\u0000b')}`).text).toBe('');
  });

  it('drops a single-valued key given twice (ambiguous), and repeated list entries count once', () => {
    expect(at(`?object=${TOKEN}&object=other&from=2026-11-01&from=2026-11-02&action=tokenRevoked&action=tokenRevoked`)).toEqual({
      ...NO_LINK_FILTERS,
      actions: ['Token revoked'],
    });
  });

  it('bounds lengths: a huge value is dropped, a huge location is ignored whole, long lists are cut', () => {
    expect(at(`?object=${'a'.repeat(129)}`).objectId).toBe('');
    expect(at(`?q=${'a'.repeat(501)}`).text).toBe('');
    expect(at(`?object=${TOKEN}&pad=${'x'.repeat(AUDIT_LINK_MAX_LENGTH)}`)).toEqual(NO_LINK_FILTERS);
    expect(at(`?${Array.from({ length: 100 }, () => 'category=Settings').join('&')}`).categories).toEqual(['Settings']);
  });

  it('gives no filter for another path or another version, and drops a range that ends before it starts', () => {
    expect(at(`?object=${TOKEN}`, '/settings')).toEqual(NO_LINK_FILTERS);
    expect(at(`?v=2&object=${TOKEN}`)).toEqual(NO_LINK_FILTERS);
    expect(at(`?object=${TOKEN}&from=2026-11-02&to=2026-11-01`)).toEqual({ ...NO_LINK_FILTERS, objectId: TOKEN });
  });

  it.each([[undefined], [null], [{}], [{ pathname: 42, search: ['x'] }]])('never throws on a location that is not one: %p', (location) => {
    expect(parseAuditLink(location as never)).toEqual(NO_LINK_FILTERS);
  });
});
