import fc from 'fast-check';
import { AUDIT_ACTIONS, type AuditActionId } from '../../../src/domain/audit/model';
import { planSearch } from '../../../src/domain/audit/plan';
import { normalizeQuery, type AuditQueryInput } from '../../../src/domain/audit/query';
import { DAY_MS, retentionCutoffs } from '../../../src/domain/audit/retention';
import type { AuditEventRow } from '../../../src/domain/audit/row';
import { searchAuditEvents, type AuditSearchArgs } from '../../../src/domain/audit/search-service';
import { DEFAULT_SETTINGS, type RetentionSettings } from '../../../src/domain/settings/model';
import { row, T0, tokenObject, userObject } from '../../fakes/audit-events';
import { FakeAuditStore } from '../../fakes/audit-store';

const NOW = T0 + DAY_MS;
const RETENTION = DEFAULT_SETTINGS.retention;

async function search(store: FakeAuditStore, input: AuditQueryInput, extra: Partial<AuditSearchArgs> = {}) {
  const outcome = await searchAuditEvents(store, { input, retention: RETENTION, now: NOW, ...extra });
  if (!outcome.ok) throw new Error(`${outcome.issue.field}: ${outcome.issue.message}`);
  return outcome;
}

/** Every page until the cursor runs out; fails the test if paging does not end. */
async function allPages(store: FakeAuditStore, input: AuditQueryInput, extra: Partial<AuditSearchArgs> = {}): Promise<{ ids: string[]; pages: number }> {
  const ids: string[] = [];
  let cursor: string | null = null;
  for (let pages = 1; pages < 5000; pages += 1) {
    const page = await search(store, input, { ...extra, cursor });
    ids.push(...page.events.map((e) => e.id));
    if (!page.cursor) return { ids, pages };
    cursor = page.cursor;
  }
  throw new Error('paging did not end');
}

const ACTIONS: AuditActionId[] = ['authSucceeded', 'authFailed', 'tokenCreated', 'tokenRevoked', 'permissionDenied', 'appApiCall'];
const AUTHORS = ['alice', 'bob', 'carol'];
const TOKENS = ['t1', 't2', 't3', 't4'];

/** A store of `count` events spread over the last ~20 hours, cycling through actions, authors and tokens. */
function seeded(count: number): FakeAuditStore {
  const store = new FakeAuditStore();
  for (let i = 0; i < count; i += 1) {
    const token = TOKENS[i % TOKENS.length];
    store.put(
      row({
        id: `e${String(i).padStart(6, '0')}`,
        at: NOW - 1000 - i * 30_000,
        action: ACTIONS[i % ACTIONS.length],
        author: AUTHORS[i % AUTHORS.length],
        objects: [tokenObject(token, `deploy bot ${token}`), userObject(AUTHORS[(i + 1) % AUTHORS.length])],
        attributes: [{ name: 'Request path', value: `/rest/api/3/issue/P-${i}` }],
      }),
    );
  }
  return store;
}

describe('audit search plan', () => {
  const plan = (input: AuditQueryInput) => {
    const normalized = normalizeQuery(input);
    if (!normalized.ok) throw new Error(normalized.issue.message);
    return planSearch(normalized.query, retentionCutoffs(RETENTION, NOW));
  };

  it('uses the most selective index given: affected object > author > action > category > time', () => {
    const all = { affectedObjects: [{ type: 'API token', id: 't1' }], authors: ['alice'], actions: ['Token created'], categories: ['Token management'] };
    expect(plan(all).streams.map((s) => s.index)).toEqual(['object', 'object2']);
    expect(plan({ ...all, affectedObjects: [] }).streams.map((s) => s.index)).toEqual(['author']);
    expect(plan({ actions: ['Token created'], categories: ['Token management'] }).streams.map((s) => s.index)).toEqual(['action']);
    expect(plan({ categories: ['Token management'] }).streams.map((s) => s.index)).toEqual(['category']);
    expect(plan({ search: 'deploy' }).streams.map((s) => s.index)).toEqual(['time']);
  });

  it('sends the filters the index does not answer as entity-query filters', () => {
    const p = plan({ authors: ['alice'], categories: ['Authentication'], search: 'Deploy BOT' });
    expect(p.streams).toEqual([{ index: 'author', partition: 'alice', categories: ['Authentication'] }]);
    expect(p.filters).toEqual([
      { property: 'category', condition: 'EQUAL_TO', value: 'Authentication' },
      { property: 'searchText', condition: 'CONTAINS', value: 'deploy' },
      { property: 'searchText', condition: 'CONTAINS', value: 'bot' },
    ]);
    expect(p.exact).toBe(false);
  });

  it('merges one stream per value of the chosen filter', () => {
    expect(plan({ authors: ['alice', 'bob'] }).streams.map((s) => s.partition)).toEqual(['alice', 'bob']);
    expect(plan({ categories: ['Settings', 'Authentication'] }).exact).toBe(true);
  });
});

