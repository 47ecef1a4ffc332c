import { SCAN_LIMIT } from '../../../src/domain/audit/search';
import { fromLocalInputValue, toLocalInputValue } from '../../../static/audit-log/src/filters/datetime';
import {
  DEFAULT_OBJECT_TYPE,
  EMPTY_FILTERS,
  SCAN_DEPTH_OPTIONS,
  authorFieldText,
  typedAuthor,
  filterProblem,
  hasActiveFilters,
  toSearchPayload,
  visibleActions,
  type Filters,
} from '../../../static/audit-log/src/filters/model';

const filters = (overrides: Partial<Filters>): Filters => ({ ...EMPTY_FILTERS, ...overrides });

describe('toSearchPayload', () => {
  it('sends only the page size for an empty filter', () => {
    expect(toSearchPayload(EMPTY_FILTERS, { limit: 50 })).toEqual({ limit: 50 });
    expect(hasActiveFilters(EMPTY_FILTERS)).toBe(false);
  });

  it('maps every filter onto the audit/search field of docs/resolvers.md', () => {
    const from = Date.UTC(2026, 10, 1, 8, 0, 0);
    const to = Date.UTC(2026, 10, 2, 8, 0, 0, 999);
    const payload = toSearchPayload(
      filters({
        from,
        to,
        categories: ['Authentication'],
        actions: ['Token authentication failed', 'Rate limited'],
        author: ' alice ',
        objectType: 'API token',
        objectId: ' tok-1 ',
        text: ' /rest/api ',
      }),
      { limit: 200, cursor: 'c-2' },
    );
    expect(payload).toEqual({
      limit: 200,
      cursor: 'c-2',
      from: '2026-11-01T08:00:00.000Z',
      to: '2026-11-02T08:00:00.999Z',
      categories: ['Authentication'],
      actions: ['Token authentication failed', 'Rate limited'],
      authors: ['alice'],
      affectedObject: { type: 'API token', id: 'tok-1' },
      search: '/rest/api',
    });
  });

  it('leaves out blank text fields and an object type without an id', () => {
    const payload = toSearchPayload(filters({ author: '   ', text: ' ', objectType: 'user', objectId: '  ' }), { limit: 10, cursor: null });
    expect(payload).toEqual({ limit: 10 });
    expect(hasActiveFilters(filters({ objectType: 'user' }))).toBe(false);
    expect(hasActiveFilters(filters({ text: 'x' }))).toBe(true);
  });

  it('sends a chosen scan limit with a text search only, and none for the default depth', () => {
    expect(toSearchPayload(filters({ text: 'deploy', scanLimit: 5_000 }), { limit: 50 })).toEqual({ limit: 50, search: 'deploy', scanLimit: 5_000 });
    expect(toSearchPayload(filters({ text: 'deploy', scanLimit: null }), { limit: 50 })).toEqual({ limit: 50, search: 'deploy' });
    expect(toSearchPayload(filters({ scanLimit: 10_000 }), { limit: 50 })).toEqual({ limit: 50 });
    expect(hasActiveFilters(filters({ scanLimit: 10_000 }))).toBe(false);
    expect(SCAN_DEPTH_OPTIONS.map((option) => option.value ?? SCAN_LIMIT.default)).toEqual([SCAN_LIMIT.default, 5_000, SCAN_LIMIT.max]);
  });

  it('defaults the affected object type to API tokens, the type token producers record', () => {
    expect(DEFAULT_OBJECT_TYPE).toBe('API token');
    expect(toSearchPayload(filters({ objectId: 'tok-9' }), { limit: 1 }).affectedObject).toEqual({ type: 'API token', id: 'tok-9' });
  });

  it('copies the category and action lists so later edits of the filter cannot change a sent payload', () => {
    const state = filters({ categories: ['Settings'] });
    const payload = toSearchPayload(state, { limit: 1 });
    state.categories.push('Authentication');
    expect(payload.categories).toEqual(['Settings']);
  });
});

describe('filterProblem', () => {
  it('refuses a start after the end and accepts open or equal bounds', () => {
    expect(filterProblem(filters({ from: 2, to: 1 }))).toMatch(/before/);
    expect(filterProblem(filters({ from: 1, to: 1 }))).toBeNull();
    expect(filterProblem(filters({ from: 1 }))).toBeNull();
  });
});

describe('visibleActions', () => {
  const actions = [
    { category: 'Token management', action: 'Token created' },
    { category: 'Authentication', action: 'Rate limited' },
    { category: 'Settings', action: 'Audit settings changed' },
  ];

  it('offers every action when no category is chosen', () => {
    expect(visibleActions(actions, { categories: [], actions: [] })).toEqual(actions);
  });

  it('offers the chosen categories’ actions and keeps an already chosen action visible', () => {
    expect(visibleActions(actions, { categories: ['Authentication'], actions: ['Token created'] }).map((entry) => entry.action)).toEqual([
      'Token created',
      'Rate limited',
    ]);
  });
});

describe('datetime-local conversion', () => {
  it('round-trips local time at whole seconds', () => {
    const ms = new Date(2026, 10, 22, 14, 3, 7).getTime();
    expect(toLocalInputValue(ms)).toBe('2026-11-22T14:03:07');
    expect(fromLocalInputValue('2026-11-22T14:03:07')).toBe(ms);
  });

  it('reads minute precision, which browsers send when the seconds are zero', () => {
    expect(fromLocalInputValue('2026-11-22T14:03')).toBe(new Date(2026, 10, 22, 14, 3, 0).getTime());
  });

  it('reads an empty or malformed value as no bound', () => {
    expect(toLocalInputValue(null)).toBe('');
    expect(fromLocalInputValue('')).toBeNull();
    expect(fromLocalInputValue('22/11/2026 14:03')).toBeNull();
  });
});

describe('typedAuthor', () => {
  const known = [
    { id: 'local-admin', name: 'Local Admin' },
    { id: 'alice', name: 'Alice Example' },
    { id: 'app', name: 'app' },
  ];
  it('turns the display name of a loaded author into its account id and name, whatever the case', () => {
    expect(typedAuthor('Local Admin', known)).toEqual({ author: 'local-admin', authorName: 'Local Admin' });
    expect(typedAuthor('  alice example ', known)).toEqual({ author: 'alice', authorName: 'Alice Example' });
  });

  it('keeps an account id as typed, named when a loaded author has it, and text that names nobody loaded as an unnamed id', () => {
    expect(typedAuthor('alice', known)).toEqual({ author: 'alice', authorName: 'Alice Example' });
    expect(typedAuthor('app', known)).toEqual({ author: 'app', authorName: '' });
    expect(typedAuthor('5b10ac8d82e05b22cc7d4ef5', known)).toEqual({ author: '5b10ac8d82e05b22cc7d4ef5', authorName: '' });
    expect(typedAuthor('', known)).toEqual({ author: '', authorName: '' });
  });
});

describe('authorFieldText', () => {
  it("shows a picked person's name, and an account id typed as is", () => {
    expect(authorFieldText({ author: 'local-admin', authorName: 'Local Admin' })).toBe('Local Admin');
    expect(authorFieldText({ author: '5b10ac8d82e05b22cc7d4ef5', authorName: '' })).toBe('5b10ac8d82e05b22cc7d4ef5');
  });

  it('never sends the name: the payload carries the account id only', () => {
    expect(toSearchPayload({ ...EMPTY_FILTERS, author: 'local-admin', authorName: 'Local Admin' }, { limit: 5 })).toEqual({ limit: 5, authors: ['local-admin'] });
  });
});
