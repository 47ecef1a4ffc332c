/**
 * A store directory that survives a restart and a `kill -9` in the middle of a write.
 *
 * - `wal.jsonl`: append-only log, one JSON line per committed request (`{seq, m: mutations}`),
 *   written with one `write` call before the request is answered. A process killed mid-write
 *   leaves at most one unterminated last line; loading ignores it and cuts it off, so the
 *   request that was never acknowledged is simply not there.
 * - `snapshot.jsonl`: the whole store at sequence N (a header line, then one item per line),
 *   written to a temporary file, fsync'd and renamed over the old one, so it is either the old
 *   or the new snapshot, never half of one. Log lines at or below N are skipped on load.
 * - `lock`: the pid of the process using the directory, so two live hosts cannot interleave writes.
 *
 * Writes reach the OS before the answer, which is what a `kill -9` needs; `fsync: true` also
 * survives power loss at the cost of a disk flush per write.
 */
import {
  closeSync,
  existsSync,
  fsyncSync,
  ftruncateSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import { readLines } from './line-reader';
import type { Mutation } from './store-state';

export interface PersistenceOptions {
  dir: string;
  /** fsync after every write (power-loss safe, slower). Default false. */
  fsync?: boolean;
  /** Compact the log into a snapshot once it grows past this many bytes. Default 64 MiB. */
  compactAfterBytes?: number;
}

const SNAPSHOT_FORMAT = 'forge-local-store';
const SNAPSHOT_VERSION = 1;
const WRITE_CHUNK_BYTES = 1 << 20;

export class StoreCorruptError extends Error {
  constructor(path: string, detail: string) {
    super(`Local store file ${path} is corrupt: ${detail}`);
    this.name = 'StoreCorruptError';
  }
}

function isMutation(value: unknown): value is Mutation {
  if (typeof value !== 'object' || value === null) return false;
  const m = value as Record<string, unknown>;
  return typeof m.ns === 'string' && typeof m.key === 'string' && (m.item === null || typeof m.item === 'object');
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Another live process holds the store's lock (a second `npm start` in the same checkout). */
export class StoreLockedError extends Error {
  constructor(
    readonly dir: string,
    readonly pid: number,
  ) {
    super(`Local store ${dir} is in use by process ${pid}`);
    this.name = 'StoreLockedError';
  }
}

export class StorePersistence {
  private readonly walPath: string;
  private readonly snapshotPath: string;
  private readonly lockPath: string;
  private walFd: number | undefined;
  private walBytes = 0;
  private snapshotBytes = 0;
  private seq = 0;

  constructor(private readonly options: PersistenceOptions) {
    this.walPath = join(options.dir, 'wal.jsonl');
    this.snapshotPath = join(options.dir, 'snapshot.jsonl');
    this.lockPath = join(options.dir, 'lock');
  }

  /** Takes the directory, replays snapshot and log into `apply`, and opens the log for appending. */
  open(apply: (mutations: Mutation[]) => void): void {
    mkdirSync(this.options.dir, { recursive: true });
    this.takeLock();
    const snapshotSeq = this.loadSnapshot(apply);
    this.seq = snapshotSeq;
    const validBytes = this.loadWal(snapshotSeq, apply);
    this.walFd = openSync(this.walPath, 'a');
    // Cut off a torn last line so the next append starts on a fresh line.
    if (statSync(this.walPath).size !== validBytes) ftruncateSync(this.walFd, validBytes);
    this.walBytes = validBytes;
  }

  /** Appends one committed request; throws (and nothing is acknowledged) if the write fails. */
  append(mutations: readonly Mutation[]): void {
    if (this.walFd === undefined) throw new Error('Local store is not open');
    const line = `${JSON.stringify({ seq: this.seq + 1, m: mutations })}\n`;
    const bytes = Buffer.from(line, 'utf8');
    let written = 0;
    while (written < bytes.length) written += writeSync(this.walFd, bytes, written, bytes.length - written);
    if (this.options.fsync) fsyncSync(this.walFd);
    this.seq += 1;
    this.walBytes += bytes.length;
  }

  /** The log is folded in once it outgrows both the threshold and the snapshot, so rewriting stays linear overall. */
  shouldCompact(): boolean {
    return this.walBytes > Math.max(this.options.compactAfterBytes ?? 64 * 1024 * 1024, this.snapshotBytes);
  }

  /** Writes every live item as the new snapshot, then empties the log. */
  compact(items: Iterable<Mutation>): void {
    if (this.walFd === undefined) throw new Error('Local store is not open');
    const tmpPath = `${this.snapshotPath}.tmp`;
    const fd = openSync(tmpPath, 'w');
    try {
      let chunk = `${JSON.stringify({ format: SNAPSHOT_FORMAT, version: SNAPSHOT_VERSION, seq: this.seq })}\n`;
      for (const { ns, key, item } of items) {
        chunk += `${JSON.stringify({ ns, key, item })}\n`;
        if (chunk.length >= WRITE_CHUNK_BYTES) {
          writeSync(fd, chunk);
          chunk = '';
        }
      }
      writeSync(fd, chunk);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmpPath, this.snapshotPath);
    this.fsyncDir();
    this.snapshotBytes = statSync(this.snapshotPath).size;
    // A crash before this truncation is harmless: the log's lines are all at or below the snapshot's seq.
    ftruncateSync(this.walFd, 0);
    this.walBytes = 0;
  }

  close(): void {
    if (this.walFd !== undefined) {
      closeSync(this.walFd);
      this.walFd = undefined;
    }
    rmSync(this.lockPath, { force: true });
  }

  private takeLock(): void {
    if (existsSync(this.lockPath)) {
      const pid = Number.parseInt(readFileSync(this.lockPath, 'utf8'), 10);
      if (Number.isInteger(pid) && pid !== process.pid && processAlive(pid)) {
        throw new StoreLockedError(this.options.dir, pid);
      }
    }
    // The previous owner is gone (or it is us): take the directory over.
    writeFileSync(this.lockPath, String(process.pid));
  }

  private loadSnapshot(apply: (mutations: Mutation[]) => void): number {
    if (!existsSync(this.snapshotPath)) return 0;
    this.snapshotBytes = statSync(this.snapshotPath).size;
    let seq: number | undefined;
    let batch: Mutation[] = [];
    for (const line of readLines(this.snapshotPath)) {
      if (!line.complete) throw new StoreCorruptError(this.snapshotPath, 'unterminated last line');
      let parsed: unknown;
      try {
        parsed = JSON.parse(line.text);
      } catch {
        throw new StoreCorruptError(this.snapshotPath, `line ending at byte ${line.end} is not JSON`);
      }
      if (seq === undefined) {
        const header = parsed as Record<string, unknown>;
        if (header?.format !== SNAPSHOT_FORMAT || typeof header.seq !== 'number') {
          throw new StoreCorruptError(this.snapshotPath, 'missing header');
        }
        seq = header.seq;
        continue;
      }
      if (!isMutation(parsed)) throw new StoreCorruptError(this.snapshotPath, `bad item line ending at byte ${line.end}`);
      batch.push(parsed);
      if (batch.length >= 10_000) {
        apply(batch);
        batch = [];
      }
    }
    apply(batch);
    return seq ?? 0;
  }

  /** Replays the log after `afterSeq`; returns the byte length of its complete lines. */
  private loadWal(afterSeq: number, apply: (mutations: Mutation[]) => void): number {
    if (!existsSync(this.walPath)) return 0;
    let validBytes = 0;
    for (const line of readLines(this.walPath)) {
      if (!line.complete) break; // torn by a crash mid-write: never acknowledged, drop it
      let entry: { seq?: unknown; m?: unknown };
      try {
        entry = JSON.parse(line.text) as typeof entry;
      } catch {
        throw new StoreCorruptError(this.walPath, `line ending at byte ${line.end} is not JSON`);
      }
      if (typeof entry.seq !== 'number' || !Array.isArray(entry.m) || !entry.m.every(isMutation)) {
        throw new StoreCorruptError(this.walPath, `line ending at byte ${line.end} is not a log entry`);
      }
      if (entry.seq > afterSeq) {
        apply(entry.m);
        this.seq = entry.seq;
      }
      validBytes = line.end;
    }
    return validBytes;
  }

  private fsyncDir(): void {
    try {
      const fd = openSync(this.options.dir, 'r');
      try {
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
    } catch {
      // Some file systems cannot fsync a directory; the rename is still atomic.
    }
  }
}
