/**
 * Query cursors encode a position (the last item's sort key and entity key), never an offset,
 * so a page boundary stays put when items are inserted or deleted between page requests.
 * They are opaque to the app: base64url JSON, checked on the way back in.
 */
import { isScalar, type Scalar } from './compare';
import { badRequest } from './errors';
import { isRecord } from './request-parsing';

export interface KeyCursor {
  kind: 'key';
  key: string;
}

export interface IndexCursor {
  kind: 'index';
  entity: string;
  index: string;
  range: Scalar;
  key: string;
}

export type Cursor = KeyCursor | IndexCursor;

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify(cursor), 'utf8').toString('base64url');
}

export function decodeCursor(raw: unknown): Cursor | undefined {
  if (raw === undefined || raw === null || raw === '') return undefined;
  const invalid = badRequest('Invalid cursor');
  if (typeof raw !== 'string') throw invalid;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
  } catch {
    throw invalid;
  }
  if (!isRecord(parsed) || typeof parsed.key !== 'string') throw invalid;
  if (parsed.kind === 'key') return { kind: 'key', key: parsed.key };
  if (parsed.kind === 'index' && typeof parsed.entity === 'string' && typeof parsed.index === 'string' && isScalar(parsed.range)) {
    return { kind: 'index', entity: parsed.entity, index: parsed.index, range: parsed.range, key: parsed.key };
  }
  throw invalid;
}
