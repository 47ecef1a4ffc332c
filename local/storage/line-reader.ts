/**
 * Reads a file line by line synchronously, in bounded memory, so that a store of a million
 * items loads without building one giant string. Reports whether the last line was complete,
 * which is how a write torn by `kill -9` is recognised.
 */
import { closeSync, openSync, readSync } from 'node:fs';

export interface FileLine {
  text: string;
  /** Byte offset just past this line's newline (or past its last byte if it has none). */
  end: number;
  /** False only for a final fragment with no newline: a write that never finished. */
  complete: boolean;
}

const CHUNK_BYTES = 1 << 20;
const NEWLINE = 0x0a;

export function* readLines(path: string): Generator<FileLine> {
  const fd = openSync(path, 'r');
  try {
    const buffer = Buffer.allocUnsafe(CHUNK_BYTES);
    let pending: Buffer[] = [];
    let position = 0;
    for (;;) {
      const read = readSync(fd, buffer, 0, CHUNK_BYTES, position);
      if (read === 0) break;
      let lineStart = 0;
      for (let i = 0; i < read; i += 1) {
        if (buffer[i] !== NEWLINE) continue;
        pending.push(buffer.subarray(lineStart, i));
        const text = Buffer.concat(pending).toString('utf8');
        pending = [];
        lineStart = i + 1;
        yield { text, end: position + lineStart, complete: true };
      }
      // Copy: the buffer is reused by the next read.
      if (lineStart < read) pending.push(Buffer.from(buffer.subarray(lineStart, read)));
      position += read;
    }
    if (pending.length > 0) {
      const text = Buffer.concat(pending).toString('utf8');
      if (text.length > 0) yield { text, end: position, complete: false };
    }
  } finally {
    closeSync(fd);
  }
}
