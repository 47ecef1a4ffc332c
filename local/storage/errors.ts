/**
 * Errors the emulated storage answers with, in the platform's `{code, message}` body shape.
 * `@forge/kvs` turns any non-2xx JSON body with `code` and `message` into a `ForgeKvsAPIError`
 * carrying that code, and turns 404 `KEY_NOT_FOUND` on get/delete into `undefined`.
 */

export type StorageErrorCode =
  | 'KEY_NOT_FOUND'
  | 'BAD_REQUEST'
  | 'VALIDATION_ERROR'
  | 'PERMISSION_DENIED'
  | 'STORAGE_LIMIT_EXCEEDED'
  | 'INTERNAL_SERVER_ERROR'
  // Local choices where the platform's exact code is not documented (see local/storage/README.md):
  | 'KEY_ALREADY_EXISTS'
  | 'CONDITIONAL_CHECK_FAILED';

export class StorageError extends Error {
  constructor(
    readonly status: number,
    readonly code: StorageErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'StorageError';
  }
}

export const badRequest = (message: string): StorageError => new StorageError(400, 'BAD_REQUEST', message);
export const validationError = (message: string): StorageError => new StorageError(400, 'VALIDATION_ERROR', message);
export const limitExceeded = (message: string): StorageError => new StorageError(400, 'STORAGE_LIMIT_EXCEEDED', message);
export const permissionDenied = (message: string): StorageError => new StorageError(403, 'PERMISSION_DENIED', message);
export const keyNotFound = (): StorageError => new StorageError(404, 'KEY_NOT_FOUND', 'Provided key does not exist');
/** FAIL_IF_EXISTS on a live key: a conflict, like the platform's 409 "Conflicting update occurred". */
export const keyAlreadyExists = (key: string): StorageError =>
  new StorageError(409, 'KEY_ALREADY_EXISTS', `Key "${key}" already exists and keyPolicy is FAIL_IF_EXISTS`);
/** A transaction whose condition did not hold is cancelled as a whole: 409, nothing written. */
export const conditionFailed = (message: string): StorageError => new StorageError(409, 'CONDITIONAL_CHECK_FAILED', message);
export const internalError = (message = 'An internal server error has occurred'): StorageError =>
  new StorageError(500, 'INTERNAL_SERVER_ERROR', message);
