/**
 * Integrity seals (docs/audit-events.md) through the local host: the hourly run seals stored events,
 * and after a stored event is changed, deleted or added behind the app's back (PUT /api/store),
 * `integrity/verify` names the period and the event.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { toSealedJsonLines } from '../../src/domain/audit/export/sealed-jsonl';
import type { SealWithLeaves } from '../../src/domain/seals/seal';
import { seedAuditRows } from '../support/audit-seed';
import { useHost } from '../support/host';
import { searchAll, syntheticRows } from './support/audit';

const host = useHost();

interface Row {
  ts: number;
  event: { id: string; extraAttributes: Array<{ name: string; value: string }>; type: { action: string } };
}
interface Report {
  ok: boolean;
  seals: number;
  firstMismatch: { seq: number; kind: string; eventId: string | null; toIso: string } | null;
}

beforeAll(async () => {
  jest.spyOn(console, 'info').mockImplementation(() => undefined);
  // 300 events, from 6 minutes ago backwards (a seal leaves the last 5 minutes to the next one).
  await seedAuditRows(syntheticRows(300, { now: Date.now(), prefix: 'sealed', newestAgoMs: 360_000 }));
  await host.runScheduled('integrity-seal');
});

afterAll(async () => {
  jest.restoreAllMocks();
});

async function verify(): Promise<Report> {
  const reply = await host.invoke<{ ok: boolean; data: Report }>('api-token-admin', 'integrity/verify', {});
  expect(reply.ok).toBe(true);
  return reply.data;
}

async function stored(id: string): Promise<Row> {
  const listing = (await (await fetch(`${host.url}/api/store?prefix=${id}`)).json()) as { entities: Array<{ entity: string; value: Row }> };
  return listing.entities.filter((e) => e.entity === 'audit-event')[0].value;
}

async function put(body: unknown): Promise<void> {
  const response = await fetch(`${host.url}/api/store`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  expect(response.status).toBe(200);
}

describe('integrity seals', () => {
  it('seals the stored events and records an "Events sealed" event with the root and chain', async () => {
    expect(await verify()).toEqual({ ok: true, seals: 1, skipped: 0, firstMismatch: null });
    const sealed = (await (await fetch(`${host.url}/api/store?prefix=`)).json()) as { entities: Array<{ entity: string; value: Row }> };
    const event = sealed.entities.map((e) => e.value.event).find((e) => e.type?.action === 'Events sealed');
    expect(event?.extraAttributes).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'Events sealed', value: '300' }), expect.objectContaining({ name: 'Seal', value: '1' })]));
  });

  it('names a changed event, and matches again once it is restored', async () => {
    const original = await stored('sealed-0000042');
    await put({ entity: 'audit-event', key: 'sealed-0000042', value: { ...original, event: { ...original.event, extraAttributes: [{ name: 'Request path', value: '/rest/api/3/innocent' }] } } });
    expect((await verify()).firstMismatch).toMatchObject({ seq: 1, kind: 'changed', eventId: 'sealed-0000042' });
    await put({ entity: 'audit-event', key: 'sealed-0000042', value: original });
    expect((await verify()).ok).toBe(true);
  });

  it('names a deleted event', async () => {
    const original = await stored('sealed-0000107');
    await put({ entity: 'audit-event', key: 'sealed-0000107', delete: true });
    expect((await verify()).firstMismatch).toMatchObject({ seq: 1, kind: 'deleted', eventId: 'sealed-0000107' });
    await put({ entity: 'audit-event', key: 'sealed-0000107', value: original });
    expect((await verify()).ok).toBe(true);
  });

  it('names an event added to a sealed period', async () => {
    const template = await stored('sealed-0000200');
    const forged = { ...template, event: { ...template.event, id: 'forged-1' } };
    await put({ entity: 'audit-event', key: 'forged-1', value: forged });
    expect((await verify()).firstMismatch).toMatchObject({ seq: 1, kind: 'added', eventId: 'forged-1' });
    await put({ entity: 'audit-event', key: 'forged-1', delete: true });
    expect((await verify()).ok).toBe(true);
  });

  it('names an altered seal', async () => {
    const listing = (await (await fetch(`${host.url}/api/store?prefix=seal:`)).json()) as { keys: Array<{ key: string; value: { count: number } }> };
    const [seal] = listing.keys;
    await put({ key: seal.key, value: { ...seal.value, count: seal.value.count - 1 } });
    expect((await verify()).firstMismatch).toMatchObject({ seq: 1, kind: 'seal-altered' });
    await put({ key: seal.key, value: seal.value });
  });

  it('exports carry their seals, and npm run verify-export accepts a clean export and rejects an edited one', async () => {
    const events = await searchAll(host, {});
    const { data } = await host.invoke<{ data: { seals: SealWithLeaves[] } }>('api-token-admin', 'integrity/seals', {});
    const text = toSealedJsonLines(events, data.seals);
    const dir = mkdtempSync(path.join(tmpdir(), 'verify-export-'));
    const clean = path.join(dir, 'clean.jsonl');
    writeFileSync(clean, text);
    // Jest's global setup built the scripts; `npm run verify-export` builds first, then runs this.
    const script = path.resolve(__dirname, '../../local/dist/scripts/verify-export.js');
    const ok = spawnSync(process.execPath, [script, clean], { encoding: 'utf8' });
    expect(ok.status).toBe(0);
    expect(ok.stdout).toMatch(/^seal 1 \(start \.\. .*, 300 events, root [0-9a-f]{16}…\): OK/m);

    const edited = path.join(dir, 'edited.jsonl');
    writeFileSync(edited, text.replace('/rest/api/3/issue/SYN-7"', '/rest/api/3/issue/SYN-8"'));
    const bad = spawnSync(process.execPath, [script, edited], { encoding: 'utf8' });
    expect(bad.status).toBe(1);
    expect(bad.stdout).toMatch(/seal 1 .*: FAIL, event sealed-0000007 was changed/);

    const dropped = path.join(dir, 'dropped.jsonl');
    writeFileSync(dropped, text.split('\n').filter((line) => !line.includes('"seal"')).join('\n'));
    expect(spawnSync(process.execPath, [script, dropped], { encoding: 'utf8' }).status).toBe(1);
  });
});
