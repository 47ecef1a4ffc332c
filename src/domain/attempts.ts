/**
 * The one retry loop: run a step, and run it again while it answers `TRY_AGAIN`, a bounded number
 * of times. Mostly optimistic concurrency (read, plan, write conditionally, and on a lost race read
 * again); the audit recorder also uses it to try a plain write once more after a storage error.
 * After the last attempt the caller decides what `TRY_AGAIN` means (a CONFLICT for the person, an
 * error for a background run, a discarded event for the recorder).
 */
export const TRY_AGAIN = Symbol('try again');
export type Attempt<T> = T | typeof TRY_AGAIN;

export async function withAttempts<T>(times: number, step: (attempt: number) => Promise<Attempt<T>>): Promise<Attempt<T>> {
  for (let attempt = 0; attempt < times; attempt += 1) {
    const outcome = await step(attempt);
    if (outcome !== TRY_AGAIN) return outcome;
  }
  return TRY_AGAIN;
}
