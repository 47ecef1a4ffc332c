import { spawn } from 'node:child_process';
import { appendFileSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildSync } from 'esbuild';
import { kvs, MetadataField, Sort } from '@forge/kvs';
import { StoreCorruptError } from '../../../local/storage/persistence';
import type { StorageEngine } from '../../../local/storage/engine';
import { FIXTURE_MANIFEST, startStorage, type Employee } from './support/harness';

let dir: string;
let engine: StorageEngine | undefined;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'forge-store-'));
});

afterEach(() => {
  engine?.close();
  engine = undefined;
  rmSync(dir, { recursive: true, force: true });
});

/** Opens (or reopens) the store in `dir` behind @forge/kvs, the way a host restart does. */
function open(options: { compactAfterBytes?: number } = {}): StorageEngine {
  engine = startStorage({ store: { dir }, ...options });
  return engine;
}

async function writeSample(): Promise<void> {
  await kvs.set('plain', { v: 1 });
  await kvs.setSecret('secret', 'hash');
  await kvs.set('ttl', 'short', { ttl: { value: 1, unit: 'HOURS' } });
  await kvs.entity('employee').set('e1', { name: 'Ada', team: 'core', age: 36 });
  await kvs.entity('employee').set('e2', { name: 'Bob', team: 'core', age: 25 });
  await kvs.transact().set('tx-a', 1).set('tx-b', 2).delete('plain').execute();
}

async function expectSample(): Promise<void> {
  expect(await kvs.get('plain')).toBeUndefined();
  expect(await kvs.getSecret('secret')).toBe('hash');
  const ttl = await kvs.get('ttl', { metadataFields: [MetadataField.EXPIRE_TIME] });
  expect(ttl?.expireTime).toEqual(expect.any(String));
  expect(await kvs.get('tx-a')).toBe(1);
  expect(await kvs.get('tx-b')).toBe(2);
  const { results } = await kvs.entity<Employee>('employee').query().index('by-team-age', { partition: ['core'] }).sort(Sort.DESC).getMany();
  expect(results.map((r) => r.key)).toEqual(['e1', 'e2']);
}

describe('persistent store', () => {
  it('keeps keys, secrets, TTLs and entity indexes across a restart', async () => {
    open();
    await writeSample();
    engine?.close();
    open();
    await expectSample();
  });

  it('keeps everything across compaction into a snapshot and a restart after it', async () => {
    open({ compactAfterBytes: 200 }); // compacts after almost every write
    await writeSample();
    await kvs.set('after-compaction', true);
    engine?.close();
    open();
    await expectSample();
    expect(await kvs.get('after-compaction')).toBe(true);
  });

  it('reopens after the previous engine in this process was abandoned without closing', async () => {
    open();
    await writeSample();
    engine = undefined; // no close(): like a crash, the lock and log stay behind
    open();
    await expectSample();
  });

  it('ignores and cuts off a torn last log line, then keeps appending cleanly', async () => {
    open();
    await writeSample();
    engine?.close();
    const wal = join(dir, 'wal.jsonl');
    const intact = statSync(wal).size;
    appendFileSync(wal, '{"seq":99,"m":[{"ns":"kv","key":"torn","item":{"val');
    open();
    await expectSample();
    expect(await kvs.get('torn')).toBeUndefined();
    expect(statSync(wal).size).toBe(intact);
    await kvs.set('after-tear', 1);
    engine?.close();
    open();
    expect(await kvs.get('after-tear')).toBe(1);
  });

  it('refuses to load a log damaged in the middle instead of silently dropping data', async () => {
    open();
    await writeSample();
    engine?.close();
    engine = undefined;
    const wal = join(dir, 'wal.jsonl');
    const lines = readFileSync(wal, 'utf8').split('\n');
    lines[1] = 'garbage';
    writeFileSync(wal, lines.join('\n'));
    expect(() => open()).toThrow(StoreCorruptError);
    engine = undefined;
  });

  it('refuses a directory another live process is using', async () => {
    const other = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30000)']);
    try {
      writeFileSync(join(dir, 'lock'), String(other.pid));
      expect(() => open()).toThrow(/in use by process/);
      engine = undefined;
    } finally {
      other.kill('SIGKILL');
    }
  });
});

describe('kill -9 while writing', () => {
  let childScript: string;

  beforeAll(() => {
    childScript = join(mkdtempSync(join(tmpdir(), 'crash-writer-')), 'crash-writer.js');
    buildSync({
      entryPoints: [join(__dirname, 'support', 'crash-writer.ts')],
      bundle: true,
      platform: 'node',
      target: 'node20',
      outfile: childScript,
      logLevel: 'silent',
    });
  });

  /** Runs the writer until it has acknowledged `minimum` writes, then SIGKILLs it; returns the last acknowledged number. */
  function writeUntilKilled(minimum: number): Promise<number> {
    return new Promise((resolve, reject) => {
      const child = spawn(process.execPath, [childScript, dir, FIXTURE_MANIFEST], { stdio: ['ignore', 'pipe', 'pipe'] });
      let acknowledged = -1;
      let buffered = '';
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      child.stdout.on('data', (chunk: Buffer) => {
        buffered += chunk.toString();
        const lines = buffered.split('\n');
        buffered = lines.pop() ?? '';
        for (const line of lines) acknowledged = Number(line);
        if (acknowledged >= minimum && !child.killed) child.kill('SIGKILL');
      });
      child.on('close', (code, signal) => {
        if (signal === 'SIGKILL') resolve(acknowledged);
        else reject(new Error(`writer exited with ${code}: ${stderr}`));
      });
    });
  }

  it('keeps every acknowledged write, never half a transaction, and loads cleanly', async () => {
    const first = await writeUntilKilled(120);
    const last = await writeUntilKilled(first + 60); // a second crash on top of the first recovery
    open();
    const present = (i: number): Promise<unknown[]> =>
      Promise.all([kvs.get(`pair-a-${i}`), kvs.get(`pair-b-${i}`), kvs.entity('employee').get(`emp-${i}`)]);
    for (let i = 0; i <= last; i += 1) {
      const [a, b, emp] = await present(i);
      expect(a).toEqual(expect.objectContaining({ i }));
      expect(b).toBe(i);
      expect(emp).toEqual({ name: `N${i}`, team: 'crash', age: i });
    }
    // The write in flight at the kill is all there or not there at all.
    const inFlight = await present(last + 1);
    expect(inFlight.every((v) => v === undefined) || inFlight.every((v) => v !== undefined)).toBe(true);
    // Indexes were rebuilt from disk: the partition holds exactly the surviving writes.
    let count = 0;
    let cursor: string | undefined;
    do {
      let query = kvs.entity<Employee>('employee').query().index('by-team-age', { partition: ['crash'] }).limit(100);
      if (cursor) query = query.cursor(cursor);
      const page = await query.getMany();
      count += page.results.length;
      cursor = page.nextCursor;
    } while (cursor);
    expect(count === last + 1 || count === last + 2).toBe(true);
  });
});
