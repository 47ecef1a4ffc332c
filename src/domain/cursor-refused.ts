/**
 * Storage refused a query because of the cursor it continued from (a cursor that was altered,
 * truncated, or issued for another query). The adapters throw it only for a query that carried
 * a cursor and was answered 400; the use case turns it into an invalid-input answer. Any other
 * storage failure stays an infrastructure error (UNAVAILABLE / 503).
 */
export class CursorRefusedError extends Error {
  constructor() {
    super('Storage refused the page cursor');
    this.name = 'CursorRefusedError';
  }
}
