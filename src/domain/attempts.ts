/**
 * The one optimistic-concurrency loop: read, plan, write conditionally, and on a lost race read
 * again, a bounded number of times. A step answers its outcome, or `TRY_AGAIN` when its
 * conditional write lost a race; after the last attempt the caller decides what a persistent
 * race means (a CONFLICT for the person, an error for a background run).
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
