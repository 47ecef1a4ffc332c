/**
 * What verify-token records (docs/audit-events.md): authentication events under their toggles, excluded
 * actions, success aggregation, and the app log lines — never the presented secret.
 */
import { kvs } from '@forge/kvs';
import { cryptoRandom } from '../../src/adapters/crypto-random';
import { AUDIT_INDEX, ENTITY } from '../../src/adapters/kvs/names';
import { FOLD_SETTLE_MS } from '../../src/domain/audit/fold-tallies';
import type { AuditEvent } from '../../src/domain/audit/model';
import type { AuditEventRow } from '../../src/domain/audit/row';
import { DEFAULT_SETTINGS, type Settings } from '../../src/domain/settings/model';
import { generateToken } from '../../src/domain/tokens/format';
import { useHost } from '../support/host';
import { pendingDiscards } from './support/audit';
import { changeSettings, createToken, describeRequest, revokeToken, verify, withAudit } from './support/verification';

const host = useHost();

let logs: string[];

beforeEach(async () => {
  logs = [];
  jest.spyOn(console, 'info').mockImplementation((...args: unknown[]) => {
    logs.push(args.map(String).join(' '));
  });
  // Every test starts from the defaults (all toggles off) and lets the next verification see them.
  await changeSettings(host, (s) => ({ ...DEFAULT_SETTINGS, version: s.version }));
  host.advanceClock(10_001);
});

afterEach(() => {
  jest.restoreAllMocks();
});

async function rowsOf(action: string): Promise<AuditEventRow[]> {
  const page = await kvs.entity<AuditEventRow>(ENTITY.auditEvent).query().index(AUDIT_INDEX.byAction, { partition: [action] }).limit(100).getMany();
  return page.results.map((result) => result.value);
}

async function countAll(): Promise<number> {
  let count = 0;
  let cursor: string | undefined;
  do {
    let query = kvs.entity<AuditEventRow>(ENTITY.auditEvent).query().index(AUDIT_INDEX.byTime).limit(100);
    if (cursor) query = query.cursor(cursor);
    const page = await query.getMany();
    count += page.results.length;
    cursor = page.nextCursor;
  } while (cursor);
  return count;
}

/** Events that could not be stored so far: those waiting to be reported and those already reported. */
async function discarded(): Promise<number> {
  const reported = (await rowsOf('Events discarded')).map((row) => Number(attribute(row, 'Events discarded')));
  return [...(await pendingDiscards()), ...reported].reduce((sum, count) => sum + count, 0);
}

const attribute = (row: AuditEventRow, name: string): string | undefined => row.event.extraAttributes.find((a) => a.name === name)?.value;

