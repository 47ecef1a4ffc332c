/** Polls `condition` until it holds; fails with `what` after `timeoutMs`, so a poll can never hang a run. */
export async function waitUntil(what: string, condition: () => Promise<boolean> | boolean, timeoutMs = 10_000, everyMs = 5): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}
