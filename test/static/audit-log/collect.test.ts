import type { AuditEvent } from '../../../src/domain/audit/model';
import type { AuditSearchData, AuditSearchPayload } from '../../../src/shared/resolvers';
import type { ResolverResult } from '../../../src/shared/result';
import { collectEvents, EXPORT_PAGE_SIZE, type ExportProgress } from '../../../static/audit-log/src/export/collect';

const event = (index: number): AuditEvent => ({
  id: `e${index}`,
  timestamp: new Date(Date.UTC(2026, 10, 22) - index * 1000).toISOString(),
  author: { id: 'local-admin', name: 'Local Admin', type: 'user' },
  type: { category: 'Token management', action: 'Token created', categoryI18nKey: 'c', actionI18nKey: 'a' },
  affectedObjects: [],
  changedValues: [],
  extraAttributes: [],
  source: null,
  method: 'Admin page',
  system: 'https://local.atlassian.net',
});

/** An in-memory audit/search over `count` events: position cursors, as the resolver pages. */
function pagedSearch(count: number): { search: (payload: AuditSearchPayload) => Promise<ResolverResult<AuditSearchData>>; sent: AuditSearchPayload[] } {
  const events = Array.from({ length: count }, (_, index) => event(index));
  const sent: AuditSearchPayload[] = [];
  return {
    sent,
    search: async (payload) => {
      sent.push(payload);
      const start = payload.cursor === undefined ? 0 : Number(payload.cursor);
      const limit = payload.limit ?? 50;
      const end = start + limit;
      return { ok: true, data: { entities: events.slice(start, end), cursor: end < events.length ? String(end) : null } };
    },
  };
}

describe('collectEvents', () => {
  it('pages with the previous cursor until the last page, keeping the filter and using the largest page size', async () => {
    const { search, sent } = pagedSearch(450);
    const progress: ExportProgress[] = [];
    const outcome = await collectEvents({
      query: { categories: ['Token management'], limit: 50, cursor: 'stale' },
      search,
      signal: new AbortController().signal,
      onProgress: (step) => progress.push(step),
    });
    expect(outcome.status).toBe('done');
    expect(outcome.status === 'done' && outcome.events.map((item) => item.id)).toEqual(Array.from({ length: 450 }, (_, index) => `e${index}`));
    expect(sent).toEqual([
      { categories: ['Token management'], limit: EXPORT_PAGE_SIZE },
      { categories: ['Token management'], limit: EXPORT_PAGE_SIZE, cursor: '200' },
      { categories: ['Token management'], limit: EXPORT_PAGE_SIZE, cursor: '400' },
    ]);
    expect(progress).toEqual([
      { events: 200, pages: 1 },
      { events: 400, pages: 2 },
      { events: 450, pages: 3 },
    ]);
  });

  it('sends no further page once cancelled, and drops the page that was in flight', async () => {
    const { search, sent } = pagedSearch(1000);
    const controller = new AbortController();
    const outcome = await collectEvents({
      query: {},
      search: async (payload) => {
        const answer = await search(payload);
        if (sent.length === 2) controller.abort();
        return answer;
      },
      signal: controller.signal,
      onProgress: () => undefined,
    });
    expect(sent).toHaveLength(2);
    expect(outcome).toEqual({ status: 'cancelled', progress: { events: 200, pages: 1 } });
  });

  it('stops at the first failed page and reports how far it got', async () => {
    const { search } = pagedSearch(500);
    let calls = 0;
    const outcome = await collectEvents({
      query: {},
      search: async (payload) => (++calls === 2 ? { ok: false, error: { code: 'UNAVAILABLE', message: 'Storage is down' } } : search(payload)),
      signal: new AbortController().signal,
      onProgress: () => undefined,
    });
    expect(outcome).toEqual({ status: 'failed', error: { code: 'UNAVAILABLE', message: 'Storage is down' }, progress: { events: 200, pages: 1 } });
  });

  it('ends instead of looping when a page hands back the cursor it was given', async () => {
    let calls = 0;
    const outcome = await collectEvents({
      query: {},
      search: async () => {
        calls += 1;
        return { ok: true, data: { entities: [event(calls)], cursor: 'same' } };
      },
      signal: new AbortController().signal,
      onProgress: () => undefined,
    });
    expect(outcome.status).toBe('failed');
    expect(calls).toBe(2);
  });
});