describe('toggles (all off by default)', () => {
  it('records no authentication event of any kind with the defaults', async () => {
    const readOnly = await createToken(host, { scope: 'read-only', rateLimit: { requests: 1, windowSeconds: 3600 } });
    const before = await countAll();
    await verify(host, readOnly.secret, { body: describeRequest('GET') });
    await verify(host, readOnly.secret, { body: describeRequest('GET') });
    await verify(host, readOnly.secret, { body: describeRequest('PUT') });
    await verify(host, generateToken(cryptoRandom));
    await verify(host, 'not-a-token');
    expect(await countAll()).toBe(before);
  });

  it('records a success with token, owner, scope, method, path and client IP when "Successful authentication" is on', async () => {
    await changeSettings(host, withAudit({ successfulAuthentication: true }));
    const { token, secret } = await createToken(host, { scope: 'read-only', description: 'Nightly export' });
    const before = (await rowsOf('Token authentication succeeded')).length;
    await verify(host, secret, { body: describeRequest('GET', '/rest/api/3/search?jql=x'), from: '127.0.0.23' });
    const rows = await rowsOf('Token authentication succeeded');
    expect(rows).toHaveLength(before + 1);
    const row = rows.find((r) => r.event.affectedObjects[0]?.id === token.id);
    expect(row?.event).toMatchObject({
      author: { id: 'alice', type: 'user' },
      type: { category: 'Authentication', action: 'Token authentication succeeded' },
      affectedObjects: [{ id: token.id, name: 'Nightly export', type: 'API token' }, { id: 'alice', type: 'user' }],
      source: '127.0.0.23',
      method: 'Web trigger',
    });
    expect(row && attribute(row, 'Request method')).toBe('GET');
    expect(row && attribute(row, 'Request path')).toBe('/rest/api/3/search');
    expect(row && attribute(row, 'Scope')).toBe('read-only');
    expect(JSON.stringify(row)).not.toContain(secret);
  });

  it('records unknown, revoked and IP-refused tokens as failed authentication with the reason code', async () => {
    await changeSettings(host, withAudit({ failedAuthentication: true }));
    const revoked = await createToken(host);
    await revokeToken(host, revoked.token.id);
    const fenced = await createToken(host, { ipAllowlist: ['10.0.0.0/8'] });
    const before = (await rowsOf('Token authentication failed')).length;
    const unknown = generateToken(cryptoRandom);
    await verify(host, unknown);
    await verify(host, revoked.secret);
    await verify(host, fenced.secret, { from: '127.0.0.5' });
    const all = await rowsOf('Token authentication failed');
    expect(all).toHaveLength(before + 3);
    const rows = [...all].sort((a, b) => b.ts - a.ts).slice(0, 3);
    expect(rows.map((row) => attribute(row, 'Reason code')).sort()).toEqual(['IP_NOT_ALLOWED', 'REVOKED_TOKEN', 'UNKNOWN_TOKEN']);
    expect(rows.every((row) => row.event.author.type === 'anonymous')).toBe(true);
    expect(JSON.stringify(rows)).not.toContain(unknown);
  });

  it('records malformed credentials only under "Failed credential verification", within 10 s of the change', async () => {
    const before = (await rowsOf('Credential verification failed')).length;
    await changeSettings(host, withAudit({ failedCredentialVerification: true }));
    host.advanceClock(10_001); // the no-storage path may use settings up to 10 s old
    await verify(host, null, { headers: { authorization: `Basic ${Buffer.from('jdoe:my-jira-password').toString('base64')}` } });
    const rows = await rowsOf('Credential verification failed');
    expect(rows).toHaveLength(before + 1);
    expect(attribute(rows[0], 'Reason code')).toBe('MALFORMED_TOKEN');
    expect(JSON.stringify(rows)).not.toContain('my-jira-password');
  });

  it('records permission denied and rate limited under their own toggles', async () => {
    await changeSettings(host, withAudit({ permissionDenied: true, rateLimited: true }));
    const { secret } = await createToken(host, { scope: 'read-only', rateLimit: { requests: 1, windowSeconds: 3600 } });
    const denied = (await rowsOf('Permission denied')).length;
    const limited = (await rowsOf('Rate limited')).length;
    await verify(host, secret, { body: describeRequest('POST') });
    await verify(host, secret, { body: describeRequest('GET') });
    await verify(host, secret, { body: describeRequest('GET') });
    expect(await rowsOf('Permission denied')).toHaveLength(denied + 1);
    const limitedRows = await rowsOf('Rate limited');
    expect(limitedRows).toHaveLength(limited + 1);
    expect(attribute(limitedRows[0], 'Rate limit')).toBe('1 per 3600 s');
  });

  it('records nothing for an excluded action even with its toggle on', async () => {
    await changeSettings(host, (s: Settings) => ({
      ...withAudit({ successfulAuthentication: true })(s),
      excludedActions: ['Token authentication succeeded'],
    }));
    const { secret } = await createToken(host);
    const before = await countAll();
    await verify(host, secret);
    expect(await countAll()).toBe(before);
  });
});

