/**
 * The audit-events web trigger (docs/audit-events.md): Atlassian Audit's /rest/auditing/1.0/events
 * parameters and `{entities, pagingInfo}` answer, over HTTP, for `audit-read` tokens only.
 */
import type { AuditEvent } from '../../src/domain/audit/model';
import { seedAuditRows } from '../support/audit-seed';
import { useHost, type WebTriggerReply } from '../support/host';
import { searchAll, syntheticRows } from './support/audit';
import { changeSettings, createToken } from './support/verification';

const host = useHost();

let auditToken: string;
let otherToken: string;

beforeAll(async () => {
  jest.spyOn(console, 'info').mockImplementation(() => undefined);
  auditToken = (await createToken(host, { ownerAccountId: 'local-admin', scope: 'audit-read', description: 'SIEM pull' })).secret;
  otherToken = (await createToken(host, { ownerAccountId: 'alice', scope: 'read-write', description: 'Automation' })).secret;
  await seedAuditRows(syntheticRows(450, { now: Date.now(), prefix: 'pull' }));
});

afterAll(async () => {
  jest.restoreAllMocks();
});

function pull(query: Record<string, string> = {}, token: string | null = auditToken, method = 'GET'): Promise<WebTriggerReply> {
  return host.webtrigger('audit-events', { method, headers: token ? { authorization: `Bearer ${token}` } : {}, query });
}

interface PullPage {
  entities: AuditEvent[];
  pagingInfo: { size: number; lastPage: boolean; nextPageCursor?: { cursor: string }; nextPageLink?: string; nextPageOffset: number };
}

async function pullAll(query: Record<string, string>): Promise<{ events: AuditEvent[]; pages: number }> {
  const events: AuditEvent[] = [];
  let cursor: string | undefined;
  for (let pages = 1; pages < 100; pages += 1) {
    const reply = await pull({ ...query, ...(cursor ? { pageCursor: cursor } : {}) });
    expect(reply.status).toBe(200);
    const page = reply.json<PullPage>();
    expect(page.pagingInfo.size).toBe(page.entities.length);
    events.push(...page.entities);
    if (page.pagingInfo.lastPage) {
      expect(page.pagingInfo.nextPageCursor).toBeUndefined();
      return { events, pages };
    }
    cursor = page.pagingInfo.nextPageCursor?.cursor;
    expect(cursor).toEqual(expect.any(String));
  }
  throw new Error('paging did not end');
}

