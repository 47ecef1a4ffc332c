/**
 * Audit search with cursors a hostile or careless caller sends: a bad cursor is always an issue on
 * `cursor` (INVALID_INPUT / 400), a failing store is always an exception (UNAVAILABLE / 503), and
 * no cursor, however altered, makes a page return an event its query would not.
 */
import fc from 'fast-check';
import type { PageCursor } from '../../../src/domain/audit/cursor';
import type { AuditActionId } from '../../../src/domain/audit/model';
import type { AuditRowSource, RowPage, RowQuery } from '../../../src/domain/audit/ports';
import { DAY_MS } from '../../../src/domain/audit/retention';
import { searchAuditEvents, type AuditSearchArgs, type AuditSearchOutcome } from '../../../src/domain/audit/search-service';
import { CursorRefusedError } from '../../../src/domain/cursor-refused';
import { encodeListCursor } from '../../../src/domain/tokens/list-cursor';
import type { RetentionSettings } from '../../../src/domain/settings/model';
import { row, T0 } from '../../fakes/audit-events';
import { FakeAuditStore, StorageDown } from '../../fakes/audit-store';

const NOW = T0 + 400 * DAY_MS;
/** Authentication events are kept 30 days, the rest 180: retention slices the streams. */
const RETENTION: RetentionSettings = { defaultDays: 180, perCategoryDays: { Authentication: 30 } };
const ACTIONS: AuditActionId[] = ['authSucceeded', 'tokenCreated', 'authFailed', 'tokenRevoked'];

/** Events every 6 hours over the last 300 days: some past retention that the purge has not reached. */
function store(): FakeAuditStore {
  const fake = new FakeAuditStore();
  for (let i = 0; i < 1200; i += 1) {
    fake.put(row({ id: `e${String(i).padStart(5, '0')}`, at: NOW - 1000 - i * 6 * 3_600_000, action: ACTIONS[i % ACTIONS.length], author: i % 3 ? 'alice' : 'bob' }));
  }
  return fake;
}

/** Storage as the adapter presents it: a storage cursor it cannot read is refused, not a crash. */
class RefusingSource implements AuditRowSource {
  constructor(readonly inner: FakeAuditStore) {}
  async query(query: RowQuery): Promise<RowPage> {
    if (query.cursor) {
      try {
        JSON.parse(query.cursor);
      } catch {
        throw new CursorRefusedError();
      }
    }
    return this.inner.query(query);
  }
}

function searchWith(source: AuditRowSource, args: Partial<AuditSearchArgs>): Promise<AuditSearchOutcome> {
  return searchAuditEvents(source, { input: {}, retention: RETENTION, now: NOW, ...args });
}

async function page(source: AuditRowSource, args: Partial<AuditSearchArgs>): Promise<Extract<AuditSearchOutcome, { ok: true }>> {
  const outcome = await searchWith(source, args);
  if (!outcome.ok) throw new Error(`${outcome.issue.field}: ${outcome.issue.message}`);
  return outcome;
}

const decode = (cursor: string): PageCursor => JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as PageCursor;
const encode = (cursor: unknown): string => Buffer.from(JSON.stringify(cursor), 'utf8').toString('base64url');
const NOT_VALID = { ok: false, issue: { field: 'cursor', message: 'The cursor is not valid.' } };

describe('audit search with hostile cursors', () => {
  it('answers a cursor whose storage part storage refuses as an invalid cursor, not as an outage', async () => {
    const source = new RefusingSource(store());
    const first = await page(source, { limit: 5, input: { search: 'alice' } });
    const cursor = decode(first.cursor ?? '');
    const stream = cursor.s[0];
    if (stream === 1) throw new Error('expected a stream to continue');
    const forged = encode({ ...cursor, s: [{ ...stream, c: 'not a storage cursor' }] });
    await expect(searchWith(source, { limit: 5, input: { search: 'alice' }, cursor: forged })).resolves.toEqual(NOT_VALID);
  });

  it('treats storage refusing a cursor it issued during the same page as an outage', async () => {
    const inner = store();
    const source: AuditRowSource = {
      query: (query) => (query.cursor ? Promise.reject(new CursorRefusedError()) : inner.query(query)),
    };
    await expect(searchWith(source, { limit: 50, scanLimit: 1000, input: { search: 'nothing matches this' } })).rejects.toThrow('Storage refused a cursor it had just issued');
  });

  it('lets a storage outage on a page with a valid cursor fail as an outage', async () => {
    const inner = store();
    const first = await page(inner, { limit: 5 });
    const source: AuditRowSource = { query: () => Promise.reject(new StorageDown()) };
    await expect(searchWith(source, { limit: 5, cursor: first.cursor })).rejects.toBeInstanceOf(StorageDown);
  });

  it('refuses a token list cursor, and cursors of other queries, before storage is asked', async () => {
    const fake = store();
    const first = await page(fake, { limit: 5, input: { categories: ['Authentication'] } });
    fake.resetCalls();
    const tokenCursor = encodeListCursor({ ownerAccountId: 'alice', text: undefined, status: undefined, expiringWithinDays: undefined }, 'abc');
    await expect(searchWith(fake, { cursor: tokenCursor })).resolves.toEqual(NOT_VALID);
    await expect(searchWith(fake, { cursor: 'abc' })).resolves.toEqual(NOT_VALID);
    await expect(searchWith(fake, { input: { categories: ['Settings'] }, cursor: first.cursor })).resolves.toMatchObject({ ok: false, issue: { field: 'cursor' } });
    expect(fake.calls.query).toBe(0);
  });

  it('never returns, whatever a valid-looking cursor says, an event outside the query, its time range or retention', async () => {
    const fake = store();
    const from = NOW - 250 * DAY_MS;
    const to = NOW - 5 * DAY_MS;
    const input = { from: new Date(from).toISOString(), to: new Date(to).toISOString(), actions: ['authSucceeded', 'tokenCreated'] };
    const visible = (id: string): boolean => {
      const stored = fake.rows.get(id);
      if (!stored) return false;
      const cutoff = NOW - (stored.category === 'Authentication' ? 30 : 180) * DAY_MS;
      return stored.ts >= Math.max(cutoff, from) && stored.ts <= to && ['Token authentication succeeded', 'Token created'].includes(stored.action);
    };
    const first = await page(fake, { limit: 10, scanLimit: 200, input });
    const real = decode(first.cursor ?? '');
    let returned = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: NOW }),
        fc.integer({ min: 0, max: NOW }),
        fc.boolean(),
        fc.option(fc.integer({ min: 0, max: NOW }), { nil: null }),
        async (a, b, dropExclusions, t) => {
          const [lo, hi] = [Math.max(Math.min(a, b), from), Math.min(Math.max(a, b), to)];
          fc.pre(lo <= hi && (t === null || (t >= from && t <= to)));
          const altered = {
            ...real,
            p: t === null ? null : { t, i: [] },
            s: real.s.map((stream) => (stream === 1 ? stream : { lo, hi, x: dropExclusions ? [] : stream.x, c: null })),
          };
          const outcome = await page(fake, { limit: 50, scanLimit: 500, input, cursor: encode(altered) });
          expect(outcome.events.filter((event) => !visible(event.id))).toEqual([]);
          returned += outcome.events.length;
        },
      ),
      { numRuns: 60 },
    );
    // The altered cursors did lead somewhere: pages came back with events, all of them allowed.
    expect(returned).toBeGreaterThan(0);
  });
});