describe('success aggregation', () => {
  // Start each test just after a window boundary, so its requests cannot straddle two windows.
  beforeEach(() => {
    host.advanceClock(3_600_000 - (Date.now() % 3_600_000) + 1_000);
  });

  const ofToken = async (tokenId: string): Promise<AuditEventRow[]> =>
    (await rowsOf('Token authentication succeeded')).filter((row) => row.event.affectedObjects[0]?.id === tokenId);

  /** Moves past the window's end and its settle time, then runs the five-minute tick, which folds. */
  async function foldAfter(windowSeconds: number): Promise<void> {
    host.advanceClock(windowSeconds * 1000 + FOLD_SETTLE_MS);
    await host.runScheduled('siem-delivery-tick');
  }

  it('stores no success event while the window is open, then one with the exact Count once it is folded', async () => {
    await changeSettings(host, (s) => ({ ...withAudit({ successfulAuthentication: true })(s), successAggregation: { enabled: true, windowSeconds: 60 } }));
    const { token, secret } = await createToken(host);
    for (let i = 0; i < 20; i += 1) expect((await verify(host, secret)).status).toBe(200);
    await host.runScheduled('siem-delivery-tick');
    expect(await ofToken(token.id)).toEqual([]);

    await foldAfter(60);
    const rows = await ofToken(token.id);
    expect(rows.map((row) => row.count)).toEqual([20]);
    expect(attribute(rows[0], 'Count')).toBe('20');
    expect(attribute(rows[0], 'Window start')).toBeDefined();
    expect(attribute(rows[0], 'Window end')).toBeDefined();

    await verify(host, secret);
    await foldAfter(60);
    await host.runScheduled('siem-delivery-tick');
    expect((await ofToken(token.id)).map((row) => row.count).sort()).toEqual([1, 20]);
  });

  it('counts N concurrent successes in one event with Count N, found by the audit search, at 2 storage calls each', async () => {
    await changeSettings(host, (s) => ({ ...withAudit({ successfulAuthentication: true })(s), successAggregation: { enabled: true, windowSeconds: 3600 } }));
    const { token, secret } = await createToken(host);
    await verify(host, secret); // the settings reach this instance; one more success
    const discardedBefore = await discarded();
    await host.resetStats();
    host.setLatency(2);
    try {
      const replies = await Promise.all(Array.from({ length: 12 }, () => verify(host, secret)));
      expect(replies.map((reply) => reply.status)).toEqual(Array(12).fill(200));
    } finally {
      host.setLatency(0);
    }
    expect((await host.stats()).total).toBe(24);
    await foldAfter(3600);
    expect((await ofToken(token.id)).map((row) => row.count)).toEqual([13]);
    expect((await discarded()) - discardedBefore).toBe(0);

    const result = await host.invoke<{ ok: true; data: { entities: AuditEvent[] } }>('api-token-admin', 'audit/search', {
      actions: ['Token authentication succeeded'],
      affectedObject: { type: 'API token', id: token.id },
    });
    expect(result.data.entities.map((event) => event.extraAttributes.find((a) => a.name === 'Count')?.value)).toEqual(['13']);
  });
});

describe('app log lines', () => {
  it('name the event, token description, scope, account and path, never the secret', async () => {
    const { secret } = await createToken(host, { scope: 'read-only', description: 'Deploy bot' });
    await verify(host, secret, { body: describeRequest('GET', '/rest/api/3/myself') });
    await verify(host, secret, { body: describeRequest('PUT', `/rest/api/3/issue/${secret}`) });
    await verify(host, secret.slice(0, -2) + 'zz');
    expect(logs).toContainEqual(expect.stringContaining('Found a matching token "Deploy bot" with Read Only scope and authenticated user alice. REST endpoint: GET /rest/api/3/myself'));
    expect(logs).toContainEqual(expect.stringContaining('Token verification for user alice failed: The token "Deploy bot" with Read Only scope only covers GET, HEAD, OPTIONS requests. Request method type was PUT.'));
    expect(logs.some((line) => line.includes('MALFORMED_TOKEN'))).toBe(true);
    for (const line of logs) {
      expect(line).not.toContain(secret);
      expect(line).not.toContain(secret.slice(0, -2));
    }
  });
});
