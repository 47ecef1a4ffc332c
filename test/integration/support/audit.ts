/** Helpers for the audit-log integration tests: search through the real resolvers, rows for seeding. */
import { WhereConditions, kvs } from '@forge/kvs';
import { AUDIT_INDEX, ENTITY, KEY } from '../../../src/adapters/kvs/names';
import { buildEvent } from '../../../src/domain/audit/build-event';
import type { AffectedObject, AuditActionId, AuditEvent, ExtraAttribute } from '../../../src/domain/audit/model';
import { DAY_MS } from '../../../src/domain/audit/retention';
import { toRow, type AuditEventRow } from '../../../src/domain/audit/row';
import type { AuditSearchData, AuditSearchPayload } from '../../../src/shared/resolvers';
import type { TestHost } from '../../support/host';

type Result<T> = { ok: true; data: T } | { ok: false; error: { code: string; message: string } };

export async function auditSearch(host: TestHost, payload: AuditSearchPayload, accountId = 'local-admin'): Promise<Result<AuditSearchData>> {
  return host.invoke<Result<AuditSearchData>>('audit-log', 'audit/search', payload, { accountId });
}

/** Every page of a search, through the resolver's cursor. */
export async function searchAll(host: TestHost, payload: AuditSearchPayload = {}): Promise<AuditEvent[]> {
  const events: AuditEvent[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < 500; page += 1) {
    const result = await auditSearch(host, { ...payload, limit: payload.limit ?? 200, ...(cursor ? { cursor } : {}) });
    if (!result.ok) throw new Error(`audit/search failed: ${result.error.code} ${result.error.message}`);
    events.push(...result.data.entities);
    if (!result.data.cursor) return events;
    cursor = result.data.cursor;
  }
  throw new Error('audit/search did not stop paging');
}

/** The numbers of the discarded events not yet reported (one storage key each), read straight from storage. */
export async function pendingDiscards(): Promise<number[]> {
  const values: number[] = [];
  let cursor: string | undefined;
  do {
    let query = kvs.query().where('key', WhereConditions.beginsWith(`${KEY.discardedEvents}:`)).limit(20);
    if (cursor) query = query.cursor(cursor);
    const page = await query.getMany<number>();
    values.push(...page.results.map((entry) => entry.value));
    cursor = page.nextCursor;
  } while (cursor);
  return values;
}

const CATEGORY_ACTIONS: AuditActionId[] = ['authSucceeded', 'authFailed', 'permissionDenied', 'tokenCreated', 'appApiCall', 'tokenRevoked'];

/** `count` synthetic events, newest `newest` ms ago and one second apart, cycling actions, authors and tokens. */
export function syntheticRows(count: number, options: { now: number; prefix?: string; newestAgoMs?: number }): AuditEventRow[] {
  const rows: AuditEventRow[] = [];
  for (let i = 0; i < count; i += 1) {
    const token: AffectedObject = { type: 'API token', id: `tok-${i % 17}`, name: `Deploy bot ${i % 17}` };
    const owner: AffectedObject = { type: 'user', id: ['alice', 'bob', 'carol'][i % 3], name: 'owner' };
    const attributes: ExtraAttribute[] = [{ name: 'Request path', value: `/rest/api/3/issue/SYN-${i}` }];
    const event = buildEvent(
      {
        action: CATEGORY_ACTIONS[i % CATEGORY_ACTIONS.length],
        author: { id: owner.id, name: owner.id, type: 'user' },
        affectedObjects: [token, owner],
        extraAttributes: attributes,
        source: '198.51.100.7',
        method: 'Web trigger',
      },
      { id: `${options.prefix ?? 'syn'}-${String(i).padStart(7, '0')}`, now: options.now - (options.newestAgoMs ?? 60_000) - i * 1000, system: 'local' },
    );
    rows.push(toRow(event));
  }
  return rows;
}

/** An event row `days` old on the API token `tokenId`, for the retention and purge tests. */
export function agedRow(id: string, days: number, options: { tokenId: string; action?: AuditActionId }): AuditEventRow {
  return toRow(
    buildEvent(
      {
        action: options.action ?? 'authSucceeded',
        author: { id: 'alice', name: 'alice', type: 'user' },
        affectedObjects: [{ type: 'API token', id: options.tokenId, name: options.tokenId }],
        method: 'Web trigger',
      },
      { id, now: Date.now() - days * DAY_MS, system: 'local' },
    ),
  );
}

/** The ids of every stored event row that start with `prefix`, sorted: read from the time index directly, so retention hides none. */
export async function storedEventIds(prefix: string): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | undefined;
  do {
    let query = kvs.entity<AuditEventRow>(ENTITY.auditEvent).query().index(AUDIT_INDEX.byTime).limit(100);
    if (cursor) query = query.cursor(cursor);
    const page = await query.getMany();
    ids.push(...page.results.map((row) => row.key));
    cursor = page.nextCursor;
  } while (cursor);
  return ids.filter((id) => id.startsWith(prefix)).sort();
}

/** What each "Events purged" event says was purged: one number per housekeeping run that purged anything. */
export async function purgedCounts(host: TestHost): Promise<number[]> {
  const events = await searchAll(host, { actions: ['Events purged'] });
  return events.map((event) => Number(event.extraAttributes.find((attribute) => attribute.name === 'Events purged')?.value ?? NaN));
}