describe('audit search', () => {
  it('pages newest first through exactly the matching events, without repeats, for any filters, ties and page sizes', async () => {
    const arbEvent = fc.record({
      at: fc.integer({ min: 0, max: 40 }).map((step) => NOW - 1000 - step * (DAY_MS / 2)),
      action: fc.constantFrom(...ACTIONS),
      author: fc.constantFrom(...AUTHORS),
      token: fc.constantFrom(...TOKENS),
      owner: fc.constantFrom(...AUTHORS),
      word: fc.constantFrom('alpha', 'beta', 'gamma'),
    });
    const arbInput: fc.Arbitrary<AuditQueryInput> = fc.record(
      {
        categories: fc.subarray(['Authentication', 'Token management', 'App API calls'], { minLength: 1 }),
        actions: fc.subarray(ACTIONS.map((id) => AUDIT_ACTIONS[id].action), { minLength: 1, maxLength: 3 }),
        authors: fc.subarray(AUTHORS, { minLength: 1 }),
        affectedObjects: fc.subarray([{ type: 'API token', id: 't1' }, { type: 'user', id: 'bob' }, { type: 'API token', id: 't3' }], { minLength: 1 }),
        search: fc.constantFrom('alpha', 'beta gamma', 'token'),
        from: fc.integer({ min: 1, max: 25 }).map((days) => new Date(NOW - days * DAY_MS).toISOString()),
      },
      { requiredKeys: [] },
    );
    await fc.assert(
      fc.asyncProperty(
        fc.array(arbEvent, { maxLength: 90 }),
        arbInput,
        fc.integer({ min: 1, max: 30 }),
        fc.constantFrom(1, 7, 100, 10_000),
        fc.record({ defaultDays: fc.integer({ min: 5, max: 30 }), auth: fc.option(fc.integer({ min: 1, max: 30 })), tokens: fc.option(fc.integer({ min: 1, max: 30 })) }),
        async (specs, input, limit, scanLimit, days) => {
          const retention: RetentionSettings = {
            defaultDays: days.defaultDays,
            perCategoryDays: { ...(days.auth ? { Authentication: days.auth } : {}), ...(days.tokens ? { 'Token management': days.tokens } : {}) },
          };
          const store = new FakeAuditStore();
          const rows: AuditEventRow[] = specs.map((s, i) =>
            row({
              id: `e${i}`,
              at: s.at,
              action: s.action,
              author: s.author,
              objects: [tokenObject(s.token), userObject(s.owner)],
              attributes: [{ name: 'Note', value: s.word }],
            }),
          );
          rows.forEach((r) => store.put(r));
          const normalized = normalizeQuery(input);
          if (!normalized.ok) throw new Error(normalized.issue.message);
          const matches = planSearch(normalized.query, retentionCutoffs(retention, NOW)).matches;
          const expected = rows
            .filter((r) => matches(r))
            .sort((a, b) => b.ts - a.ts || (a.event.id < b.event.id ? 1 : -1))
            .map((r) => r.event.id);
          const { ids } = await allPages(store, input, { limit, scanLimit, retention });
          expect(ids).toEqual(expected);
          // The in-memory check is only a second line: retention itself must hold.
          const cutoffs = retentionCutoffs(retention, NOW);
          expect(ids.every((id) => { const r = rows.find((x) => x.event.id === id) as AuditEventRow; return r.ts >= cutoffs[r.category]; })).toBe(true);
        },
      ),
      { numRuns: 400 },
    );
  });

  it('makes the same storage calls per page at 200 and at 2,200 stored events, for every kind of filter', async () => {
    const small = seeded(200);
    const large = seeded(2200);
    const inputs: AuditQueryInput[] = [
      {},
      { categories: ['Authentication'] },
      { authors: ['bob'] },
      { actions: ['Token created'] },
      { affectedObjects: [{ type: 'API token', id: 't2' }] },
      { authors: ['bob'], categories: ['Authentication'] },
      { search: 'deploy bot' },
    ];
    for (const input of inputs) {
      const counts = [];
      for (const store of [small, large]) {
        store.resetCalls();
        const page = await search(store, input, { limit: 20 });
        counts.push({ calls: store.calls.query, size: page.events.length });
      }
      expect({ input, calls: counts[1].calls, size: counts[1].size }).toEqual({ input, calls: counts[0].calls, size: counts[0].size });
    }
  });

  it('reads at most two storage pages of 100 for a 200-event page of one index', async () => {
    const store = seeded(1000);
    const page = await search(store, {}, { limit: 200 });
    expect(page.events).toHaveLength(200);
    expect(store.calls.query).toBe(2);
    expect(store.queries.every((q) => q.limit <= 100)).toBe(true);
  });

  it('counts the matches beyond a page of one index partition with one more read of at most 100, exact below 100', async () => {
    const store = seeded(300);
    const byBob = (await allPages(store, { authors: ['bob'] })).ids;
    store.resetCalls();
    const first = await search(store, { authors: ['bob'] }, { limit: 20, countBeyond: true });
    expect(first.beyond).toEqual({ count: 80, atLeast: false });
    expect(byBob).toHaveLength(100);
    const withCount = store.calls.query;
    store.resetCalls();
    await search(store, { authors: ['bob'] }, { limit: 20 });
    expect(withCount).toBe(store.calls.query + 1);

    // The count does not move the next page: it starts right after the first.
    const second = await search(store, { authors: ['bob'] }, { limit: 20, cursor: first.cursor, countBeyond: true });
    expect(second.events.map((e) => e.id)).toEqual(byBob.slice(20, 40));
    expect(second.beyond).toEqual({ count: 60, atLeast: false });
  });

  it('says "at least 100" when more than one read can count, and 0 on the last page', async () => {
    const store = seeded(2200);
    expect((await search(store, {}, { limit: 50, countBeyond: true })).beyond).toEqual({ count: 100, atLeast: true });
    expect((await search(store, { categories: ['Authentication'] }, { limit: 50, countBeyond: true })).beyond).toEqual({ count: 100, atLeast: true });
    expect((await search(seeded(30), {}, { limit: 50, countBeyond: true })).beyond).toEqual({ count: 0, atLeast: false });
  });

  it('does not count where storage would have to read every match: filters, several partitions, affected objects', async () => {
    const store = seeded(300);
    for (const input of [{ authors: ['bob'], categories: ['Authentication'] }, { authors: ['bob', 'alice'] }, { affectedObjects: [{ type: 'API token', id: 't2' }] }, { search: 'deploy' }]) {
      store.resetCalls();
      const page = await search(store, input, { limit: 5, countBeyond: true });
      const calls = store.calls.query;
      store.resetCalls();
      await search(store, input, { limit: 5 });
      expect({ input, beyond: page.beyond, extraCalls: calls - store.calls.query }).toEqual({ input, beyond: undefined, extraCalls: 0 });
    }
  });

  it('stops a free-text scan at the scan limit, says so, and continues from there on the next page', async () => {
    const store = seeded(600);
    store.put(row({ id: 'needle', at: NOW - 1000 - 599 * 30_000 - 500, attributes: [{ name: 'Request path', value: '/rest/api/3/rare' }] }));
    const first = await search(store, { search: '/rare' }, { scanLimit: 300 });
    expect(first.events).toEqual([]);
    expect(first.scanLimitReached).toBe(true);
    expect(store.calls.query).toBe(3);
    expect(first.cursor).not.toBeNull();
    const { ids } = await allPages(store, { search: '/rare' }, { scanLimit: 300 });
    expect(ids).toEqual(['needle']);
  });

  it('never returns events past retention, and does not read expired categories in the slice where they expired', async () => {
    const retention: RetentionSettings = { defaultDays: 180, perCategoryDays: { Authentication: 30 } };
    const store = new FakeAuditStore();
    const ago = (days: number) => NOW - days * DAY_MS;
    store.put(row({ id: 'auth-10d', at: ago(10), action: 'authSucceeded' }));
    store.put(row({ id: 'auth-60d', at: ago(60), action: 'authFailed' }));
    store.put(row({ id: 'token-60d', at: ago(60), action: 'tokenCreated' }));
    store.put(row({ id: 'token-200d', at: ago(200), action: 'tokenCreated' }));
    const { ids } = await allPages(store, {}, { retention });
    expect(ids).toEqual(['auth-10d', 'token-60d']);
    const older = store.queries.find((q) => q.hi < ago(30));
    expect(older?.filters).toContainEqual({ property: 'category', condition: 'NOT_EQUAL_TO', value: 'Authentication' });
    expect(store.queries.every((q) => q.lo >= ago(180))).toBe(true);
    const byCategory = await allPages(store, { categories: ['Authentication'], from: new Date(ago(365)).toISOString() }, { retention });
    expect(byCategory.ids).toEqual(['auth-10d']);
  });

  it('refuses a cursor from a search with other filters, and a cursor that is not one', async () => {
    const store = seeded(50);
    const first = await search(store, { categories: ['Authentication'] }, { limit: 5 });
    const other = await searchAuditEvents(store, { input: { categories: ['Settings'] }, cursor: first.cursor, retention: RETENTION, now: NOW });
    expect(other).toEqual({ ok: false, issue: { field: 'cursor', message: expect.stringContaining('other filters') } });
    for (const bad of ['not-a-cursor!', 'eyJ2IjoyfQ', 'x'.repeat(10)]) {
      const result = await searchAuditEvents(store, { input: {}, cursor: bad, retention: RETENTION, now: NOW });
      expect(result).toEqual({ ok: false, issue: { field: 'cursor', message: 'The cursor is not valid.' } });
    }
  });

  it('rejects bad input with the field it concerns', async () => {
    const store = new FakeAuditStore();
    const issue = async (input: AuditQueryInput, extra: Partial<AuditSearchArgs> = {}) => {
      const result = await searchAuditEvents(store, { input, retention: RETENTION, now: NOW, ...extra });
      return result.ok ? null : result.issue.field;
    };
    expect(await issue({ categories: ['Nope'] })).toBe('categories');
    expect(await issue({ actions: ['Token exploded'] })).toBe('actions');
    expect(await issue({ from: 'yesterday' })).toBe('from');
    expect(await issue({ from: '2026-02-01', to: '2026-01-01' })).toBe('from');
    expect(await issue({}, { limit: 201 })).toBe('limit');
    expect(await issue({}, { scanLimit: 10_001 })).toBe('scanLimit');
    expect(await issue({ search: 'a b c d e f g h i j k' })).toBe('search');
    expect(store.calls.query).toBe(0);
  });

  it('accepts catalog ids and i18n keys for actions and categories', async () => {
    const store = seeded(60);
    const byName = await allPages(store, { actions: ['Token created'] });
    const byId = await allPages(store, { actions: ['tokenCreated'] });
    const byKey = await allPages(store, { actions: ['api-token-audit.action.token.created'], categories: ['api-token-audit.category.token.management'] });
    expect(byName.ids.length).toBe(10);
    expect(byId.ids).toEqual(byName.ids);
    expect(byKey.ids).toEqual(byName.ids);
  });

  it('answers actions outside the chosen categories with nothing, without touching storage', async () => {
    const store = seeded(20);
    const page = await search(store, { actions: ['Token created'], categories: ['Authentication'] });
    expect(page).toMatchObject({ events: [], cursor: null });
    expect(store.calls.query).toBe(0);
  });
});
