/**
 * Telling a refused cursor from a failing store in `@forge/kvs` errors. The platform answers a
 * request it will not run with 400 and a code (`BAD_REQUEST`, `VALIDATION_ERROR`, …; the code for
 * a bad cursor is not documented), and an outage with 5xx or 429. Only the first, on a query that
 * carried a cursor, is the caller's cursor at fault: the rest of the query is built by the app and
 * is the same on the first page, where no cursor is sent.
 */
import { ForgeKvsAPIError } from '@forge/kvs';
import { CursorRefusedError } from '../../domain/cursor-refused';

function refusedAsInvalid(error: unknown): boolean {
  return error instanceof ForgeKvsAPIError && error.responseDetails?.status === 400;
}

/** Runs a storage query; when it carried a cursor and storage refused it, throws CursorRefusedError. */
export async function queryWithCursor<T>(cursor: string | null | undefined, run: () => Promise<T>): Promise<T> {
  if (!cursor) return run();
  try {
    return await run();
  } catch (error) {
    if (refusedAsInvalid(error)) throw new CursorRefusedError();
    throw error;
  }
}