describe('audit-events pull API', () => {
  it('pages through every event with pageCursor, newest first, without repeats', async () => {
    const { events, pages } = await pullAll({ limit: '100' });
    expect(pages).toBeGreaterThanOrEqual(5);
    expect(new Set(events.map((e) => e.id)).size).toBe(events.length);
    const times = events.map((e) => Date.parse(e.timestamp));
    expect(times).toEqual([...times].sort((a, b) => b - a));
    const viaResolver = await searchAll(host, {});
    expect(events.map((e) => e.id)).toEqual(viaResolver.map((e) => e.id));
  });

  it('answers in the published shape of /rest/auditing/1.0/events, with an absolute nextPageLink that repeats the filters', async () => {
    const reply = await pull({ limit: '5', categories: 'Authentication' });
    expect(reply.headers['content-type']).toContain('application/json');
    const page = reply.json<PullPage>();
    expect(Object.keys(page).sort()).toEqual(['entities', 'pagingInfo']);
    expect(page.pagingInfo).toMatchObject({ size: 5, lastPage: false, nextPageCursor: { cursor: expect.any(String) }, nextPageOffset: 5 });
    const link = new URL(page.pagingInfo.nextPageLink ?? '');
    expect(link.pathname).toMatch(/^\/x1\//);
    expect(Object.fromEntries(link.searchParams)).toEqual({ limit: '5', categories: 'Authentication', pageCursor: page.pagingInfo.nextPageCursor?.cursor });
    for (const entity of page.entities as unknown as Array<Record<string, unknown>>) {
      expect(Object.keys(entity).sort()).toEqual(['affectedObjects', 'author', 'changedValues', 'extraAttributes', 'id', 'method', 'node', 'source', 'system', 'timestamp', 'type']);
      expect(entity).toMatchObject({ node: expect.any(String), source: expect.any(String), author: { uri: expect.any(String), avatarUri: expect.any(String) } });
      const author = entity.author as { id: string; name: string };
      expect(author.name).toBe(author.id);
      for (const object of entity.affectedObjects as Array<Record<string, unknown>>) expect(object.uri).toEqual(expect.any(String));
      for (const change of entity.changedValues as Array<Record<string, unknown>>) expect(change).toMatchObject({ from: expect.any(String), to: expect.any(String) });
    }
    // Following the link as given reaches the second page.
    const second = await host.webtrigger('audit-events', { method: 'GET', headers: { authorization: `Bearer ${auditToken}` }, query: Object.fromEntries(link.searchParams) });
    expect(second.json<PullPage>().pagingInfo).toMatchObject({ size: 5, nextPageOffset: 10 });
  });

  it('serves offset within one page and refuses deeper offsets with the published error array', async () => {
    const all = (await pull({ limit: '30' })).json<PullPage>().entities.map((e) => e.id);
    const shifted = (await pull({ limit: '10', offset: '20' })).json<PullPage>();
    expect(shifted.entities.map((e) => e.id)).toEqual(all.slice(20, 30));
    expect(shifted.pagingInfo.nextPageOffset).toBe(30);
    const next = (await pull({ limit: '10', pageCursor: shifted.pagingInfo.nextPageCursor?.cursor ?? '' })).json<PullPage>();
    expect(next.pagingInfo.nextPageOffset).toBe(40);
    expect((await pull({ limit: '10', offset: '0', outputFormat: 'json' })).status).toBe(200);
    const deep = await pull({ offset: '1000' });
    expect(deep.status).toBe(400);
    expect(deep.json()).toEqual([{ status: 400, code: 'BAD_REQUEST', message: expect.stringContaining('pageCursor'), errors: [{ key: 'offset', message: expect.any(String) }], timestamp: expect.any(String) }]);
    expect((await pull({ outputFormat: 'xml' })).json()).toMatchObject([{ errors: [{ key: 'outputFormat' }] }]);
  });

  it('pages with pageCursor in the documented timestamp,ID form, continuing after that event', async () => {
    const all = (await pullAll({})).events;
    const at = all[57];
    for (const stamp of [String(Date.parse(at.timestamp)), at.timestamp]) {
      const page = (await pull({ limit: '20', pageCursor: `${stamp},${at.id}` })).json<PullPage>();
      expect(page.entities.map((e) => e.id)).toEqual(all.slice(58, 78).map((e) => e.id));
      const next = (await pull({ limit: '20', pageCursor: page.pagingInfo.nextPageCursor?.cursor ?? '' })).json<PullPage>();
      expect(next.entities.map((e) => e.id)).toEqual(all.slice(78, 98).map((e) => e.id));
    }
  });

  it('filters by categories, actions, userIds and affectedObject in Atlassian formats', async () => {
    const byCategories = await pullAll({ categories: 'Authentication,App API calls' });
    expect(byCategories.events.length).toBeGreaterThan(0);
    expect(byCategories.events.every((e) => ['Authentication', 'App API calls'].includes(e.type.category))).toBe(true);
    const byUser = await pullAll({ userIds: 'alice,carol', actions: 'Token created,Permission denied' });
    expect(new Set(byUser.events.map((e) => `${e.author.id} ${e.type.action}`))).toEqual(new Set(['alice Token created', 'carol Permission denied']));
    const byObject = await pullAll({ affectedObject: 'API token,tok-3;API token,tok-4' });
    expect(byObject.events.length).toBe(Array.from({ length: 450 }, (_, i) => i % 17).filter((t) => t === 3 || t === 4).length);
    expect(byObject.events.every((e) => ['tok-3', 'tok-4'].includes(e.affectedObjects[0].id))).toBe(true);
    const byText = await pullAll({ search: 'SYN-44' });
    expect(byText.events.map((e) => e.id).sort()).toEqual(['pull-0000044', ...Array.from({ length: 10 }, (_, i) => `pull-000044${i}`)].sort());
  });

  it('refuses a request without a token (401) and a token without the audit-read scope (403)', async () => {
    const missing = await pull({}, null);
    expect(missing.status).toBe(401);
    expect(missing.headers['www-authenticate']).toBe('Bearer');
    const wrongScope = await pull({}, otherToken);
    expect(wrongScope.status).toBe(403);
    expect(wrongScope.json()).toMatchObject({ code: 'SCOPE_DENIED' });
    expect(wrongScope.body).not.toContain('entities');
    expect((await pull({}, 'not-a-token')).status).toBe(401);
  });

  it('answers 400 with a message for bad parameters', async () => {
    const cases: Array<[Record<string, string>, string]> = [
      [{ foo: 'bar' }, 'foo'],
      [{ offset: '200' }, 'offset'],
      [{ outputFormat: 'csv' }, 'outputFormat'],
      [{ from: 'yesterday' }, 'from'],
      [{ limit: '0' }, 'limit'],
      [{ limit: '201' }, 'limit'],
      [{ limit: 'ten' }, 'limit'],
      [{ scanLimit: '10001' }, 'scanLimit'],
      [{ pageCursor: 'bogus' }, 'pageCursor'],
      [{ categories: 'Nope' }, 'categories'],
      [{ affectedObject: 'tok-3' }, 'affectedObject'],
    ];
    for (const [query, key] of cases) {
      const reply = await pull(query);
      expect({ query, status: reply.status }).toEqual({ query, status: 400 });
      expect(reply.json()).toMatchObject([{ status: 400, errors: [{ key, message: expect.any(String) }], message: expect.any(String), timestamp: expect.any(String) }]);
    }
  });

  it('refuses a cursor of another filter', async () => {
    const first = (await pull({ limit: '3', categories: 'Authentication' })).json<PullPage>();
    const reply = await pull({ limit: '3', categories: 'Settings', pageCursor: first.pagingInfo.nextPageCursor?.cursor ?? '' });
    expect(reply.status).toBe(400);
    expect(reply.json()).toMatchObject([{ errors: [{ key: 'pageCursor' }] }]);
  });

  it('says when the site-wide IP allowlist refused a direct pull', async () => {
    await changeSettings(host, (s) => ({ ...s, policies: { ...s.policies, systemIpAllowlist: ['10.0.0.0/8'] } }));
    try {
      const reply = await pull({});
      expect(reply.status).toBe(403);
      expect(reply.json()).toMatchObject({ code: 'IP_NOT_ALLOWED', message: expect.stringContaining('system-wide IP allowlist') });
    } finally {
      await changeSettings(host, (s) => ({ ...s, policies: { ...s.policies, systemIpAllowlist: [] } }));
    }
  });

  it('answers only GET', async () => {
    const reply = await pull({}, auditToken, 'POST');
    expect(reply.status).toBe(405);
    expect(reply.headers.allow).toBe('GET');
  });
});
